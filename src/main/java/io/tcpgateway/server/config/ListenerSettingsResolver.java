package io.tcpgateway.server.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.ssl.SslProvider;
import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.security.ClientAuth;
import io.tcpgateway.security.ServerTls;
import io.tcpgateway.server.ListenerSettings;
import io.tcpgateway.server.admission.AdmissionPolicy;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.server.view.ListenerView;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

/**
 * The one place where listener settings are resolved and validated, the same way for every
 * listener: the default one from {@code tcp.server.*}, each named one from
 * {@code tcp.server.listeners.<name>.*} over those. Every error names the listener's own
 * property (the failure analyzer adds its environment-variable form).
 */
class ListenerSettingsResolver {

	private final Environment environment;

	private final ListenerProperties defaults;

	private final SslBundles sslBundles;

	ListenerSettingsResolver(Environment environment, ListenerProperties defaults, SslBundles sslBundles) {
		this.environment = environment;
		this.defaults = defaults;
		this.sslBundles = sslBundles;
	}

	/** Every listener: the default one first, then the named ones in the given order. */
	List<ListenerSettings> resolve(List<String> names) {
		List<ListenerSettings> all = new ArrayList<>();
		for (String name : names) {
			all.add(ListenerView.DEFAULT.equals(name) ? resolve(name, this.defaults) : resolve(name, bind(name)));
		}
		return all;
	}

	/** Binds a named listener with the default listener's values under the keys it leaves unset. */
	private ListenerProperties bind(String name) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(TcpListenerNames.prefix(name));
		ApplicationConversionService conversion = new ApplicationConversionService();
		conversion.addConverter(new CodecConverter());
		Binder binder = new Binder(
				List.of(new ListenerPropertySource(ConfigurationPropertySources.get(this.environment), prefix)),
				new PropertySourcesPlaceholdersResolver(this.environment), List.of(conversion), null, null, null);
		return binder.bindOrCreate(prefix, Bindable.of(ListenerProperties.class), null);
	}

	private ListenerSettings resolve(String name, ListenerProperties properties) {
		Keys keys = new Keys(name);
		int port = port(keys, properties.port());
		InetSocketAddress address = new InetSocketAddress(properties.host(), port);
		if (properties.host().isBlank() || address.isUnresolved()) {
			throw keys.invalid("host", "is '" + properties.host() + "', which is neither an IP address nor a host "
					+ "name this machine can resolve; use an interface address such as 0.0.0.0, 127.0.0.1 or ::");
		}
		atLeast(keys, "backlog", properties.backlog(), 1);
		notNegative(keys, "idle-timeout", properties.idleTimeout(), "0 (no timeout) or a positive duration");
		positive(keys, "write-timeout", properties.writeTimeout());
		return new ListenerSettings(name, address, properties.backlog(), properties.codec(),
				maxMessageSize(keys, properties), properties.singleUse(), properties.idleTimeout(),
				properties.tcpNoDelay(), properties.keepAlive(), properties.writeTimeout(), tls(keys, properties.ssl()),
				properties.proxyProtocol(), admission(keys, properties), properties.charset(),
				(properties.greeting() == null || properties.greeting().isEmpty()) ? null : properties.greeting(),
				properties.accessLog());
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

	private static int maxMessageSize(Keys keys, ListenerProperties properties) {
		int codecMax = properties.codec().maxPayload();
		Integer size = properties.maxMessageSize();
		if (size == null) {
			return Math.min(ListenerProperties.DEFAULT_MAX_MESSAGE_SIZE, codecMax);
		}
		atLeast(keys, "max-message-size", size, 1);
		if (size > codecMax) {
			throw keys.invalid("max-message-size", "is " + size + ", more than " + keys.name("codec") + "="
					+ properties.codec().propertyValue() + " can frame (at most " + codecMax
					+ " bytes); lower it or choose a codec with a longer length header");
		}
		return size;
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
