package io.tcpgateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's Dockerfile replayed without a container engine: every instruction in order, each
 * {@code RUN} verbatim under {@code /bin/sh -c} in a bubblewrap sandbox whose root is the stage's
 * own directories ({@code WORKDIR}s, {@code COPY} destinations, {@code /tmp}, a copy of
 * {@code /etc}) over this machine's {@code /usr}, with its own network namespace (loopback only),
 * as a build container has. The base images cannot be pulled here: {@code eclipse-temurin:25-*}
 * stands for this machine's Temurin 25 mounted where those images keep their JDK,
 * {@code /opt/java/openjdk}, with their {@code JAVA_HOME} and {@code PATH}. A BuildKit cache mount
 * is this machine's directory of the same path ({@code /root/.m2}: the Maven repository the
 * project's own build filled), so the build stage runs offline.
 */
final class DockerfileReplay {

	static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final Map<String, String> BASE_ENV = Map.of("PATH",
			"/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME",
			"/opt/java/openjdk", "HOME", "/root");

	private static final Pattern INSTRUCTION = Pattern.compile("(?s)([A-Z]+)\\s+(.*)");

	private static final Pattern FLAG = Pattern.compile("--([a-z]+)=(\\S+)\\s+");

	private static final long STEP_LIMIT_SECONDS = 600;

	private final Path work;

	private final Path context;

	private final Map<String, Path> stages = new LinkedHashMap<>();

	private Path root;

	private String workdir = "/";

	private Map<String, String> env;

	private String user;

	private List<String> entrypoint;

	private int step;

	DockerfileReplay(Path work, Path context) {
		this.work = work;
		this.context = context;
	}

	/** Replays every instruction; then {@link #entrypoint()} and the last stage's files are there. */
	DockerfileReplay build() throws IOException, InterruptedException {
		for (String line : instructions(Files.readString(this.context.resolve(DOCKERFILE)))) {
			Matcher instruction = INSTRUCTION.matcher(line);
			assertThat(instruction.matches()).as("a Dockerfile instruction: %s", line).isTrue();
			String arguments = instruction.group(2).strip();
			switch (instruction.group(1)) {
				case "FROM" -> from(arguments);
				case "WORKDIR" -> {
					this.workdir = this.workdir(arguments);
					Files.createDirectories(host(this.workdir));
				}
				case "COPY" -> copy(arguments);
				case "RUN" -> run(arguments);
				case "ENV" -> env(arguments);
				case "USER" -> this.user = arguments;
				case "ENTRYPOINT" -> this.entrypoint = List.of(JsonMapper.builder().build().readValue(arguments, String[].class));
				case "EXPOSE" -> {
					// ports are documentation: the entrypoint runs in a network namespace of its own
				}
				default -> throw new AssertionError("the replay does not know " + line);
			}
		}
		return this;
	}

	/**
	 * Starts the image's entrypoint as {@code docker run} would, as its {@code USER}, with the
	 * given environment (the {@code -e} of {@code docker run}) over the image's {@code ENV}, in a
	 * network namespace of its own. The returned process is bubblewrap's; the container's PID 1,
	 * java, is its child.
	 */
	Process start(Map<String, String> runEnv, Path log) throws IOException {
		assertThat(this.entrypoint).as("the Dockerfile's ENTRYPOINT").isNotEmpty();
		Map<String, String> environment = new LinkedHashMap<>(this.env);
		List<String> command = this.entrypoint;
		if (this.user != null) {
			String[] ids = this.user.split(":");
			command = Sandbox.as(ids[0], (ids.length > 1) ? ids[1] : ids[0], command);
			environment.put("HOME", home(ids[0]));
		}
		environment.putAll(runEnv);
		return sandbox(command, environment, Map.of()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/** A file of the last stage, by its path in the image. */
	Path file(String path) {
		return host(path);
	}

	/** The environment variables that a {@code docker run ... -e NAME=VALUE} in the Dockerfile's comments sets. */
	static Map<String, String> documentedRunEnv() throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		boolean continued = false;
		for (String line : Files.readAllLines(DOCKERFILE)) {
			if (!line.startsWith("#")) {
				break;
			}
			if (continued || line.contains("docker run")) {
				Matcher variable = Pattern.compile("-e (\\w+)=(\\S+)").matcher(line);
				while (variable.find()) {
					env.put(variable.group(1), variable.group(2));
				}
				continued = line.stripTrailing().endsWith("\\");
			}
		}
		assertThat(env).as("the docker run command in the Dockerfile's header").isNotEmpty();
		return env;
	}

	/** The user's home directory from the image's /etc/passwd, which docker run sets as HOME. */
	private String home(String uid) throws IOException {
		for (String entry : Files.readAllLines(host("/etc/passwd"))) {
			String[] fields = entry.split(":");
			if (fields.length > 5 && (fields[0].equals(uid) || fields[2].equals(uid))) {
				return fields[5];
			}
		}
		return "/";
	}

	private void from(String arguments) throws IOException {
		String[] words = arguments.split("\\s+");
		assertThat(words[0]).as("a base image this machine can stand in for").startsWith("eclipse-temurin:25-");
		this.root = Files.createDirectories(this.work.resolve("stage-" + this.stages.size()));
		if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
			this.stages.put(words[2], this.root);
		}
		Path tmp = Files.createDirectories(this.root.resolve("tmp"));
		exec(List.of("chmod", "1777", tmp.toString()), this.work.resolve("chmod-tmp.log"));
		exec(List.of("cp", "-a", "/etc", this.root.resolve("etc").toString()), this.work.resolve("copy-etc.log"));
		this.workdir = "/";
		this.env = new LinkedHashMap<>(BASE_ENV);
		this.user = null;
	}

