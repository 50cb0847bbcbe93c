package io.tcpgateway.reply.command;

import io.tcpgateway.reply.Reply;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** {@code TIME} answers the current instant in ISO-8601, UTC, to the millisecond. */
class TimeCommand implements BuiltInCommand {

	/** Always three fraction digits, as documented: {@code 2026-11-25T10:15:30.123Z}. */
	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

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
		return Reply.of(FORMAT.format(Instant.now(this.clock)));
	}

}
