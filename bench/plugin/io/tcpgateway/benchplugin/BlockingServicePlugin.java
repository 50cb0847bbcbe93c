package io.tcpgateway.benchplugin;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The blocking back-end of the virtual-threads benchmark, added to the fat jar the way a user
 * extends it: a command bean on Spring Boot's loader path. {@code SLEEP <payload>} blocks for
 * {@code bench.sleep-ms} (50 ms), like a database call, then answers the payload.
 * bench/run.sh compiles it against the extracted fat jar.
 */
@AutoConfiguration
public class BlockingServicePlugin {

	@Bean
	Command sleep(org.springframework.core.env.Environment environment) {
		long millis = environment.getProperty("bench.sleep-ms", Long.class, 50L);
		return Command.withRequest("SLEEP", (argument) -> {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Reply.of(argument.bytes());
		});
	}

}
