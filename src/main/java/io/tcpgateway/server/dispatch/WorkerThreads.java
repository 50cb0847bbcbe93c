package io.tcpgateway.server.dispatch;

import java.util.Locale;

/**
 * Where the reply service runs: on the I/O threads ({@code 0}), on a pool of that many platform
 * threads, or on a virtual thread per request ({@code virtual}, Java 21 or newer).
 *
 * @param virtual whether requests run on virtual threads
 * @param count the platform threads; 0 with {@code virtual} false means the I/O threads
 */
public record WorkerThreads(boolean virtual, int count) {

	/** The I/O threads. */
	public static final WorkerThreads NONE = new WorkerThreads(false, 0);

	/** Reads {@code 0}, a number of threads, or {@code virtual}. */
	public static WorkerThreads parse(String value) {
		String normalized = value.strip().toLowerCase(Locale.ROOT);
		if (normalized.equals("virtual")) {
			return new WorkerThreads(true, 0);
		}
		try {
			int count = Integer.parseInt(normalized);
			if (count >= 0) {
				return new WorkerThreads(false, count);
			}
		}
		catch (NumberFormatException ex) {
			// described below
		}
		throw new IllegalArgumentException("'" + value + "' is not a worker-threads value; allowed: 0 (the I/O "
				+ "threads), a number of platform threads, or virtual (a virtual thread per request, Java 21+)");
	}

	/** Whether requests leave the I/O threads. */
	public boolean isWorkers() {
		return this.virtual || this.count > 0;
	}

	@Override
	public String toString() {
		return this.virtual ? "virtual" : String.valueOf(this.count);
	}

}
