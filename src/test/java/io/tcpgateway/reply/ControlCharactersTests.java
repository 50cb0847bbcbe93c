package io.tcpgateway.reply;

import java.util.Random;

import io.tcpgateway.support.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Client text escaped for a log line or a text reply: control characters only, nothing else. */
@ExtendWith(SeededRandom.class)
class ControlCharactersTests {

	@Test
	void c0DelAndC1ControlsAreWrittenAsHex() {
		assertThat(ControlCharacters.escape("a\r\nb\u001b[31m\u0000\t\u007f\u0085\u009b"))
			.isEqualTo("a\\x0D\\x0Ab\\x1B[31m\\x00\\x09\\x7F\\x85\\x9B");
	}

	@Test
	void textWithoutControlsIsTheSameString() {
		String text = "CN=device-17,O=Café \\ \"quoted\" 日本 \ufffd";
		assertThat(ControlCharacters.escape(text)).isSameAs(text);
	}

	@Test
	void eachControlCharacterAndOnlyItBecomesItsHexCode(Random random) {
		for (int n = 0; n < 1000; n++) {
			StringBuilder text = new StringBuilder();
			StringBuilder expected = new StringBuilder();
			for (int i = random.nextInt(40); i > 0; i--) {
				char c = (char) random.nextInt(0x200);
				text.append(c);
				expected.append(Character.isISOControl(c) ? String.format("\\x%02X", (int) c) : String.valueOf(c));
			}
			assertThat(ControlCharacters.escape(text.toString())).isEqualTo(expected.toString());
		}
	}

}