	private void copy(String arguments) throws IOException, InterruptedException {
		Path sourceRoot = this.context;
		Matcher flag = FLAG.matcher(arguments);
		while (flag.lookingAt()) {
			assertThat(flag.group(1)).as("COPY flag").isEqualTo("from");
			sourceRoot = this.stages.get(flag.group(2));
			assertThat(sourceRoot).as("stage %s", flag.group(2)).isNotNull();
			arguments = arguments.substring(flag.end());
			flag = FLAG.matcher(arguments);
		}
		List<String> words = List.of(arguments.split("\\s+"));
		String destination = words.get(words.size() - 1);
		List<String> sources = words.subList(0, words.size() - 1);
		boolean intoDirectory = destination.endsWith("/") || sources.size() > 1;
		Path target = host(this.workdir(destination));
		for (String source : sources) {
			Path from = sourceRoot.resolve(source.replaceFirst("^/", ""));
			assertThat(from).as("COPY source %s", source).exists();
			if (Files.isDirectory(from)) {
				copyTree(from, target);
			}
			else {
				Path to = intoDirectory ? target.resolve(from.getFileName().toString()) : target;
				Files.createDirectories(to.getParent());
				Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
	}

	private void run(String arguments) throws IOException, InterruptedException {
		Map<String, Path> caches = new LinkedHashMap<>();
		Matcher flag = FLAG.matcher(arguments);
		while (flag.lookingAt()) {
			assertThat(flag.group(1)).as("RUN flag").isEqualTo("mount");
			Map<String, String> mount = new LinkedHashMap<>();
			for (String option : flag.group(2).split(",")) {
				String[] pair = option.split("=", 2);
				mount.put(pair[0], pair[1]);
			}
			assertThat(mount).as("a BuildKit cache mount").containsEntry("type", "cache").containsKey("target");
			caches.put(mount.get("target"), Files.createDirectories(Path.of(mount.get("target"))));
			arguments = arguments.substring(flag.end());
			flag = FLAG.matcher(arguments);
		}
		Path log = this.work.resolve("step-" + (++this.step) + ".log");
		exec(sandbox(List.of("/bin/sh", "-c", arguments), this.env, caches).command(), log);
	}

	private void env(String arguments) {
		Matcher pair = Pattern.compile("(\\w+)=(\"([^\"]*)\"|(\\S+))").matcher(arguments);
		while (pair.find()) {
			this.env.put(pair.group(1), (pair.group(3) != null) ? pair.group(3) : pair.group(4));
		}
	}

	/** The stage's directories, writable, with the JDK where the base images have it. */
	private ProcessBuilder sandbox(List<String> command, Map<String, String> environment, Map<String, Path> caches)
			throws IOException {
		Sandbox sandbox = new Sandbox().directory("/opt")
			.directory("/opt/java")
			.readOnly(Jdk25.home(), "/opt/java/openjdk");
		try (Stream<Path> tops = Files.list(this.root)) {
			for (Path top : tops.sorted().toList()) {
				sandbox.bind(top, "/" + top.getFileName());
			}
		}
		caches.forEach((target, cache) -> sandbox.bind(cache, target));
		return sandbox.command(environment, this.workdir, command);
	}

	private void exec(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(STEP_LIMIT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("still running after " + STEP_LIMIT_SECONDS + " s: " + command);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		assertThat(process.exitValue()).as("exit code of %s; output:%n%s", command.get(command.size() - 1),
				Files.readString(log))
			.isZero();
	}

	private String workdir(String path) {
		return path.startsWith("/") ? path : Path.of(this.workdir).resolve(path).normalize().toString();
	}

	private Path host(String containerPath) {
		return this.root.resolve(containerPath.replaceFirst("^/+", ""));
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path path : files.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	/** The instructions, continuation lines joined and comment lines (also inside a continuation) dropped. */
	static List<String> instructions(String dockerfile) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : dockerfile.split("\n")) {
			String stripped = line.strip();
			if (stripped.isEmpty() || stripped.startsWith("#")) {
				continue;
			}
			if (stripped.endsWith("\\")) {
				current.append(stripped, 0, stripped.length() - 1).append(' ');
			}
			else {
				instructions.add(current.append(stripped).toString());
				current.setLength(0);
			}
		}
		return instructions;
	}

}
