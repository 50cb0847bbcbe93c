package io.tcpgateway.server.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.SslProvider;
import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.security.ClientAuth;
import io.tcpgateway.security.ServerTls;
import io.tcpgateway.server.ListenerSettings;
import io.tcpgateway.server.admission.AdmissionPolicy;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.codec.LineEnding;
import io.tcpgateway.server.codec.ReplyTooLongException;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.server.view.ListenerView;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.unit.DataSize;

/**
 * The one place where listener settings are validated, the same way for every listener, once
 * each key is filled in ({@link ListenerProperties#inheriting}). Every error names the
 * listener's own property (the failure analyzer adds its environment-variable form).
 */
class ListenerSettingsResolver {

	private final SslBundles sslBundles;

	ListenerSettingsResolver(SslBundles sslBundles) {
		this.sslBundles = sslBundles;
	}

	/**
	 * @param name the listener's name ({@code default} for the one under {@code tcp.server})
	 * @param properties its settings, every key with a default filled in
	 */
	ListenerSettings resolve(String name, ListenerProperties properties) {
		Keys keys = new Keys(name);
		int port = port(keys, properties.port());
		String host = properties.host();
		InetSocketAddress address = new InetSocketAddress(host, port);
		if (host.isBlank() || address.isUnresolved()) {
			throw keys.invalid("host", "is '" + host + "', which is neither an IP address nor a host "
					+ "name this machine can resolve; use an interface address such as 0.0.0.0, 127.0.0.1 or ::");
		}
		atLeast(keys, "backlog", properties.backlog(), 1);
		notNegative(keys, "idle-timeout", properties.idleTimeout(), "0 (no timeout) or a positive duration");
		positive(keys, "write-timeout", properties.writeTimeout());
		Codec requests = new CodecResolver(keys::name).codec(properties);
		Codec codec = (properties.lineEnding() == LineEnding.LF) ? requests.endingWithBareLf() : requests;
		Codec bareLineReplies = (properties.lineEnding() == LineEnding.CRLF) ? codec : codec.endingWithBareLf();
		return new ListenerSettings(name, address, properties.backlog(), codec,
				maxMessageSize(keys, codec, properties.maxMessageSize()), properties.singleUse(),
				properties.idleTimeout(), properties.tcpNoDelay(), properties.keepAlive(), properties.writeTimeout(),
				tls(keys, properties.ssl()), properties.proxyProtocol(), admission(keys, properties),
				properties.charset(), greeting(keys, codec, properties), properties.accessLog(),
				maxPendingPushes(keys, properties.maxPendingPushes()), maxPendingReplyBytes(keys, properties),
				bareLineReplies, properties.httpPush());
	}

	private static int maxPendingReplyBytes(Keys keys, ListenerProperties properties) {
		DataSize size = properties.maxPendingReplyBytes();
		if (size.toBytes() < 2 || size.toBytes() > Integer.MAX_VALUE) {
			throw keys.invalid("max-pending-reply-bytes", "must be between 2 bytes and 2GB, was " + size);
		}
		return (int) size.toBytes();
	}

	private static int maxPendingPushes(Keys keys, int max) {
		atLeast(keys, "max-pending-pushes", max, 1);
		return max;
	}

	private static AdmissionPolicy admission(Keys keys, ListenerProperties properties) {
		atLeast(keys, "max-connections", properties.maxConnections(), 0);
		atLeast(keys, "max-connections-per-client", properties.maxConnectionsPerClient(), 0);
		atLeast(keys, "max-connection-rate-per-client", properties.maxConnectionRatePerClient(), 0);
		atLeast(keys, "max-tracked-clients", properties.maxTrackedClients(), 1);
		positive(keys, "handshake-timeout", properties.handshakeTimeout());
		CidrRanges trustedProxies = ranges(keys, "trusted-proxies", properties.trustedProxies());
		if (properties.proxyProtocol() != ProxyProtocol.OFF && trustedProxies.isEmpty()) {
			throw keys.invalid("trusted-proxies", "is required when " + keys.name("proxy-protocol") + " is "
					+ properties.proxyProtocol().propertyValue() + ": list the load balancers' addresses as CIDR ranges "
					+ "(such as 10.0.0.0/8), or 0.0.0.0/0,::/0 to trust every peer");
		}
		return new AdmissionPolicy(ranges(keys, "allowed-clients", properties.allowedClients()), trustedProxies,
				properties.maxConnections(), properties.maxConnectionsPerClient(),
				properties.maxConnectionRatePerClient(), properties.maxTrackedClients(), properties.handshakeTimeout());
	}

