package io.tcpgateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Command lines as README prints them, for tests that follow README verbatim. */
final class Readme {

	static final Path README = Path.of("README.md");

	private Readme() {
	}

	/** The commands of the production launch (Operating in production), continuation lines joined. */
	static List<String> productionLaunch() throws IOException {
		return commandLines(codeBlockAfter("**Start-up: the production launch.**"));
	}

	/** The lines of the first fenced code block after the line that contains {@code marker}, unindented. */
	static List<String> codeBlockAfter(String marker) throws IOException {
		List<String> lines = Files.readAllLines(README);
		int at = 0;
		while (at < lines.size() && !lines.get(at).contains(marker)) {
			at++;
		}
		assertThat(at).as("README has %s", marker).isLessThan(lines.size());
		while (at < lines.size() && !lines.get(at).strip().startsWith("```")) {
			at++;
		}
		List<String> block = new ArrayList<>();
		for (at++; at < lines.size() && !lines.get(at).strip().startsWith("```"); at++) {
			block.add(lines.get(at).strip());
		}
		assertThat(block).as("the code block after %s", marker).isNotEmpty();
		return block;
	}

	/** Shell lines with their {@code \} continuations joined: one entry per command. */
	static List<String> commandLines(List<String> block) {
		List<String> commands = new ArrayList<>();
		StringBuilder command = new StringBuilder();
		for (String line : block) {
			if (line.endsWith("\\")) {
				command.append(line, 0, line.length() - 1);
			}
			else {
				commands.add(command.append(line).toString());
				command.setLength(0);
			}
		}
		return commands;
	}

}
