package io.tcpgateway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.support.FatJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.tcpgateway.deploy.KubernetesManifests.list;
import static io.tcpgateway.deploy.KubernetesManifests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pod of {@code deploy/kubernetes/deployment.yaml}, rendered as the kubelet would and started
 * on the fat jar: its environment (the ConfigMap behind {@code envFrom}, then its own {@code env},
 * which wins), its volumes (the ConfigMap's {@code application.yml} as a file at the
 * {@code mountPath}, the {@code emptyDir} at {@code /tmp}), a read-only root filesystem, its
 * {@code runAsUser}, and a network namespace of its own, so the container ports stay as written.
 * Probed from inside that namespace as the kubelet does: the startup, liveness and readiness
 * probes' paths on their ports, and PING on the TCP port.
 */
class KubernetesIT {

	@TempDir
	Path dir;

	private Process pod;

	@AfterEach
	void stopThePod() throws InterruptedException {
		if (this.pod != null && this.pod.isAlive()) {
			this.pod.destroyForcibly();
			this.pod.waitFor(20, TimeUnit.SECONDS);
		}
	}

	@Test
	void theDeploymentsEnvironmentAndMountedApplicationYmlStartTheFatJarWhichAnswersPingAndItsProbes()
			throws Exception {
		KubernetesManifests manifests = KubernetesManifests.load();
		Map<String, Object> podSpec = map(manifests.get("Deployment", "tcp-gateway"), "spec", "template", "spec");
		Map<String, Object> container = list(podSpec, "containers").get(0);
		Map<String, Object> security = map(podSpec, "securityContext");

		Map<String, String> env = new LinkedHashMap<>(Map.of("PATH", Jdk25.home() + "/bin:/usr/bin:/bin"));
		for (Map<String, Object> source : list(container, "envFrom")) {
			env.putAll(data(manifests.get("ConfigMap", (String) map(source, "configMapRef").get("name"))));
		}
		for (Map<String, Object> variable : list(container, "env")) {
			env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
		}

		Path jar = Path.of(FatJar.path()).toAbsolutePath();
		Sandbox sandbox = new Sandbox().readOnly(Path.of("/etc"), "/etc").readOnly(jar.getParent(), "/jar");
		for (Map<String, Object> mount : list(container, "volumeMounts")) {
			Map<String, Object> volume = list(podSpec, "volumes").stream()
				.filter((candidate) -> mount.get("name").equals(candidate.get("name")))
				.findFirst()
				.orElseThrow();
			Path host = Files.createDirectories(this.dir.resolve("volume-" + volume.get("name")));
			if (volume.containsKey("configMap")) {
				for (Map.Entry<String, String> file : data(
						manifests.get("ConfigMap", (String) map(volume, "configMap").get("name"))).entrySet()) {
					Files.writeString(host.resolve(file.getKey()), file.getValue());
				}
			}
			else {
				assertThat(volume).as("a volume this test knows").containsKey("emptyDir");
			}
			new ProcessBuilder("chmod", "-R", "a+rwX", host.toString()).start().waitFor(10, TimeUnit.SECONDS);
			sandbox.bind(host, (String) mount.get("mountPath"));
		}
		if (Boolean.TRUE.equals(map(container, "securityContext").get("readOnlyRootFilesystem"))) {
			sandbox.readOnlyRoot();
		}

		Path log = this.dir.resolve("pod.log");
		List<String> java = List.of("java", "-jar", "/jar/" + jar.getFileName());
		this.pod = sandbox.command(env, "/", Sandbox.as(security.get("runAsUser"), security.get("runAsGroup"), java))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		long pid = await().atMost(Duration.ofSeconds(20)).until(() -> {
			assertThat(this.pod.isAlive()).as("the pod runs; its log:%n%s", Files.readString(log)).isTrue();
			return this.pod.children().findFirst().map(ProcessHandle::pid).orElse(0L);
		}, (child) -> child > 0);

		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			Map<String, Object> httpGet = map(container, probe, "httpGet");
			int port = containerPort(container, httpGet.get("port"));
			await().atMost(Duration.ofSeconds(120)).until(() -> {
				assertThat(this.pod.isAlive()).as("the pod runs; its log:%n%s", Files.readString(log)).isTrue();
				return Sandbox.probe(pid, Sandbox.httpGet(port, (String) httpGet.get("path"))).contains(" 200");
			});
		}
		assertThat(Sandbox.probe(pid, Sandbox.tcpRequests(containerPort(container, "tcp"), "PING", "QUIT")))
			.isEqualTo("PONG\r\nBYE\r\n");
		assertThat(Files.readString(log)).contains("The following 1 profile is active: \\\"prod\\\"");

		new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).start().waitFor(10, TimeUnit.SECONDS);
		assertThat(this.pod.waitFor(((Number) podSpec.get("terminationGracePeriodSeconds")).longValue(),
				TimeUnit.SECONDS))
			.as("exits within terminationGracePeriodSeconds of SIGTERM")
			.isTrue();
	}

	/** A named container port's number ({@code port: management}), or the number itself. */
	private static int containerPort(Map<String, Object> container, Object port) {
		if (port instanceof Number number) {
			return number.intValue();
		}
		return list(container, "ports").stream()
			.filter((candidate) -> port.equals(candidate.get("name")))
			.map((candidate) -> ((Number) candidate.get("containerPort")).intValue())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + port));
	}

	/** A ConfigMap's data: file names or variable names to their text. */
	private static Map<String, String> data(Map<String, Object> configMap) {
		Map<String, String> data = new LinkedHashMap<>();
		map(configMap, "data").forEach((key, value) -> data.put(key, String.valueOf(value)));
		return data;
	}

}
