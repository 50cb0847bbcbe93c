package io.tcpgateway.observability.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

import io.tcpgateway.server.view.ConnectionSnapshot;
import io.tcpgateway.server.view.ListenerView;
import org.jspecify.annotations.Nullable;

/**
 * Renders the status page: self-contained HTML (inline CSS, no script, no external asset, a
 * Content-Security-Policy that forbids loading any), refreshing itself every few seconds and
 * laid out for a phone as well as a desk.
 */
final class StatusPage {

	static final int REFRESH_SECONDS = 5;

	static final int BUSIEST_CLIENTS = 10;

	private final StringBuilder html = new StringBuilder(16 * 1024);

	private StatusPage() {
	}

	static String render(String application, Instant now, Duration uptime, List<ListenerView> listeners,
			StatusSampler sampler) {
		StatusPage page = new StatusPage();
		page.head(application);
		page.html.append("<header><h1>").append(escape(application)).append(" status</h1><p>")
			.append(escape(now.truncatedTo(ChronoUnit.SECONDS).toString())).append(" &middot; up ").append(escape(format(uptime)))
			.append(" &middot; rates over the last ").append(StatusSampler.WINDOW_SAMPLES - 1)
			.append(" s, refreshed every ").append(REFRESH_SECONDS).append(" s</p></header>\n");
		Map<String, List<ConnectionSnapshot>> connections = new LinkedHashMap<>();
		for (ListenerView listener : listeners) {
			connections.put(listener.name(), listener.connections());
		}
		page.listeners(listeners, connections, sampler);
		page.sessions(connections, sampler.window(ListenerView.NONE));
		for (ListenerView listener : listeners) {
			page.breakdowns(listener, sampler.window(listener.name()));
		}
		page.busiestClients(connections);
		page.html.append("</body></html>\n");
		return page.html.toString();
	}

	private void head(String application) {
		this.html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
			.append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
			.append("<title>").append(escape(application)).append(" status</title><style>")
			.append("body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;padding:8px;max-width:1200px;color:#222}")
			.append("h1{font-size:20px;margin:4px 0}h2{font-size:16px;margin:18px 0 6px}header p{margin:0;color:#555}")
			.append(".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}")
			.append("th,td{padding:4px 5px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}")
			.append("th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}")
			.append(".up{color:#fff;background:#2a7d2e;padding:1px 6px;border-radius:3px}")
			.append(".down{color:#fff;background:#b3261e;padding:1px 6px;border-radius:3px}")
			.append(".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:0 16px}")
			.append("</style></head><body>\n");
	}

	private void listeners(List<ListenerView> listeners, Map<String, List<ConnectionSnapshot>> connections,
			StatusSampler sampler) {
		this.html.append("<h2>Listeners</h2><div class=\"scroll\"><table id=\"listeners\"><tr><th>listener</th>")
			.append("<th>state</th><th>port</th><th>codec</th><th>TLS</th><th>PROXY</th><th>connections</th>")
			.append("<th>sessions</th><th>new/s</th><th>in msg/s</th><th>out msg/s</th><th>pushed/s</th>")
			.append("<th>errors/s</th><th>p50</th><th>p99</th></tr>\n");
		for (ListenerView listener : listeners) {
			StatusSampler.Window window = sampler.window(listener.name());
			this.html.append("<tr data-listener=\"").append(escape(listener.name())).append("\"><td>")
				.append(escape(listener.name())).append("</td><td>")
				.append(listener.isListening() ? "<span class=\"up\">UP</span>" : "<span class=\"down\">DOWN</span>")
				.append("</td><td>").append(listener.port()).append("</td><td>").append(escape(listener.codec()))
				.append("</td><td>").append(listener.tls() ? "yes" : "no").append("</td><td>")
				.append(escape(listener.proxyProtocol())).append("</td><td>").append(listener.activeConnections());
			if (listener.maxConnections() > 0) {
				this.html.append(" / ").append(listener.maxConnections());
			}
			this.html.append("</td><td>").append(sessionCount(connections.get(listener.name()))).append("</td>");
			if (window == null) {
				this.html.append("<td colspan=\"7\">sampling&hellip;</td>");
			}
			else {
				LatencyQuantiles latency = window.latency();
				cell(window.rate(MeterSample::opened));
				cell(window.rate(MeterSample::received));
				cell(window.rate(MeterSample::sent));
				cell(window.rate((sample) -> total(sample.pushed())));
				cell(window.rate((sample) -> total(sample.errors())));
				this.html.append("<td class=\"p50\">").append(millis(latency.seconds(0.50))).append("</td>");
				this.html.append("<td class=\"p99\">").append(millis(latency.seconds(0.99))).append("</td>");
			}
			this.html.append("</tr>\n");
		}
		this.html.append("</table></div>\n");
	}

