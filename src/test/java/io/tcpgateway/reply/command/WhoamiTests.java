package io.tcpgateway.reply.command;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.support.ProxyHeaders;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WHOAMI answers the client as the server sees it: behind a proxy, over IPv6, with a certificate
 * (its subject's control characters escaped, so the answer stays one line).
 */
class WhoamiTests {

	@TempDir
	Path dir;

	@Test
	void aDirectClientOverIpv4AndIpv6() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.host=::",
				"--spring.main.web-application-type=none")) {
			try (TcpTestClient v4 = TcpTestClient.connect(server.tcpPort())) {
				assertThat(v4.request("WHOAMI")).isEqualTo("127.0.0.1:" + v4.socket().getLocalPort());
			}
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("::1", server.tcpPort()), 10_000);
			try (TcpTestClient v6 = TcpTestClient.over(socket, "lf")) {
				assertThat(v6.request("whoami")).isEqualTo("[0:0:0:0:0:0:0:1]:" + socket.getLocalPort());
			}
		}
	}

	@Test
	void theRealClientBehindATrustedProxy() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.proxy-protocol=v2",
				"--tcp.server.trusted-proxies=127.0.0.1", "--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
			client.sendRaw(ProxyHeaders.v2(false, "2001:db8::17", "2001:db8::1", 50999, new byte[0]));
			assertThat(client.request("WHOAMI")).isEqualTo("[2001:db8:0:0:0:0:0:17]:50999");
		}
	}

	@Test
	void theClientCertificatesSubjectOverMutualTls() throws Exception {
		TestCertificates certificates = TestCertificates.create(this.dir);
		certificates.addTrustedClient("forger", "CN=device\r\nPONG\u001b[31m");
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", true));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.ssl.client-auth=want",
				"--spring.main.web-application-type=none"));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new))) {
			try (TcpTestClient trusted = TcpTestClient.over(certificates.connect(server.tcpPort(), "client"), "lf")) {
				assertThat(trusted.request("WHOAMI"))
					.isEqualTo("127.0.0.1:" + trusted.socket().getLocalPort() + " CN=trusted-client");
			}
			try (TcpTestClient forger = TcpTestClient.over(certificates.connect(server.tcpPort(), "forger"), "lf")) {
				assertThat(forger.request("WHOAMI")).as("one line, its control characters escaped")
					.isEqualTo("127.0.0.1:" + forger.socket().getLocalPort() + " CN=device\\x0D\\x0APONG\\x1B[31m");
				assertThat(forger.request("PING")).isEqualTo("PONG");
			}
			try (TcpTestClient anonymous = TcpTestClient.over(certificates.connect(server.tcpPort(), null), "lf")) {
				assertThat(anonymous.request("WHOAMI")).isEqualTo("127.0.0.1:" + anonymous.socket().getLocalPort());
			}
		}
	}

}
