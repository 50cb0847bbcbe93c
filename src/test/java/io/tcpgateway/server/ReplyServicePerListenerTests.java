package io.tcpgateway.server;

import java.util.Locale;

import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two listeners side by side, each answered by the reply service it names: an HL7 port over
 * MLLP that acknowledges every message, and a line port beside it.
 */
class ReplyServicePerListenerTests {

	@Configuration(proxyBeanMethods = false)
	static class TwoServices {

		/** The message control id is MSH-10: the tenth field of the first segment. */
		@Bean
		ReplyService hl7() {
			return (message) -> Reply.of("MSH|^~\\&|GATEWAY\rMSA|AA|" + message.split("\r")[0].split("\\|")[9]);
		}

		@Bean
		ReplyService shout() {
			return (message) -> Reply.of(message.toUpperCase(Locale.ROOT));
		}

	}

	@Test
	void eachListenerIsAnsweredByTheServiceItNames() throws Exception {
		try (RunningServer server = RunningServer.start(new Class<?>[] { TwoServices.class },
				"--spring.main.web-application-type=none", "--tcp.server.reply-service=shout",
				"--tcp.server.listeners.hl7.port=0", "--tcp.server.listeners.hl7.codec=mllp",
				"--tcp.server.listeners.hl7.reply-service=hl7");
				TcpTestClient lines = TcpTestClient.connect(server.tcpPort());
				TcpTestClient hl7 = TcpTestClient.connect(server.tcpPort("hl7"), "mllp")) {
			assertThat(lines.request("ping")).isEqualTo("PING");
			assertThat(hl7.request("MSH|^~\\&|LAB|HOSP|GATEWAY|HOSP|20240101120000||ORU^R01|MSG00042|P|2.5\r"
					+ "PID|1||12345")).isEqualTo("MSH|^~\\&|GATEWAY\rMSA|AA|MSG00042");
			assertThat(lines.request("still shouting")).isEqualTo("STILL SHOUTING");
		}
	}

}
