package io.tcpgateway.reply.command;

import java.time.Clock;
import java.util.List;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.ReplyService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The default reply service and its commands. An auto-configuration, so that it backs off
 * when the application declares its own {@link ReplyService} or {@link Clock}.
 */
@AutoConfiguration
public class ReplyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean(ReplyService.class)
	CommandReplyService commandReplyService(List<Command> commands) {
		return new CommandReplyService(commands);
	}

	@Bean
	PingCommand pingCommand() {
		return new PingCommand();
	}

	@Bean
	EchoCommand echoCommand() {
		return new EchoCommand();
	}

	@Bean
	HelloCommand helloCommand() {
		return new HelloCommand();
	}

	@Bean
	TimeCommand timeCommand(Clock clock) {
		return new TimeCommand(clock);
	}

	@Bean
	QuitCommand quitCommand() {
		return new QuitCommand();
	}

	@Bean
	WhoamiCommand whoamiCommand() {
		return new WhoamiCommand();
	}

	@Bean
	LoginCommand loginCommand() {
		return new LoginCommand();
	}

}
