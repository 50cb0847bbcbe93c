package io.tcpgateway.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.tcpgateway.server.view.ListenerView;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/** The listeners configured, and where each one's settings and beans are named. */
final class TcpListenerNames {

	private static final String NAMED = "tcp.server.listeners";

	private TcpListenerNames() {
	}

	/** The default listener, then each under {@code tcp.server.listeners} in name order. */
	static List<String> of(Binder binder) {
		List<String> all = new ArrayList<>(List.of(ListenerView.DEFAULT));
		binder.bind(NAMED, Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.ifBound((named) -> all.addAll(new TreeSet<>(named)));
		if (all.lastIndexOf(ListenerView.DEFAULT) > 0) {
			throw new InvalidSettingException(NAMED + "." + ListenerView.DEFAULT,
					"is reserved for the listener configured directly under tcp.server: give this listener "
							+ "another name, or set its keys under tcp.server");
		}
		if (all.contains(ListenerView.NONE)) {
			throw new InvalidSettingException(NAMED + "." + ListenerView.NONE,
					"is reserved: the meters of pushes that found no connection are tagged listener=none; give this "
							+ "listener another name");
		}
		return all;
	}

	/** Where a listener's keys live: {@code tcp.server} or {@code tcp.server.listeners.<name>}. */
	static String prefix(String listener) {
		return ListenerView.DEFAULT.equals(listener) ? "tcp.server" : NAMED + "." + listener;
	}

	/** {@code base} for the default listener, {@code base.<name>} for a named one. */
	static String beanName(String base, String listener) {
		return ListenerView.DEFAULT.equals(listener) ? base : base + "." + listener;
	}

}
