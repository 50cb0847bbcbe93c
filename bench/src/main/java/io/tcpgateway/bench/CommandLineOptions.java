package io.tcpgateway.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name=value} arguments of a bench program, checked against the names it knows. */
final class CommandLineOptions {

	private CommandLineOptions() {
	}

	/** The options given, by name; fails on an unknown name or a missing {@code --port}. */
	static Map<String, String> parse(Set<String> known, String... args) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("expected --name=value, got " + arg);
			}
			given.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		given.keySet().stream().filter((name) -> !known.contains(name)).findFirst().ifPresent((name) -> {
			throw new IllegalArgumentException("unknown option --" + name);
		});
		if (!given.containsKey("port")) {
			throw new IllegalArgumentException("--port is required");
		}
		return given;
	}

}
