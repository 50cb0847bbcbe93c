package io.tcpgateway.reply.command;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.ProxyHeaders;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WHOAMI answers the client as the server sees it: behind a proxy, over IPv6, with a certificate
 * (its subject's control characters escaped, so the answer stays one line).
 */
class WhoamiTests {

	@TempDir
	static Path dir;

	static TestCertificates certificates;

	/** One server, a listener for each way a client can be seen. */
	@RegisterExtension
	static final SharedServer server = SharedServer.startedBy(() -> {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", true));
		args.add("--spring.main.web-application-type=none");
		args.addAll(NamedListener.args("dual", "host=::"));
		args.addAll(NamedListener.args("proxied", "proxy-protocol=v2", "trusted-proxies=127.0.0.1"));
		args.addAll(NamedListener.args("mutual", "ssl.bundle=tcp", "ssl.client-auth=want"));
		return RunningServer.start(args.toArray(String[]::new));
	});

	@BeforeAll
	static void makeCertificates() throws Exception {
		certificates = TestCertificates.create(dir);
		certificates.addTrustedClient("forger", "CN=device\r\nPONG\u001b[31m");
	}

	@Test
	void aDirectClientOverIpv4AndIpv6() throws Exception {
		int port = server.get().tcpPort("dual");
		try (TcpTestClient v4 = TcpTestClient.connect(port)) {
			assertThat(v4.request("WHOAMI")).isEqualTo("127.0.0.1:" + v4.socket().getLocalPort());
		}
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("::1", port), 10_000);
		try (TcpTestClient v6 = TcpTestClient.over(socket, "lf")) {
			assertThat(v6.request("whoami")).isEqualTo("[0:0:0:0:0:0:0:1]:" + socket.getLocalPort());
		}
	}

	@Test
	void theRealClientBehindATrustedProxy() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort("proxied"))) {
			client.sendRaw(ProxyHeaders.v2(false, "2001:db8::17", "2001:db8::1", 50999, new byte[0]));
			assertThat(client.request("WHOAMI")).isEqualTo("[2001:db8:0:0:0:0:0:17]:50999");
		}
	}

	@Test
	void theClientCertificatesSubjectOverMutualTls() throws Exception {
		int port = server.get().tcpPort("mutual");
		try (TcpTestClient trusted = TcpTestClient.over(certificates.connect(port, "client"), "lf")) {
			assertThat(trusted.request("WHOAMI"))
				.isEqualTo("127.0.0.1:" + trusted.socket().getLocalPort() + " CN=trusted-client");
		}
		try (TcpTestClient forger = TcpTestClient.over(certificates.connect(port, "forger"), "lf")) {
			assertThat(forger.request("WHOAMI")).as("one line, its control characters escaped")
				.isEqualTo("127.0.0.1:" + forger.socket().getLocalPort() + " CN=device\\x0D\\x0APONG\\x1B[31m");
			assertThat(forger.request("PING")).isEqualTo("PONG");
		}
		try (TcpTestClient anonymous = TcpTestClient.over(certificates.connect(port, null), "lf")) {
			assertThat(anonymous.request("WHOAMI")).isEqualTo("127.0.0.1:" + anonymous.socket().getLocalPort());
		}
	}

}
