package io.tcpgateway.server.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an {@link InvalidSettingException} in Spring Boot's short startup-failure form. */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Update " + cause.property() + " (environment variable "
						+ InvalidSettingException.environmentVariable(cause.property()) + ") in your configuration.",
				cause);
	}

}
