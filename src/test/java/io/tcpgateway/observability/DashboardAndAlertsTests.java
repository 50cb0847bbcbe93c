package io.tcpgateway.observability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code deploy/}: the rules are valid and
 * their {@code promtool} unit tests pass, and every metric either file queries is one the real
 * application exports. Needs {@code promtool} (Debian package {@code prometheus}; CI installs it):
 * without it these tests fail, they do not skip.
 */
class DashboardAndAlertsTests {

	static final Path DASHBOARD = Path.of("deploy/grafana/tcp-gateway.json");

	static final Path RULES = Path.of("deploy/prometheus/tcp-gateway-alerts.yml");

	static final Path RULE_TESTS = Path.of("deploy/prometheus/tcp-gateway-alerts.test.yml");

	/** Series Prometheus makes itself when it scrapes, so no application exports them. */
	static final Set<String> SYNTHETIC = Set.of("up");

	/** PromQL words that look like metric names but are not. */
	static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and",
			"or", "unless", "bool", "offset", "inf", "nan");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void theAlertRulesAreValidPrometheusRules() throws Exception {
		assertPromtool("check", "rules", RULES.toString());
	}

	@Test
	void everyAlertFiresInItsUnitTestAndStaysQuietInAnother() throws Exception {
		String tests = Files.readString(RULE_TESTS);
		for (String alert : alertNames()) {
			assertThat(tests).as("a promtool test case for %s", alert).contains("alertname: " + alert);
		}
		assertPromtool("test", "rules", RULE_TESTS.toString());
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyAlertRuleWaitsAndHasASeverityASummaryAndADescription() throws IOException {
		List<Map<String, Object>> rules = alertRules();
		assertThat(rules).isNotEmpty().allSatisfy((rule) -> {
			assertThat(rule).as("%s", rule.get("alert")).containsKeys("expr", "for", "labels", "annotations");
			assertThat((Map<String, Object>) rule.get("labels")).as("%s", rule.get("alert")).containsKey("severity");
			assertThat((Map<String, Object>) rule.get("annotations")).as("%s", rule.get("alert"))
				.containsKeys("summary", "description");
		});
	}

	@Test
	void theDashboardQueriesTheTemplatedDatasourceFilteredByInstanceAndListener() throws IOException {
		JsonNode dashboard = json.readTree(Files.readString(DASHBOARD));
		List<String> variables = new ArrayList<>();
		dashboard.at("/templating/list").forEach((variable) -> variables.add(variable.get("name").asString()));
		assertThat(variables).contains("datasource", "instance", "listener");
		List<JsonNode> panels = new ArrayList<>();
		dashboard.get("panels").forEach(panels::add);
		List<JsonNode> queried = panels.stream().filter((panel) -> panel.has("targets")).toList();
		assertThat(queried).isNotEmpty().allSatisfy((panel) -> {
			assertThat(panel.at("/datasource/uid").asString()).as(panel.get("title").asString())
				.isEqualTo("${datasource}");
			panel.get("targets").forEach((target) -> assertThat(target.get("expr").asString())
				.as(panel.get("title").asString())
				.contains("instance=~\"$instance\""));
		});
	}

	@Test
	void everyDashboardQueryIsValidPromql() throws Exception {
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
		List<String> queries = panelQueries();
		assertThat(queries).isNotEmpty();
		for (int i = 0; i < queries.size(); i++) {
			String expr = queries.get(i)
				.replace("$__rate_interval", "5m")
				.replace("$instance", ".*")
				.replace("$listener", ".*");
			rules.append("      - record: dashboard_query_").append(i).append("\n        expr: ")
				.append(json.writeValueAsString(expr)).append('\n');
		}
		Path file = Files.writeString(this.dir.resolve("dashboard-queries.yml"), rules);
		assertPromtool("check", "rules", file.toString());
	}

	@Test
	void everyMetricTheDashboardAndTheRulesQueryIsInARealScrape() throws Exception {
		Set<String> queried = new TreeSet<>();
		for (String expr : dashboardQueries()) {
			queried.addAll(metricNames(expr));
		}
		for (Map<String, Object> rule : alertRules()) {
			queried.addAll(metricNames((String) rule.get("expr")));
		}
		queried.removeAll(SYNTHETIC);
		assertThat(queried).as("metric names found in the dashboard and the rules")
			.contains("tcp_server_listener_up", "tcp_server_request_duration_seconds_bucket",
					"ssl_chain_expiry_seconds", "tcp_server_tls_handshake_seconds_count",
					"tcp_server_messages_pushed_total", "tcp_server_sessions");

		Set<String> scraped = sampleNames(scrapeAfterTraffic());
		assertThat(scraped).contains("tcp_server_listener_up");
		Set<String> missing = new TreeSet<>(queried);
		missing.removeAll(scraped);
		assertThat(missing).as("metrics the dashboard or the rules query that a real /actuator/prometheus lacks")
			.isEmpty();
	}

	@Test
	void metricNamesAreTheSeriesAQuerySelectsNotItsFunctionsLabelsOrKeywords() {
		assertThat(metricNames("histogram_quantile(0.99, sum by (instance, le) (rate("
				+ "tcp_server_request_duration_seconds_bucket{listener=~\"$listener\"}[$__rate_interval]))) > 0.05"))
			.containsExactly("tcp_server_request_duration_seconds_bucket");
		assertThat(metricNames("sum without (type) (rate(a_total[5m])) / on (instance) group_left b_total "
				+ "and up{job=\"x\"} == 0 or min(ssl_chain_expiry_seconds) < 14 * 86400 offset 1m"))
			.containsExactly("a_total", "b_total", "ssl_chain_expiry_seconds", "up");
	}

	/** A plain and a TLS listener, a few requests, a failed handshake, an SSL bundle: every series has a sample. */
	private String scrapeAfterTraffic() throws Exception {
		TestCertificates certificates = TestCertificates.create(this.dir);
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", false));
		args.addAll(List.of("--tcp.server.listeners.secure.port=0", "--tcp.server.listeners.secure.ssl.bundle=tcp"));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new))) {
			ActuatorClient actuator = server.actuator();
			try (TcpTestClient plain = TcpTestClient.connect(server.tcpPort())) {
				assertThat(plain.request("PING")).isEqualTo("PONG");
				assertThat(plain.request("ECHO dashboard")).isEqualTo("dashboard");
			}
			try (TcpTestClient tls = TcpTestClient.over(certificates.connect(server.tcpPort("secure"), null), "lf")) {
				assertThat(tls.request("PING")).isEqualTo("PONG");
			}
			try (TcpTestClient notTls = TcpTestClient.connect(server.tcpPort("secure"))) {
				notTls.send("PING");
				assertThat(notTls.isClosedByServer()).isTrue();
			}
			await().until(() -> actuator.count("tcp.server.errors", "listener:secure", "type:tls") == 1);
			await().until(() -> actuator.count("tcp.server.connections.closed") == 3);
			var response = actuator.get("prometheus");
			assertThat(response.statusCode()).isEqualTo(200);
			return response.body();
		}
	}

	/** Every PromQL {@code expr} in the dashboard. */
	private static List<String> panelQueries() throws IOException {
		List<String> queries = new ArrayList<>();
		collectExprs(json.readTree(Files.readString(DASHBOARD)), queries);
		return queries;
	}

	/** Every PromQL {@code expr} of the dashboard, and the metric of each {@code label_values} variable. */
	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = json.readTree(Files.readString(DASHBOARD));
		List<String> queries = panelQueries();
		for (JsonNode variable : dashboard.at("/templating/list")) {
			JsonNode query = variable.get("query");
			String text = (query == null) ? "" : query.isObject() ? query.path("query").asString("") : query.asString();
			Matcher matcher = LABEL_VALUES.matcher(text);
			if (matcher.find()) {
				queries.add(matcher.group(1));
			}
		}
		return queries;
	}

	private static void collectExprs(JsonNode node, List<String> queries) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				if (entry.getKey().equals("expr")) {
					queries.add(entry.getValue().asString());
				}
				else {
					collectExprs(entry.getValue(), queries);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach((child) -> collectExprs(child, queries));
		}
	}

	/** The metric names a PromQL expression selects: not its functions, keywords, labels, strings or variables. */
	static Set<String> metricNames(String promql) {
		String expr = STRING.matcher(promql).replaceAll(" ");
		expr = VARIABLE.matcher(expr).replaceAll(" ");
		expr = MATCHERS.matcher(expr).replaceAll(" ");
		expr = RANGE.matcher(expr).replaceAll(" ");
		expr = GROUPING.matcher(expr).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(expr);
		while (matcher.find()) {
			String name = matcher.group(1);
			if (!KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

	/** The sample names of a Prometheus text scrape, such as {@code x_bucket}, {@code x_count} and {@code x_sum}. */
	private static Set<String> sampleNames(String scrape) {
		Set<String> names = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				names.add(line.split("[{ ]", 2)[0]);
			}
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> alertRules() throws IOException {
		Map<String, Object> file = new Yaml().load(Files.readString(RULES));
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				if (rule.containsKey("alert")) {
					rules.add(rule);
				}
			}
		}
		return rules;
	}

	private static List<String> alertNames() throws IOException {
		return alertRules().stream().map((rule) -> (String) rule.get("alert")).toList();
	}

	/** Runs promtool, failing (not skipping) when it is not installed, with its output on any failure. */
	private static void assertPromtool(String... args) throws IOException, InterruptedException {
		Path promtool = promtool();
		List<String> command = new ArrayList<>(List.of(promtool.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool %s finished", String.join(" ", args)).isTrue();
		assertThat(process.exitValue()).as("exit code of %s; output:%n%s", String.join(" ", command), output)
			.isZero();
	}

	private static Path promtool() {
		List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/promtool")));
		for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!entry.isEmpty()) {
				candidates.add(Path.of(entry, "promtool"));
			}
		}
		return candidates.stream()
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"promtool is not installed (Debian package prometheus); CI installs it (.ci/run)"));
	}

}
