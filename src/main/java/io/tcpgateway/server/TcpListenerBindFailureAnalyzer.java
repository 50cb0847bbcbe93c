package io.tcpgateway.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a listener that could not bind, the way Spring Boot explains a web port in use. */
class TcpListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<TcpListenerBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TcpListenerBindException cause) {
		ListenerProperties listener = cause.listener();
		String property = NettyServerConnectionFactory.propertyPrefix(listener) + "port";
		return new FailureAnalysis(cause.getMessage(),
				"Stop the process that holds " + listener.host() + ":" + listener.port() + ", or set " + property
						+ " (for example TCP_SERVER_PORT) to a free port (0 picks an ephemeral one).",
				cause);
	}

}
