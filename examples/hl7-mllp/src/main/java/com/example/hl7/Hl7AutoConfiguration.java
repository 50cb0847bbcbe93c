package com.example.hl7;

import java.time.Clock;

import io.tcpgateway.reply.ReplyService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The plugin's beans: the reply service named {@code hl7}, which application.yml gives the
 * listener. Listed in META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports.
 */
@AutoConfiguration
public class Hl7AutoConfiguration {

	@Bean
	ReplyService hl7() {
		return new Acknowledger(Clock.systemUTC())::acknowledge;
	}

}
