package io.tcpgateway.reply;

import java.util.Locale;

import io.tcpgateway.server.NettyServerConnectionFactory;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** A user adds commands by declaring {@link Command} beans. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "tcp.server.port=0")
class CustomCommandTests {

	@TestConfiguration
	static class UserCommands {

		@Bean
		Command upper() {
			return Command.of("UPPER", (argument) -> Reply.of(argument.toUpperCase(Locale.ROOT)));
		}

		@Bean
		Command broken() {
			return Command.of("BROKEN", (argument) -> {
				throw new IllegalStateException("deliberate failure with a secret detail");
			});
		}

	}

	@Autowired
	NettyServerConnectionFactory factory;

	@Test
	void aCommandBeanAnswersBesideTheBuiltInOnes() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(this.factory.getPort())) {
			assertThat(client.request("upper shout this")).isEqualTo("SHOUT THIS");
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aCommandThatThrowsGetsInternalErrorWithoutDetailsAndTheConnectionStaysUsable() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(this.factory.getPort())) {
			assertThat(client.request("BROKEN")).isEqualTo("ERR internal error");
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

}
