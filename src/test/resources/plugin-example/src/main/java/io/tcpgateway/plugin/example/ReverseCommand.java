package io.tcpgateway.plugin.example;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

import org.springframework.stereotype.Component;

/** A component under io.tcpgateway, which the application's own component scan finds. */
@Component
public class ReverseCommand implements Command {

	@Override
	public String name() {
		return "REVERSE";
	}

	@Override
	public Reply answer(String argument) {
		return Reply.of(new StringBuilder(argument).reverse().toString());
	}

}
