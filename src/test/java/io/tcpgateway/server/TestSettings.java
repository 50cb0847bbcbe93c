package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.security.ClientAllowList;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.proxy.ProxyProtocol;

/** Listener settings for handler tests: lf, 100-byte messages, no limits, unless changed. */
final class TestSettings {

	private TestSettings() {
	}

	static ListenerSettings lf() {
		return with(0, false, Duration.ZERO, ProxyProtocol.OFF, List.of());
	}

	static ListenerSettings with(int maxConnections, boolean singleUse, Duration idleTimeout, ProxyProtocol proxy,
			List<String> allowedClients) {
		return new ListenerSettings("default", new InetSocketAddress("127.0.0.1", 0), 16, Codec.LF, 100, singleUse,
				idleTimeout, true, true, maxConnections, Duration.ofSeconds(30),
				ClientAllowList.of("tcp.server.allowed-clients", allowedClients), null, proxy);
	}

}
