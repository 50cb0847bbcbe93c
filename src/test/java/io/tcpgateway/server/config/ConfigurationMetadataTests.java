package io.tcpgateway.server.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the build writes (what an IDE completes {@code tcp.server.*} from)
 * documents every key README documents, in plain text, with the allowed values and the defaults
 * the application really uses; and README lists every per-listener key.
 */
class ConfigurationMetadataTests {

	static final JsonNode metadata = JsonMapper.shared()
		.readTree(new File("target/classes/META-INF/spring-configuration-metadata.json"));

	@Test
	void everyKeyOfReadmesConfigurationTableIsThereWithADescription() throws Exception {
		for (String key : ReadmeConfigurationTable.keys()) {
			String name = key.equals(ReadmeConfigurationTable.NAMED_LISTENERS) ? "tcp.server.listeners" : key;
			assertThat(property(name)).as(name).isNotNull();
			assertThat(property(name).path("description").asString()).as("the description of " + name).isNotBlank();
		}
	}

	@Test
	void everyKeyThereIsInReadmesConfigurationTable() throws Exception {
		List<String> documented = ReadmeConfigurationTable.keys();
		for (JsonNode property : properties()) {
			String name = property.path("name").asString();
			assertThat(documented).as("README's configuration table")
				.contains(name.equals("tcp.server.listeners") ? ReadmeConfigurationTable.NAMED_LISTENERS : name);
		}
	}

	@Test
	void descriptionsArePlainText() {
		for (JsonNode property : properties()) {
			assertThat(property.path("description").asString()).as(property.path("name").asString())
				.doesNotContain("{@", "<p>", "<code>");
		}
	}

	@Test
	void everyKeyWithAFixedSetOfValuesHintsEachOfThem() throws Exception {
		for (JsonNode property : properties()) {
			Class<?> type = ClassUtils.resolveClassName(property.path("type").asString().replaceAll("<.*", ""), null);
			if (type.isEnum()) {
				List<String> values = Arrays.stream(type.getEnumConstants())
					.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
					.toList();
				assertThat(hintedValues(property.path("name").asString())).as(property.path("name").asString())
					.containsExactlyInAnyOrderElementsOf(values);
			}
		}
		assertThat(hintedValues("tcp.server.worker-threads")).contains("0", "virtual");
	}

	@Test
	void everyDefaultAListenerHasIsInTheMetadata() throws Exception {
		for (Map.Entry<String, Object> key : perListenerKeys("tcp.server.", ListenerProperties.DEFAULTS).entrySet()) {
			if (key.getValue() != null && !(key.getValue() instanceof Collection<?> list && list.isEmpty())) {
				assertThat(property(key.getKey()).path("defaultValue").isMissingNode()).as("the default of " + key.getKey())
					.isFalse();
			}
		}
	}

	@Test
	void readmeListsEveryPerListenerKeyUnderSeveralListeners() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		String heading = "### Several listeners\n\n";
		String section = readme.substring(readme.indexOf(heading) + heading.length());
		String list = section.substring(0, section.indexOf("\n\n"));
		for (String key : perListenerKeys("", ListenerProperties.DEFAULTS).keySet()) {
			assertThat(list).as("README, Several listeners: the per-listener keys").contains("`" + key + "`");
		}
	}

	/** Each key of a properties record, kebab case, nested records' keys dotted, with its value. */
	private static Map<String, Object> perListenerKeys(String prefix, Record properties) throws Exception {
		Map<String, Object> keys = new LinkedHashMap<>();
		for (RecordComponent component : properties.getClass().getRecordComponents()) {
			String name = prefix + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
			Object value = component.getAccessor().invoke(properties);
			if (value instanceof Record nested) {
				keys.putAll(perListenerKeys(name + ".", nested));
			}
			else {
				keys.put(name, value);
			}
		}
		return keys;
	}

	@Test
	void theDefaultsItShowsAreTheOnesTheApplicationUses() {
		List<String> defaults = new ArrayList<>();
		for (JsonNode property : properties()) {
			if (property.has("defaultValue")) {
				defaults.add(property.path("name").asString() + "=" + property.path("defaultValue").asString());
			}
		}
		assertThat(defaults).hasSizeGreaterThan(20);
		BoundSettings shown = BoundSettings.of(defaults.toArray(String[]::new));
		BoundSettings unset = BoundSettings.of();
		assertThat(shown.server()).isEqualTo(unset.server());
		assertThat(shown.listener("default")).usingRecursiveComparison().isEqualTo(unset.listener("default"));
	}

	private static List<JsonNode> properties() {
		List<JsonNode> all = new ArrayList<>();
		metadata.path("properties").forEach((property) -> {
			if (property.path("name").asString().startsWith("tcp.server.")) {
				all.add(property);
			}
		});
		assertThat(all).isNotEmpty();
		return all;
	}

	private static JsonNode property(String name) {
		Map<String, JsonNode> byName = new HashMap<>();
		properties().forEach((property) -> byName.put(property.path("name").asString(), property));
		return byName.get(name);
	}

	private static List<String> hintedValues(String name) {
		List<String> values = new ArrayList<>();
		metadata.path("hints").forEach((hint) -> {
			if (hint.path("name").asString().equals(name)) {
				hint.path("values").forEach((value) -> values.add(value.path("value").asString()));
			}
		});
		return values;
	}

}