	/** Session keys bound now, and pushes that found no connection. */
	private void sessions(Map<String, List<ConnectionSnapshot>> connections, StatusSampler.@Nullable Window unrouted) {
		long sessions = connections.values().stream().mapToLong(StatusPage::sessionCount).sum();
		this.html.append("<p id=\"sessions\">Sessions bound: ").append(sessions)
			.append(". Pushes that found no connection: ");
		if (unrouted == null) {
			this.html.append("sampling&hellip;");
		}
		else {
			this.html.append(Math.round(total(unrouted.last().pushed()))).append(", ")
				.append(String.format(Locale.ROOT, "%.1f", unrouted.rate((sample) -> total(sample.pushed()))))
				.append("/s");
		}
		this.html.append(".</p>\n");
	}

	private static long sessionCount(List<ConnectionSnapshot> connections) {
		return connections.stream().filter((connection) -> connection.session() != null).count();
	}

	private void breakdowns(ListenerView listener, StatusSampler.@Nullable Window window) {
		if (window == null) {
			return;
		}
		this.html.append("<h2>Listener ").append(escape(listener.name())).append("</h2><div class=\"grid\">");
		breakdown("rejections", "reason", "rejections-" + listener.name(), window, MeterSample::rejected);
		breakdown("closes", "cause", "closes-" + listener.name(), window, MeterSample::closed);
		breakdown("errors", "type", "errors-" + listener.name(), window, MeterSample::errors);
		breakdown("pushes", "outcome", "pushes-" + listener.name(), window, MeterSample::pushed);
		this.html.append("</div>\n");
	}

	private void breakdown(String title, String tag, String id, StatusSampler.Window window,
			Function<MeterSample, Map<String, Double>> counts) {
		Map<String, Double> before = counts.apply(window.first());
		Map<String, Double> after = counts.apply(window.last());
		this.html.append("<div class=\"scroll\"><table id=\"").append(escape(id)).append("\"><tr><th>")
			.append(title).append(" by ").append(tag).append("</th><th>total</th><th>/s</th></tr>");
		boolean any = false;
		for (Map.Entry<String, Double> entry : after.entrySet()) {
			if (entry.getValue() == 0) {
				continue;
			}
			any = true;
			this.html.append("<tr><td>").append(escape(entry.getKey())).append("</td><td>")
				.append(Math.round(entry.getValue())).append("</td>");
			cell(window.rate(before.getOrDefault(entry.getKey(), 0.0), entry.getValue()));
			this.html.append("</tr>");
		}
		if (!any) {
			this.html.append("<tr><td colspan=\"3\">none</td></tr>");
		}
		this.html.append("</table></div>");
	}

	private void busiestClients(Map<String, List<ConnectionSnapshot>> connections) {
		Map<String, long[]> clients = new HashMap<>();
		for (List<ConnectionSnapshot> open : connections.values()) {
			for (ConnectionSnapshot connection : open) {
				long[] totals = clients.computeIfAbsent(connection.remoteAddress(), (address) -> new long[3]);
				totals[0]++;
				totals[1] += connection.messagesIn();
				totals[2] += connection.bytesIn();
			}
		}
		this.html.append("<h2>Busiest clients</h2><div class=\"scroll\"><table id=\"clients\"><tr><th>client</th>")
			.append("<th>open connections</th><th>messages in</th><th>bytes in</th></tr>");
		clients.entrySet()
			.stream()
			.sorted(Comparator.<Map.Entry<String, long[]>>comparingLong((entry) -> -entry.getValue()[1])
				.thenComparingLong((entry) -> -entry.getValue()[0])
				.thenComparing(Map.Entry::getKey))
			.limit(BUSIEST_CLIENTS)
			.forEach((entry) -> this.html.append("<tr><td>").append(escape(entry.getKey())).append("</td><td>")
				.append(entry.getValue()[0]).append("</td><td>").append(entry.getValue()[1]).append("</td><td>")
				.append(entry.getValue()[2]).append("</td></tr>"));
		if (clients.isEmpty()) {
			this.html.append("<tr><td colspan=\"4\">no open connections</td></tr>");
		}
		this.html.append("</table></div><p>By messages taken over their open connections; ")
			.append(clients.size()).append(" clients connected.</p>\n");
	}

	private void cell(double value) {
		this.html.append("<td>").append(String.format(Locale.ROOT, "%.1f", value)).append("</td>");
	}

	private static double total(Map<String, Double> counts) {
		return counts.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	private static String millis(OptionalDouble seconds) {
		return seconds.isPresent() ? String.format(Locale.ROOT, "%.2f ms", seconds.getAsDouble() * 1000) : "&ndash;";
	}

	private static String format(Duration uptime) {
		long s = uptime.toSeconds();
		return (s >= 86400) ? (s / 86400) + "d " + (s % 86400 / 3600) + "h"
				: (s >= 3600) ? (s / 3600) + "h " + (s % 3600 / 60) + "m" : (s / 60) + "m " + (s % 60) + "s";
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
