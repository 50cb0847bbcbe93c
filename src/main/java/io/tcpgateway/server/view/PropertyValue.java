package io.tcpgateway.server.view;

import java.util.Locale;

/**
 * An enum written in properties, logs and tags the way Spring Boot users write values:
 * {@code LENGTH_HEADER_4} is {@code length-header-4}.
 */
public interface PropertyValue {

	String name();

	/** The kebab-case form: lower case, dashes for underscores. */
	default String propertyValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
