package io.tcpgateway.reply.command;

import io.tcpgateway.reply.ControlCharacters;
import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import io.tcpgateway.support.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** How the default service turns a message into a command and its argument. */
@ExtendWith(SeededRandom.class)
class CommandReplyServiceTests {

	static final int TEXTS = 1000;

	final CommandReplyService service = new CommandReplyService(List.of(new PingCommand(), new EchoCommand(),
			new HelloCommand(), new QuitCommand(),
			new TimeCommand(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))));

	@Test
	void theFirstWordSelectsTheCommandCaseInsensitively() {
		assertThat(this.service.reply("ping")).isEqualTo(Reply.of("PONG"));
		assertThat(this.service.reply("Time")).isEqualTo(Reply.of("2026-01-02T03:04:05.000Z"));
		assertThat(this.service.reply("  PING")).isEqualTo(Reply.of("PONG"));
	}

	@Test
	void timeHasExactlyMillisecondPrecision() {
		TimeCommand time = new TimeCommand(Clock.fixed(Instant.parse("2026-11-25T10:15:30.123456789Z"), ZoneOffset.UTC));
		assertThat(time.answer("")).isEqualTo(Reply.of("2026-11-25T10:15:30.123Z"));
	}

	@Test
	void quitAsksToCloseTheConnectionAsTheEndOfTheSession() {
		Reply bye = this.service.reply("QUIT");
		assertThat(bye).isEqualTo(Reply.bye("BYE"));
		assertThat(bye.closeConnection()).isTrue();
		assertThat(bye.endsSession()).isTrue();
	}

	@Test
	void blankMessagesAreEmpty() {
		assertThat(this.service.reply("")).isEqualTo(Reply.of("ERR empty message"));
		assertThat(this.service.reply("   ")).isEqualTo(Reply.of("ERR empty message"));
	}

	@Test
	void clientTextInATextReplyHasItsControlCharactersEscaped() {
		assertThat(this.service.reply("\u001b[2J\rX y")).isEqualTo(Reply.of("ERR unknown command: \\x1B[2J\\x0DX"));
		assertThat(this.service.reply("HELLO a\u001bb")).isEqualTo(Reply.of("Hello, a\\x1Bb!"));
		assertThat(this.service.reply("ECHO a\u001bb").bytes(StandardCharsets.UTF_8))
			.as("ECHO answers the bytes as received")
			.isEqualTo("a\u001bb".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void anUnknownWordIsNamedButNotReflectedWhole() {
		assertThat(this.service.reply("FROB x")).isEqualTo(Reply.of("ERR unknown command: FROB"));
		assertThat(this.service.reply("Z".repeat(1000)).text())
			.isEqualTo("ERR unknown command: " + "Z".repeat(64) + "...");
	}

	@Test
	void twoCommandsWithOneNameAreAConfigurationError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new CommandReplyService(List.of(new PingCommand(), new PingCommand())))
			.withMessageContaining("Two command beans are named 'PING'");
	}

	@Test
	void echoAnswersAnyTextExactly(Random random) {
		for (int i = 0; i < TEXTS; i++) {
			String text = randomText(random);
			// ECHO answers the argument's bytes, so it is exact for binary arguments too
			assertThat(this.service.reply("ECHO " + text).bytes(StandardCharsets.UTF_8))
				.isEqualTo(text.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void helloGreetsAnyNonBlankNameItsControlCharactersEscaped(Random random) {
		for (int i = 0; i < TEXTS; i++) {
			String name = randomText(random);
			String expected = name.isBlank() ? "Hello from TCP server!" : "Hello, " + ControlCharacters.escape(name) + "!";
			assertThat(this.service.reply("HELLO " + name).text()).isEqualTo(expected);
		}
	}

	/** Up to 40 code points: spaces, control characters, ASCII, and any plane, surrogate pairs included. */
	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(41);
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(switch (random.nextInt(4)) {
				case 0 -> ' ';
				case 1 -> random.nextInt(0x20);
				case 2 -> 0x20 + random.nextInt(0x5F);
				default -> randomCodePoint(random);
			});
		}
		return text.toString();
	}

	private static int randomCodePoint(Random random) {
		int codePoint;
		do {
			codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
		}
		while (Character.getType(codePoint) == Character.SURROGATE);
		return codePoint;
	}

	@Test
	void anApplicationsCommandReplacesTheBuiltInOneOfItsNameButTwoOfItsOwnClash() {
		CommandReplyService service = new CommandReplyService(
				List.of(new PingCommand(), Command.of("PING", (argument) -> Reply.of("mine"))));
		assertThat(service.reply("ping")).isEqualTo(Reply.of("mine"));
		assertThatIllegalStateException().isThrownBy(() -> new CommandReplyService(
				List.of(Command.of("PING", (a) -> Reply.of("a")), Command.of("PING", (a) -> Reply.of("b")))))
			.withMessageContaining("Two command beans are named 'PING'");
	}

}
