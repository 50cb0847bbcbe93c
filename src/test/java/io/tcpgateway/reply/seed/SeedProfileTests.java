package io.tcpgateway.reply.seed;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tcpgateway.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code seed} profile logs what each client sent (its first read), with control characters
 * escaped: a client cannot add a line of its own to the log, or colour it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeedProfileTests {

	@Test
	void theReceivedLineEscapesControlCharacters(CapturedOutput output) throws Exception {
		try (RunningServer server = RunningServer.start("--spring.profiles.active=seed",
				"--spring.main.web-application-type=none");
				Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()), 10_000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("hello\r\n2026-12-04T00:00:00.000Z  INFO forged\u001b[31m".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello from TCP server!");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.toString()
					.contains("Received: hello\\x0D\\x0A2026-12-04T00:00:00.000Z  INFO forged\\x1B[31m"));
			assertThat(output.toString()).doesNotContain("\u001b[31m")
				.doesNotContain("\n2026-12-04T00:00:00.000Z  INFO forged");
		}
	}

}
