package io.tcpgateway.reply;

import io.tcpgateway.server.NettyServerConnectionFactory;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** A user replaces the whole reply logic by declaring a {@link ReplyService} bean. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "tcp.server.port=0")
class ReplacedReplyServiceTests {

	@TestConfiguration
	static class UserService {

		@Bean
		ReplyService reverse() {
			return message -> message.equals("bye") ? Reply.andClose("ok bye")
					: Reply.of(new StringBuilder(message).reverse().toString());
		}

	}

	@Autowired
	NettyServerConnectionFactory factory;

	@Autowired
	ApplicationContext context;

	@Test
	void theUsersServiceAnswersEveryMessageAndTheDefaultBacksOff() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(this.factory.getPort())) {
			assertThat(client.request("PING")).isEqualTo("GNIP");
			assertThat(client.request("bye")).isEqualTo("ok bye");
			assertThat(client.isClosedByServer()).isTrue();
		}
		assertThat(this.context.getBeansOfType(ReplyService.class)).containsOnlyKeys("reverse");
	}

}
