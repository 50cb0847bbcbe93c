package io.tcpgateway.support;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running server for the tests of a class that need the same settings, as a
 * {@code @RegisterExtension static final} field: started by the first test that asks for it,
 * stopped after the class. Tests that share it give each case a listener of its own (a named
 * listener) and read meters by its {@code port} tag, or compare before and after.
 */
public final class SharedServer implements AfterAllCallback {

	private final Supplier<RunningServer> start;

	private RunningServer server;

	private SharedServer(Supplier<RunningServer> start) {
		this.start = start;
	}

	/** The application with these arguments, as {@link RunningServer#start(String...)} takes them. */
	public static SharedServer of(String... args) {
		return new SharedServer(() -> RunningServer.start(args));
	}

	/** The application plus extra configuration classes. */
	public static SharedServer of(Class<?>[] extraSources, String... args) {
		return new SharedServer(() -> RunningServer.start(extraSources, args));
	}

	/** Arguments known only once the class has run its {@code @BeforeAll} methods, such as certificates. */
	public static SharedServer startedBy(Supplier<RunningServer> start) {
		return new SharedServer(start);
	}

	/** The running server, started now if no test has asked for it yet. */
	public synchronized RunningServer get() {
		if (this.server == null) {
			this.server = this.start.get();
		}
		return this.server;
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

}
