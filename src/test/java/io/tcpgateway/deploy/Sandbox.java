package io.tcpgateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container without a container engine: a bubblewrap ({@code bwrap}, Debian package bubblewrap)
 * sandbox over this machine's {@code /usr}, with the directories a test binds into it, in a network
 * namespace of its own (its own loopback: the container's ports as they are, reachable only from
 * inside, through {@link #probe}). It dies with the test's JVM.
 */
final class Sandbox {

	private final List<String> bwrap = new ArrayList<>(List.of("bwrap", "--die-with-parent", "--unshare-net",
			"--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin", "--symlink",
			"usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev"));

	/** A directory of this machine, writable, at {@code path} in the sandbox. */
	Sandbox bind(Path host, String path) {
		return add("--bind", host.toString(), path);
	}

	Sandbox readOnly(Path host, String path) {
		return add("--ro-bind", host.toString(), path);
	}

	/** An empty directory that everyone may enter, such as a parent of a mount. */
	Sandbox directory(String path) {
		return add("--perms", "0755", "--dir", path);
	}

	/** The root itself read-only, as Kubernetes' readOnlyRootFilesystem: after every mount. */
	Sandbox readOnlyRoot() {
		return add("--remount-ro", "/");
	}

	/** The command, in {@code workdir}, with exactly this environment. */
	ProcessBuilder command(Map<String, String> env, String workdir, List<String> command) {
		List<String> line = new ArrayList<>(this.bwrap);
		line.add("--clearenv");
		env.forEach((name, value) -> line.addAll(List.of("--setenv", name, value)));
		line.addAll(List.of("--chdir", workdir));
		line.addAll(command);
		return new ProcessBuilder(line);
	}

	/** {@code setpriv} before a command: it runs as this user and group, as a container's USER or runAsUser. */
	static List<String> as(Object user, Object group, List<String> command) {
		List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups",
				"--"));
		line.addAll(command);
		return line;
	}

	/**
	 * Runs a bash script in the network namespace of the process {@code pid} (the sandbox's
	 * command, a child of bwrap), as a probe from inside the pod or container; its output.
	 */
	static String probe(long pid, String script) throws IOException, InterruptedException {
		Process probe = new ProcessBuilder(List.of("nsenter", "--net=/proc/" + pid + "/ns/net", "bash", "-c", script))
			.redirectErrorStream(true)
			.start();
		byte[] output = probe.getInputStream().readAllBytes();
		probe.waitFor(10, TimeUnit.SECONDS);
		return new String(output, StandardCharsets.UTF_8);
	}

	/** A script for {@link #probe}: the status line of {@code GET path} on 127.0.0.1. */
	static String httpGet(int port, String path) {
		return "exec 3<>/dev/tcp/127.0.0.1/" + port + " && printf 'GET " + path
				+ " HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && timeout 5 head -1 <&3";
	}

	/** A script for {@link #probe}: sends these lines to the TCP port on 127.0.0.1, prints what comes back until the close. */
	static String tcpRequests(int port, String... lines) {
		return "exec 3<>/dev/tcp/127.0.0.1/" + port + " && printf '" + String.join("\\r\\n", lines)
				+ "\\r\\n' >&3 && timeout 5 cat <&3";
	}

	private Sandbox add(String... args) {
		this.bwrap.addAll(List.of(args));
		return this;
	}

}
