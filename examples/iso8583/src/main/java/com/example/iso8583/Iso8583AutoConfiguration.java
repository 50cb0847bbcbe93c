package com.example.iso8583;

import io.tcpgateway.reply.ReplyService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The plugin's beans: the reply service named {@code iso8583}, which application.yml gives the
 * listener. Listed in META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports.
 */
@AutoConfiguration
public class Iso8583AutoConfiguration {

	@Bean
	ReplyService iso8583(@Value("${iso8583.approval-limit:100000}") long approvalLimit) {
		return new Authorizer(approvalLimit)::answer;
	}

}
