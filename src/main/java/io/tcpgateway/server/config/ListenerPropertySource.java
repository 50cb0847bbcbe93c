package io.tcpgateway.server.config;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;

/**
 * The properties of one named listener as its binding sees them: its own
 * {@code tcp.server.listeners.<name>.*} keys, and for every key it leaves unset, the default
 * listener's {@code tcp.server.*} value, key by key ({@code ssl.client-auth} is inherited when
 * only {@code ssl.bundle} is set). A list is inherited whole or not at all. The port is never
 * inherited. Values keep their origin, so an error points at where a value was really set.
 */
final class ListenerPropertySource implements ConfigurationPropertySource {

	static final ConfigurationPropertyName DEFAULTS = ConfigurationPropertyName.of("tcp.server");

	private static final Set<String> NOT_INHERITED = Set.of("port");

	private final Iterable<ConfigurationPropertySource> sources;

	private final ConfigurationPropertyName listener;

	ListenerPropertySource(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName listener) {
		this.sources = sources;
		this.listener = listener;
	}

	@Override
	public @Nullable ConfigurationProperty getConfigurationProperty(ConfigurationPropertyName name) {
		ConfigurationProperty own = find(name);
		if (own != null || !inherits(name) || state(name) == ConfigurationPropertyState.PRESENT) {
			return own;
		}
		ConfigurationProperty inherited = find(inheritedName(name));
		return (inherited != null) ? new ConfigurationProperty(name, inherited.getValue(), inherited.getOrigin())
				: null;
	}

	@Override
	public ConfigurationPropertyState containsDescendantOf(ConfigurationPropertyName name) {
		ConfigurationPropertyState own = state(name);
		if (own == ConfigurationPropertyState.PRESENT || !this.listener.isAncestorOf(name) && !this.listener.equals(name)) {
			return own;
		}
		ConfigurationPropertyName inheritedName = this.listener.equals(name) ? DEFAULTS : inheritedName(name);
		return (state(inheritedName) == ConfigurationPropertyState.PRESENT) ? ConfigurationPropertyState.PRESENT
				: own;
	}

	/** Whether a key of this listener falls back to the default listener's. */
	private boolean inherits(ConfigurationPropertyName name) {
		return this.listener.isAncestorOf(name) && !NOT_INHERITED
			.contains(name.getElement(this.listener.getNumberOfElements(), ConfigurationPropertyName.Form.UNIFORM));
	}

	private ConfigurationPropertyName inheritedName(ConfigurationPropertyName name) {
		return DEFAULTS.append(name.subName(this.listener.getNumberOfElements()));
	}

	private @Nullable ConfigurationProperty find(ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : this.sources) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

	private ConfigurationPropertyState state(ConfigurationPropertyName name) {
		ConfigurationPropertyState state = ConfigurationPropertyState.ABSENT;
		for (ConfigurationPropertySource source : this.sources) {
			ConfigurationPropertyState found = source.containsDescendantOf(name);
			if (found == ConfigurationPropertyState.PRESENT) {
				return found;
			}
			if (found == ConfigurationPropertyState.UNKNOWN) {
				state = found;
			}
		}
		return state;
	}

}
