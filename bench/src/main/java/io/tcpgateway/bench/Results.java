package io.tcpgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The raw results {@code bench/run.sh} writes: one line per run of {@code key=value} pairs, e.g.
 * {@code server=raw-netty kind=persistent conns=16 run=1 rps=… p99_us=…}. A run that could not be
 * measured has {@code failed=<why>}. Load runs say which generator made them: {@code gen=java}
 * (the harness's {@link LoadGenerator}; also rows with no {@code gen}) or {@code gen=tcpload}.
 */
final class Results {

	/** The servers in table order, with their labels. */
	static final Map<String, String> SERVERS = labels("tcp-gateway", "tcp-gateway", "tcp-gateway-traced",
			"tcp-gateway, tracing at 100 %", "tcp-gateway-idle18k", "tcp-gateway beside the idle connections",
			"raw-netty", "raw Netty", "raw-netty-idle18k", "raw Netty beside the idle connections", "stock-si",
			"stock Spring Integration");

	static final List<Integer> PERSISTENT_CONNECTIONS = List.of(1, 16, 128);

	static final String JAVA = "java";

	static final String TCPLOAD = "tcpload";

	/** The generators in table order, with their labels. */
	static final Map<String, String> GENERATORS = labels(TCPLOAD, "tcpload", JAVA, "Java");

	/** A run during which the rest of the machine used more than this share of a core. */
	static final double DISTURBED = 0.25;

	private final List<Map<String, String>> rows;

	private Results(List<Map<String, String>> rows) {
		this.rows = rows;
	}

	static Results read(Path file) throws IOException {
		return new Results(Files.readAllLines(file).stream().filter((line) -> !line.isBlank()).map(Results::parse).toList());
	}

	private static Map<String, String> parse(String line) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : line.trim().split("\\s+")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				fields.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return fields;
	}

	/** {@code key=value} lines where the value is the rest of the line (it may hold spaces). */
	static Map<String, String> readMeta(Path file) throws IOException {
		Map<String, String> meta = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file)) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				meta.put(line.substring(0, equals), line.substring(equals + 1).trim());
			}
		}
		return meta;
	}

	/** The rows of one server and kind, optionally narrowed further. */
	List<Map<String, String>> select(String server, String kind, Predicate<Map<String, String>> filter) {
		return this.rows.stream()
			.filter((row) -> server.equals(row.get("server")) && kind.equals(row.get("kind")))
			.filter(filter)
			.toList();
	}

	List<Map<String, String>> all() {
		return this.rows;
	}

	/** The load runs (persistent and connect-per-request) that produced a result. */
	List<Map<String, String>> measured() {
		return this.rows.stream()
			.filter((row) -> row.containsKey("rps") && !"idle".equals(row.get("kind")))
			.toList();
	}

	/** The persistent runs of the generator the goals are judged on: tcpload when it ran, else the Java one. */
	List<Map<String, String>> persistent(String server, int connections) {
		return persistent(server, connections, primaryGenerator());
	}

	List<Map<String, String>> persistent(String server, int connections, String generator) {
		return select(server, "persistent",
				(row) -> String.valueOf(connections).equals(row.get("conns")) && generator.equals(generator(row)));
	}

	List<Map<String, String>> connectPerRequest(String server, String generator) {
		return select(server, "per-request-connect", (row) -> generator.equals(generator(row)));
	}

	static String generator(Map<String, String> row) {
		return row.getOrDefault("gen", JAVA);
	}

	/** tcpload when any of its runs measured something, else the Java generator. */
	String primaryGenerator() {
		return this.rows.stream().anyMatch((row) -> TCPLOAD.equals(row.get("gen")) && row.containsKey("rps")) ? TCPLOAD
				: JAVA;
	}

	/**
	 * Median, min and max of a field over the rows that measured it, leaving out disturbed runs
	 * when there is at least one undisturbed one; {@code null} if none measured it.
	 */
	static Stats stats(List<Map<String, String>> rows, String key) {
		double[] values = used(rows).stream()
			.filter((row) -> row.containsKey(key))
			.mapToDouble((row) -> Double.parseDouble(row.get(key)))
			.filter((value) -> value >= 0)
			.sorted()
			.toArray();
		return (values.length == 0) ? null : new Stats(median(values), values[0], values[values.length - 1], values.length);
	}

	/** The runs the statistics use: the undisturbed ones if there are any, else every measured one. */
	static List<Map<String, String>> used(List<Map<String, String>> rows) {
		List<Map<String, String>> measured = rows.stream().filter((row) -> !row.containsKey("failed")).toList();
		List<Map<String, String>> quiet = measured.stream().filter((row) -> !disturbed(row)).toList();
		return quiet.isEmpty() ? measured : quiet;
	}

	/** Whether the rest of the machine used more than a quarter of a core during the run. */
	static boolean disturbed(Map<String, String> row) {
		return Double.parseDouble(row.getOrDefault("other_cpu_util", "0")) > DISTURBED;
	}

	private static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** Sum of an integer field over all rows, failed ones included. */
	static long sum(List<Map<String, String>> rows, String key) {
		return rows.stream().mapToLong((row) -> Long.parseLong(row.getOrDefault(key, "0"))).sum();
	}

	static long failures(List<Map<String, String>> rows) {
		return rows.stream().filter((row) -> row.containsKey("failed")).count();
	}

	/** Why the rows could not be measured, each reason once, readable: "not run: ...". */
	static String whyNotRun(List<Map<String, String>> rows) {
		return "not run: " + String.join("; ", rows.stream()
			.map((row) -> row.get("failed"))
			.filter((why) -> why != null)
			.map((why) -> why.replace('-', ' '))
			.distinct()
			.toList());
	}

	private static Map<String, String> labels(String... keysAndLabels) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (int i = 0; i < keysAndLabels.length; i += 2) {
			labels.put(keysAndLabels[i], keysAndLabels[i + 1]);
		}
		return labels;
	}

	record Stats(double median, double min, double max, int count) {

	}

}
