package io.tcpgateway.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.tcpgateway.deploy.KubernetesManifests.list;
import static io.tcpgateway.deploy.KubernetesManifests.map;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@code deploy/kubernetes} promises, read from the manifests themselves. */
class KubernetesManifestsTests {

	@Test
	void theManagementPortIsOpenOnlyToNamespacesCarryingTheLabelTheReadmeTellsTheOperatorToSet() throws Exception {
		Map<String, Object> policy = KubernetesManifests.load().get("NetworkPolicy", "tcp-gateway");
		List<Map<String, Object>> management = list(map(policy, "spec"), "ingress").stream()
			.filter((rule) -> list(rule, "ports").stream().anyMatch((port) -> Integer.valueOf(8081).equals(port.get("port"))))
			.toList();
		assertThat(management).hasSize(1);
		List<Map<String, Object>> from = list(management.get(0), "from");
		assertThat(from).as("who may reach 8081").hasSize(1);
		Map<String, Object> labels = map(from.get(0), "namespaceSelector", "matchLabels");
		assertThat(labels).as("a label the operator sets, not the name Kubernetes gives a namespace")
			.hasSize(1)
			.doesNotContainKey("kubernetes.io/metadata.name");
		Map.Entry<String, Object> label = labels.entrySet().iterator().next();
		String command = "kubectl label namespace monitoring " + label.getKey() + "=" + label.getValue();
		assertThat(Files.readString(KubernetesManifests.DIRECTORY.resolve("README.md"))).contains(command);
		assertThat(Files.readString(KubernetesManifests.DIRECTORY.resolve("networkpolicy.yaml"))).contains(command);
	}

}
