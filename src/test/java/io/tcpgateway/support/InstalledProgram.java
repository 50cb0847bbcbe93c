package io.tcpgateway.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A program the tests run, installed from a Debian package. */
public final class InstalledProgram {

	private InstalledProgram() {
	}

	/**
	 * Where {@code name} is installed: on the PATH, or in the system's bin and sbin folders (Debian
	 * puts daemons in sbin, which a non-root PATH may lack); {@code null} when it is not.
	 */
	public static String find(String name) {
		List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
		directories.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/sbin"));
		for (String directory : directories) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		return null;
	}

}
