package io.tcpgateway.support;

import java.util.Random;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives a test a {@link Random} with a fresh seed (or {@code -Dtcpgateway.seed=N} to replay
 * one) and puts the seed in the failure message, so that a failing random input can be rerun.
 */
public class SeededRandom implements ParameterResolver, TestExecutionExceptionHandler {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SeededRandom.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Random.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		String replay = System.getProperty("tcpgateway.seed");
		long seed = (replay != null) ? Long.parseLong(replay) : System.nanoTime();
		context.getStore(NAMESPACE).put("seed", seed);
		return new Random(seed);
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		Long seed = context.getStore(NAMESPACE).get("seed", Long.class);
		if (seed == null) {
			throw failure;
		}
		AssertionError withSeed = new AssertionError(
				"[random seed " + seed + "; rerun with -Dtcpgateway.seed=" + seed + "] " + failure.getMessage(), failure);
		throw withSeed;
	}

}
