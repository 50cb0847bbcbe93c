package io.tcpgateway.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tcpgateway.server.view.ListenerView;

/**
 * The per-listener shape that health and info share: the default listener's details at the
 * top, each listener's under {@code listeners}, in the order given.
 */
final class ListenerSummary {

	private ListenerSummary() {
	}

	/** Where a listener binds and how it frames: {@code host}, {@code port}, {@code codec}. */
	static Map<String, Object> basics(ListenerView listener) {
		Map<String, Object> basics = new LinkedHashMap<>();
		basics.put("host", listener.host());
		basics.put("port", listener.port());
		basics.put("codec", listener.codec());
		return basics;
	}

	/** The default listener's details, and every listener's under {@code listeners}. */
	static Map<String, Object> of(List<ListenerView> listeners, Function<ListenerView, Map<String, Object>> details) {
		Map<String, Object> summary = new LinkedHashMap<>();
		Map<String, Object> byName = new LinkedHashMap<>();
		for (ListenerView listener : listeners) {
			Map<String, Object> own = details.apply(listener);
			byName.put(listener.name(), own);
			if (listener.isDefault()) {
				summary.putAll(own);
			}
		}
		summary.put("listeners", byName);
		return summary;
	}

}
