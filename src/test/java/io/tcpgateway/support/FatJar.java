package io.tcpgateway.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged application, for integration tests that start it as a process. */
public final class FatJar {

	private FatJar() {
	}

	/** The fat jar's path, which the failsafe configuration passes as {@code tcpgateway.jar}. */
	public static String path() {
		String jar = System.getProperty("tcpgateway.jar");
		assertThat(jar).as("system property tcpgateway.jar (set by the failsafe configuration)").isNotBlank();
		assertThat(new File(jar)).exists();
		return jar;
	}

	/** The {@code java} of the JVM running the tests. */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** A port free on 127.0.0.1 right now. */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	/**
	 * {@code count} different ports, each free on every one of these loopback addresses
	 * (127.0.0.2, 127.0.0.3: two instances on the same ports).
	 */
	public static int[] freePortsOn(int count, String... addresses) throws IOException {
		java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
		for (int attempt = 0; attempt < 20 * count && ports.size() < count; attempt++) {
			int port = freePort();
			if (java.util.Arrays.stream(addresses).allMatch((address) -> free(address, port))) {
				ports.add(port);
			}
		}
		if (ports.size() < count) {
			throw new IOException("not " + count + " ports free on all of " + String.join(", ", addresses));
		}
		return ports.stream().mapToInt(Integer::intValue).toArray();
	}

	private static boolean free(String address, int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
