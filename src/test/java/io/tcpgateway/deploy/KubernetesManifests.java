package io.tcpgateway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/** The objects of {@code deploy/kubernetes/*.yaml}, as plain YAML maps. */
final class KubernetesManifests {

	static final Path DIRECTORY = Path.of("deploy/kubernetes");

	private final List<Map<String, Object>> objects;

	private KubernetesManifests(List<Map<String, Object>> objects) {
		this.objects = objects;
	}

	@SuppressWarnings("unchecked")
	static KubernetesManifests load() throws IOException {
		List<Map<String, Object>> objects = new ArrayList<>();
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".yaml")).sorted().toList()) {
				try (InputStream in = Files.newInputStream(file)) {
					for (Object document : new Yaml().loadAll(in)) {
						if (document != null) {
							objects.add((Map<String, Object>) document);
						}
					}
				}
			}
		}
		return new KubernetesManifests(objects);
	}

	/** The object of this kind and {@code metadata.name}. */
	Map<String, Object> get(String kind, String name) {
		return this.objects.stream()
			.filter((object) -> kind.equals(object.get("kind")) && name.equals(map(object, "metadata").get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DIRECTORY));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> object, String... path) {
		Map<String, Object> current = object;
		for (String key : path) {
			current = (Map<String, Object>) current.get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Map<String, Object> object, String key) {
		Object list = object.get(key);
		return (list == null) ? List.of() : (List<Map<String, Object>>) list;
	}

}
