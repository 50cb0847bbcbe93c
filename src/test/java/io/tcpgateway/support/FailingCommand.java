package io.tcpgateway.support;

import io.tcpgateway.reply.Command;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A {@code FAIL} command whose service throws: the server answers it {@code ERR internal error}. */
@Configuration(proxyBeanMethods = false)
public class FailingCommand {

	@Bean
	Command fail() {
		return Command.of("FAIL", (argument) -> {
			throw new IllegalStateException("deliberate");
		});
	}

}
