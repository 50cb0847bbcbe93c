package io.tcpgateway.deploy;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A JDK 25, which the production launch needs: the one running the tests, or Temurin 25 as CI has it. */
final class Jdk25 {

	static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

	private Jdk25() {
	}

	static Path home() {
		Path home = (Runtime.version().feature() >= 25) ? Path.of(System.getProperty("java.home")) : TEMURIN;
		assertThat(home.resolve("bin/java")).as("a JDK 25 (CI builds on %s)", TEMURIN).isExecutable();
		return home;
	}

	static Path java() {
		return home().resolve("bin/java");
	}

}
