package io.tcpgateway.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys README's configuration table documents (its Configuration section), as written. */
final class ReadmeConfigurationTable {

	/** The row for the named listeners, whose keys are those of the rows above it. */
	static final String NAMED_LISTENERS = "tcp.server.listeners.<name>.*";

	private static final Pattern ROW = Pattern.compile("^\\| `(tcp\\.server\\.[^`]+)` \\|");

	private ReadmeConfigurationTable() {
	}

	static List<String> keys() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		int section = readme.indexOf("\n## Configuration\n");
		assertThat(section).as("README.md's Configuration section").isPositive();
		List<String> keys = readme.substring(section, readme.indexOf("\n## ", section + 1))
			.lines()
			.map(ROW::matcher)
			.filter(Matcher::find)
			.map((row) -> row.group(1))
			.toList();
		assertThat(keys).as("the keys in README.md's configuration table").contains("tcp.server.port", NAMED_LISTENERS);
		return keys;
	}

}