	private static int port(Keys keys, @Nullable Integer port) {
		if (port == null) {
			if (keys.isDefault()) {
				return ListenerProperties.DEFAULT_PORT;
			}
			throw keys.invalid("port", "is required for a listener (0 picks a free port)");
		}
		if (port < 0 || port > 65535) {
			throw keys.invalid("port", "must be between 0 and 65535, was " + port);
		}
		return port;
	}

	private static int maxMessageSize(Keys keys, Codec codec, @Nullable Integer size) {
		int codecMax = codec.maxPayload();
		int codecMin = codec.minPayload();
		if (size == null) {
			return Math.max(codecMin, Math.min(ListenerProperties.DEFAULT_MAX_MESSAGE_SIZE, codecMax));
		}
		atLeast(keys, "max-message-size", size, 1);
		if (size > codecMax) {
			throw keys.invalid("max-message-size", "is " + size + ", more than " + keys.name("codec") + "="
					+ codec.propertyValue() + " can frame (at most " + codecMax
					+ " bytes); lower it or choose a framing that carries more");
		}
		if (size < codecMin) {
			throw keys.invalid("max-message-size", "is " + size + ", less than the smallest message "
					+ keys.name("codec") + "=" + codec.propertyValue() + " frames (" + codecMin
					+ " bytes); raise it or leave it unset");
		}
		return size;
	}

	/** The greeting, which must fit the codec's framing, as every reply must. */
	private static @Nullable String greeting(Keys keys, Codec codec, ListenerProperties properties) {
		String greeting = properties.greeting();
		if (greeting == null || greeting.isEmpty()) {
			return null;
		}
		try {
			codec.encode(UnpooledByteBufAllocator.DEFAULT, greeting, properties.charset()).release();
		}
		catch (ReplyTooLongException ex) {
			throw keys.invalid("greeting", "cannot be sent on " + keys.name("codec") + "=" + codec.propertyValue()
					+ ": " + ex.getMessage());
		}
		return greeting;
	}

	private static CidrRanges ranges(Keys keys, String key, List<String> cidrs) {
		try {
			return CidrRanges.of(keys.name(key), cidrs);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(keys.name(key), ex);
		}
	}

	private @Nullable ServerTls tls(Keys keys, TlsProperties ssl) {
		String bundle = ssl.bundle();
		if (bundle == null || bundle.isBlank()) {
			if (ssl.clientAuth() != ClientAuth.NONE) {
				throw keys.invalid("ssl.client-auth", "is " + ssl.clientAuth().name().toLowerCase(java.util.Locale.ROOT)
						+ ", which needs " + keys.name("ssl.bundle") + " to name an SSL bundle");
			}
			return null;
		}
		SslProvider provider;
		try {
			provider = ssl.provider().resolve(keys.name("ssl.provider"));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(keys.name("ssl.provider"), ex);
		}
		try {
			return ServerTls.from(keys.name("ssl.bundle"), bundle, ssl.clientAuth(), provider, this.sslBundles);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(keys.name("ssl.bundle"), ex);
		}
	}

	private static void atLeast(Keys keys, String key, int value, int min) {
		if (value < min) {
			throw keys.invalid(key, "must be at least " + min + ((min == 0) ? " (0 means no limit)" : "")
					+ ", was " + value);
		}
	}

	private static void positive(Keys keys, String key, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw keys.invalid(key, "must be a positive duration, was " + value);
		}
	}

	private static void notNegative(Keys keys, String key, Duration value, String allowed) {
		if (value.isNegative()) {
			throw keys.invalid(key, "must be " + allowed + ", was " + value);
		}
	}

	/** The property names of one listener's keys. */
	private record Keys(String listener) {

		boolean isDefault() {
			return ListenerView.DEFAULT.equals(this.listener);
		}

		String name(String key) {
			return TcpListenerNames.prefix(this.listener) + "." + key;
		}

		InvalidSettingException invalid(String key, String problem) {
			return new InvalidSettingException(name(key), problem);
		}

	}

}
