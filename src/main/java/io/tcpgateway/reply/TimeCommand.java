package io.tcpgateway.reply;

import java.time.Clock;
import java.time.Instant;

/** {@code TIME} answers the current instant in ISO-8601, UTC. */
class TimeCommand implements Command {

	private final Clock clock;

	TimeCommand(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String name() {
		return "TIME";
	}

	@Override
	public Reply answer(String argument) {
		return Reply.of(Instant.now(this.clock).toString());
	}

}
