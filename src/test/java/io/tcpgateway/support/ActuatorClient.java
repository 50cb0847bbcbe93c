package io.tcpgateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads Actuator endpoints over real HTTP on 127.0.0.1. */
public final class ActuatorClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final int port;

	ActuatorClient(int port) {
		this.port = port;
	}

	/** A client for the Actuator endpoints on this port of 127.0.0.1, such as a fat jar's. */
	public static ActuatorClient at(int port) {
		return new ActuatorClient(port);
	}

	/** The HTTP response to {@code GET /actuator/<path>}. */
	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).DELETE());
	}

	/** The HTTP response to {@code POST /actuator/<path>} with a JSON body. */
	public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	/** The JSON body of {@code GET /actuator/<path>}, whatever the status. */
	public JsonNode json(String path) throws IOException, InterruptedException {
		return json.readTree(get(path).body());
	}

	/**
	 * One statistic of a meter from {@code /actuator/metrics/<name>}, filtered by tags given as
	 * {@code "key:value"}.
	 */
	public double metric(String name, String statistic, String... tags) throws IOException, InterruptedException {
		StringBuilder path = new StringBuilder("metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append((i == 0) ? '?' : '&').append("tag=").append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
		}
		HttpResponse<String> response = get(path.toString());
		if (response.statusCode() != 200) {
			throw new AssertionError("GET /actuator/" + path + " -> " + response.statusCode() + " " + response.body());
		}
		for (JsonNode measurement : json.readTree(response.body()).get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("no " + statistic + " in " + response.body());
	}

	/** The COUNT of a counter or timer, or the VALUE of a gauge. */
	public double count(String name, String... tags) throws IOException, InterruptedException {
		return metric(name, "COUNT", tags);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + "/actuator" + (path.isEmpty() ? "" : "/" + path));
	}

}
