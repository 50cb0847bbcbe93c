package io.tcpgateway.server.admission;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * How many connections the process's open-file limit leaves room for, shared by every listener:
 * the limit minus headroom for the JVM, the HTTP server and logs. A connection takes its place
 * from accept until it closes; one more is refused cleanly ({@code ERR server busy}) instead of
 * running the process out of descriptors.
 */
public final class DescriptorBudget {

	private final long openFileLimit;

	private final int connections;

	private final AtomicInteger used = new AtomicInteger();

	private DescriptorBudget(long openFileLimit, int connections) {
		this.openFileLimit = openFileLimit;
		this.connections = connections;
	}

	/** The budget of this process, from its open-file limit (unlimited where it cannot be read). */
	public static DescriptorBudget ofThisProcess() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
			return forOpenFileLimit(unix.getMaxFileDescriptorCount());
		}
		return new DescriptorBudget(-1, Integer.MAX_VALUE);
	}

	/** Headroom: a tenth of the limit, at least 128, at most half. */
	static DescriptorBudget forOpenFileLimit(long openFileLimit) {
		long headroom = Math.min(openFileLimit / 2, Math.max(128, openFileLimit / 10));
		return new DescriptorBudget(openFileLimit, (int) Math.min(Integer.MAX_VALUE, openFileLimit - headroom));
	}

	/** The most connections all listeners together may have open. */
	public int connections() {
		return this.connections;
	}

	/** For the start-up log line. */
	public String describe() {
		return (this.openFileLimit < 0) ? "no open-file limit known"
				: this.connections + " connections (open-file limit " + this.openFileLimit + ", "
						+ (this.openFileLimit - this.connections) + " kept for the JVM, HTTP and logs)";
	}

	boolean tryTake() {
		int current;
		do {
			current = this.used.get();
			if (current >= this.connections) {
				return false;
			}
		}
		while (!this.used.compareAndSet(current, current + 1));
		return true;
	}

	void release() {
		this.used.decrementAndGet();
	}

}
