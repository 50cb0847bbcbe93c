package io.tcpgateway.support;

import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * What Spring Boot prints under "APPLICATION FAILED TO START" for a startup failure, without
 * starting anything: the description and action of the first failure analyzer that explains it,
 * from every analyzer registered in {@code spring.factories} (the application's and Spring
 * Boot's), in the order Spring Boot asks them.
 */
public final class FailureReport {

	private static final List<FailureAnalyzer> ANALYZERS = SpringFactoriesLoader.forDefaultResourceLocation()
		.load(FailureAnalyzer.class,
				ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
					.and(Environment.class, new StandardEnvironment()),
				// as Spring Boot does: an analyzer for a library not on the class path is left out
				FailureHandler.handleMessage((message, failure) -> {
				}));

	private FailureReport() {
	}

	/** "Description: ... Action: ...", as the startup failure report has them. */
	public static String of(Throwable failure) {
		for (FailureAnalyzer analyzer : ANALYZERS) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return "Description:\n\n" + analysis.getDescription() + "\n\nAction:\n\n" + analysis.getAction();
			}
		}
		throw new AssertionError("no failure analyzer explains " + failure, failure);
	}

}
