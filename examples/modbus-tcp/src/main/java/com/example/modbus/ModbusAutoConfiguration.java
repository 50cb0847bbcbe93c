package com.example.modbus;

import io.tcpgateway.reply.ReplyService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The plugin's beans: the reply service named {@code modbus}, which application.yml gives the
 * listener. Listed in META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports.
 */
@AutoConfiguration
public class ModbusAutoConfiguration {

	@Bean
	ReplyService modbus(@Value("${modbus.holding-registers:100}") int holdingRegisters) {
		return ReplyService.forRequests(new ModbusServer(new HoldingRegisters(holdingRegisters))::answer);
	}

}
