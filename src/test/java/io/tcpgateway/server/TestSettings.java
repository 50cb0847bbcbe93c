package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.server.admission.AdmissionPolicy;
import io.tcpgateway.server.admission.ConnectionAdmission;
import io.tcpgateway.server.admission.DescriptorBudget;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.server.view.TrafficRecorder;

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
				idleTimeout, true, true, Duration.ofSeconds(30), null, proxy,
				new AdmissionPolicy(CidrRanges.of("tcp.server.allowed-clients", allowedClients),
						CidrRanges.of("tcp.server.trusted-proxies", List.of("127.0.0.0/8")), maxConnections, 0, 0, 65_536,
						Duration.ofSeconds(10)),
				java.nio.charset.StandardCharsets.UTF_8, null, false, 32, 65536, Codec.LF.endingWithBareLf(), true);
	}

	/** The admission of these settings, counting into {@code traffic}. */
	static ConnectionAdmission admission(ListenerSettings settings, TrafficRecorder traffic) {
		return new ConnectionAdmission(settings.name(), settings.admission(), settings.proxyProtocol(), false,
				settings.codec(), DescriptorBudget.ofThisProcess(), () -> traffic, System::nanoTime);
	}

}
