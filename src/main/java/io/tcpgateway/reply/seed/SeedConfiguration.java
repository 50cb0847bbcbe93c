package io.tcpgateway.reply.seed;

import io.tcpgateway.reply.ControlCharacters;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.reply.command.ReplyAutoConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

/**
 * {@code --spring.profiles.active=seed}: the tutorial server this project grew from, exactly.
 * {@code application-seed.yml} puts TCP on 8080 (raw, no framing) and HTTP on 8081; this reply
 * service logs who connected and what it sent, answers {@code Hello from TCP server!} without a
 * terminator, and closes.
 */
@AutoConfiguration(before = ReplyAutoConfiguration.class)
@Profile("seed")
public class SeedConfiguration {

	private static final Log log = LogFactory.getLog(SeedConfiguration.class);

	@Bean
	ReplyService seedReplyService() {
		return ReplyService.forRequests((request) -> {
			log.info("Connection from " + request.connection().remoteAddress());
			log.info("Received: " + ControlCharacters.escape(request.text()));
			return Reply.andClose("Hello from TCP server!");
		});
	}

}
