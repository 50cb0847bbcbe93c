package io.tcpgateway.server.config;

import java.util.Locale;

/**
 * A {@code tcp.server.*} value that cannot work, found at startup; explained by
 * {@link InvalidSettingFailureAnalyzer} the way Spring Boot explains a bad property.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private final String property;

	/**
	 * @param property the exact property, e.g. {@code tcp.server.listeners.secure.allowed-clients}
	 * @param problem what is wrong and what is allowed, e.g. "has an invalid entry 'x' (...)"
	 */
	public InvalidSettingException(String property, String problem) {
		super(property + " " + problem);
		this.property = property;
	}

	/** A check that already names {@code property} in its message failed. */
	public InvalidSettingException(String property, IllegalArgumentException failedCheck) {
		super(failedCheck.getMessage(), failedCheck);
		this.property = property;
	}

	public String property() {
		return this.property;
	}

	/** The environment variable that sets {@code property}: Spring Boot's relaxed binding form. */
	public static String environmentVariable(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

}
