package com.example.shout;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Listed in META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports. */
@AutoConfiguration
public class ShoutAutoConfiguration {

	@Bean
	Command shout() {
		return Command.of("SHOUT", (argument) -> Reply.of(argument.toUpperCase()));
	}

}
