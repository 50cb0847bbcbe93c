package io.tcpgateway.deploy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.FatJarProcess;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugins on the released fat jar (README, Extending): the example plugin project in
 * {@code src/test/resources/plugin-example} compiled against the API jar the build publishes
 * ({@code tcp-gateway-<version>-api.jar}, no application classes on its class path), then loaded
 * the documented ways. It adds SHOUT through an auto-configuration and REVERSE as a component.
 */
class PluginIT {

	static final Path PROJECT = Path.of("src/test/resources/plugin-example");

	@TempDir
	static Path plugins;

	@TempDir
	static Path pluginClasses;

	@TempDir
	Path dir;

	private final List<FatJarProcess> started = new ArrayList<>();

	@BeforeAll
	static void buildThePlugin() throws IOException {
		compile(pluginClasses);
		jar(pluginClasses, PROJECT.resolve("src/main/resources"), plugins.resolve("shout-plugin-1.0.jar"));
	}

	@AfterEach
	void stopWhatWeStarted() throws InterruptedException {
		for (FatJarProcess process : this.started) {
			process.close();
		}
	}

	@Test
	void loaderPathPutsThePluginsCommandsBesideTheBuiltInOnes() throws Exception {
		int port = FatJar.freePort();
		start(FatJarProcess.start(this.dir.resolve("loader-path.log"), Map.of(), List.of("-Dloader.path=" + plugins),
				serverArgs(port)));
		assertThePluginAnswers(port);
	}

	@Test
	void theLoaderPathEnvironmentVariableDoesTheSame() throws Exception {
		int port = FatJar.freePort();
		start(FatJarProcess.start(this.dir.resolve("env.log"), Map.of("LOADER_PATH", plugins.toString()),
				serverArgs(port)));
		assertThePluginAnswers(port);
	}

	/** prepare.sh --plugins: extracted layout and AOT cache, plugins on the class path it prints. */
	@Test
	void theExtractedLaunchLoadsThePluginsThatPrepareWasGiven() throws Exception {
		Path home = this.dir.resolve("tcp-gateway");
		String printed = PrepareScript.run("--jar " + FatJar.path() + " --plugins " + plugins + " " + home,
				this.dir.resolve("prepare.log"));
		assertThat(printed).contains("-cp " + home + "/tcp-gateway.jar:" + home + "/plugins/shout-plugin-1.0.jar ");
		int port = FatJar.freePort();
		FatJarProcess app = start(FatJarProcess.run(this.dir.resolve("extracted.log"), Map.of(),
				List.of("bash", "-c", "exec " + printed + " " + String.join(" ", serverArgs(port)))));
		assertThat(Files.readString(Path.of("/proc", String.valueOf(app.pid()), "maps")))
			.as("the JVM mapped its AOT cache").contains(home + "/app.aot");
		assertThePluginAnswers(port);
		assertThat(app.log()).doesNotContain("WARNING");
	}

	private FatJarProcess start(FatJarProcess process) {
		this.started.add(process);
		return process.awaitStarted();
	}

	private static List<String> serverArgs(int port) {
		return List.of("--tcp.server.host=127.0.0.1", "--tcp.server.port=" + port, "--server.address=127.0.0.1",
				"--server.port=0");
	}

	private static void assertThePluginAnswers(int port) throws IOException {
		try (TcpTestClient client = TcpTestClient.connect(port)) {
			assertThat(client.request("SHOUT hello plugin")).as("the auto-configuration's command")
				.isEqualTo("HELLO PLUGIN");
			assertThat(client.request("REVERSE abc")).as("the component's command").isEqualTo("cba");
			assertThat(client.request("PING")).as("a built-in command").isEqualTo("PONG");
		}
	}

	/**
	 * javac over the plugin's sources, against the API jar and the libraries (Spring) the plugin's
	 * pom brings: jars only, so no application class can stand in for the API.
	 */
	private static void compile(Path classes) throws IOException {
		List<String> classpath = new ArrayList<>(List.of(FatJar.path().replaceFirst("\\.jar$", "-api.jar")));
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (entry.endsWith(".jar") && !entry.contains("tcp-gateway")) {
				classpath.add(entry);
			}
		}
		assertThat(Path.of(classpath.get(0))).as("the API jar the build publishes").exists();
		List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(), "-cp",
				String.join(File.pathSeparator, classpath)));
		try (Stream<Path> sources = Files.walk(PROJECT.resolve("src/main/java"))) {
			sources.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> args.add(file.toString()));
		}
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
		int exit = javac.run(null, output, output, args.toArray(String[]::new));
		assertThat(exit).as("javac %s%n%s", args, output.toString(StandardCharsets.UTF_8)).isZero();
	}

	/**
	 * A jar as Maven's and the JDK's tools write it: with directory entries, which component
	 * scanning needs to find a package in a jar.
	 */
	private static void jar(Path classes, Path resources, Path jar) throws IOException {
		Set<String> written = new HashSet<>();
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
			for (Path root : List.of(classes, resources)) {
				try (Stream<Path> files = Files.walk(root)) {
					for (Path path : files.filter((path) -> !path.equals(root)).sorted().toList()) {
						String name = root.relativize(path).toString().replace(File.separatorChar, '/');
						boolean directory = Files.isDirectory(path);
						if (written.add(directory ? name + "/" : name)) {
							out.putNextEntry(new JarEntry(directory ? name + "/" : name));
							if (!directory) {
								Files.copy(path, out);
							}
							out.closeEntry();
						}
					}
				}
			}
		}
	}

}
