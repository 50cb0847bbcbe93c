package io.tcpgateway.server.config;

import io.tcpgateway.server.ListenerSettings;
import io.tcpgateway.server.TcpListenerBindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a listener that could not bind, the way Spring Boot explains a web port in use. */
class TcpListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<TcpListenerBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TcpListenerBindException cause) {
		ListenerSettings listener = cause.listener();
		String property = TcpListenerNames.prefix(listener.name()) + ".port";
		return new FailureAnalysis(cause.getMessage(),
				"Stop the process that holds " + listener.host() + ":" + listener.port() + ", or set " + property
						+ " (environment variable " + InvalidSettingException.environmentVariable(property)
						+ ") to a free port (0 picks an ephemeral one).",
				cause);
	}

}
