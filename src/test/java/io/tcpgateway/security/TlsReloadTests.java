package io.tcpgateway.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Certificate rotation without a restart: with {@code reload-on-update} on the SSL bundle,
 * replacing the key store file makes new connections present the new certificate within Boot's
 * quiet period, while connections already open go on.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsReloadTests {

	@Test
	void replacingTheBundlesFilesRotatesTheCertificateForNewConnectionsOnly(CapturedOutput output,
			@TempDir Path dir) throws Exception {
		TestCertificates before = TestCertificates.create(Files.createDirectory(dir.resolve("before")));
		TestCertificates after = TestCertificates.create(Files.createDirectory(dir.resolve("after")));
		Path live = Files.createDirectory(dir.resolve("live")).resolve("server.p12");
		Files.copy(before.path("server.p12"), live);
		String bundle = "--spring.ssl.bundle.jks.tcp.";
		try (RunningServer server = RunningServer.start(bundle + "keystore.location=file:" + live,
				bundle + "keystore.password=" + TestCertificates.PASSWORD, bundle + "keystore.type=PKCS12",
				bundle + "reload-on-update=true", "--spring.ssl.bundle.watch.file.quiet-period=200ms",
				"--tcp.server.ssl.bundle=tcp", "--spring.main.web-application-type=none");
				TcpTestClient open = TcpTestClient.over(before.connect(server.tcpPort(), null), "lf")) {
			assertThat(open.request("PING")).isEqualTo("PONG");
			assertThatException().as("a client that trusts only the next certificate is refused for now")
				.isThrownBy(() -> after.connect(server.tcpPort(), null).close());

			Path next = live.resolveSibling("server.p12.next");
			Files.copy(after.path("server.p12"), next);
			Files.move(next, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
				try (TcpTestClient fresh = TcpTestClient.over(after.connect(server.tcpPort(), null), "lf")) {
					assertThat(fresh.request("PING")).isEqualTo("PONG");
				}
			});
			assertThatException().as("new connections no longer present the old certificate")
				.isThrownBy(() -> before.connect(server.tcpPort(), null).close());
			assertThat(open.request("ECHO still here")).isEqualTo("still here");
			List<String> reloaded = output.toString()
				.lines()
				.filter((line) -> line.contains("SSL bundle 'tcp' reloaded"))
				.toList();
			assertThat(reloaded).hasSize(1);
			assertThat(reloaded.get(0)).contains("INFO").contains("tcp.server.ssl.bundle");
		}
	}

}
