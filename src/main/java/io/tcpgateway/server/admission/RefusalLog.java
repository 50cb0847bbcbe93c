package io.tcpgateway.server.admission;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.tcpgateway.server.view.RejectReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * At most one log line per refusal reason and interval for one listener, so that a flood is a
 * metric and a few lines, not a log storm; the line says how many it stands for. Clients admitted
 * untracked (the table of clients full) are logged the same way.
 */
final class RefusalLog {

	static final long INTERVAL_SECONDS = 10;

	private static final Log log = LogFactory.getLog(ConnectionAdmission.class);

	private final String listener;

	private final LongSupplier nanoClock;

	private final Map<RejectReason, Window> windows = new EnumMap<>(RejectReason.class);

	private final Window untracked;

	RefusalLog(String listener, LongSupplier nanoClock) {
		this.listener = listener;
		this.nanoClock = nanoClock;
		long longAgo = nanoClock.getAsLong() - INTERVAL_SECONDS * 1_000_000_000L;
		for (RejectReason reason : RejectReason.values()) {
			this.windows.put(reason, new Window(longAgo));
		}
		this.untracked = new Window(longAgo);
	}

	void refused(RejectReason reason, Object client, String why) {
		log(this.windows.get(reason), "refused " + client + ", " + why + " (" + reason.propertyValue() + ")",
				"more refused for this reason");
	}

	/** A client was admitted without per-client limits. */
	void untracked(Object client, String why) {
		log(this.untracked, "admitted " + client + " untracked, without per-client limits: " + why,
				"more admitted untracked");
	}

	private void log(Window window, String what, String more) {
		long now = this.nanoClock.getAsLong();
		long last = window.loggedAt.get();
		if (now - last >= INTERVAL_SECONDS * 1_000_000_000L && window.loggedAt.compareAndSet(last, now)) {
			long suppressed = window.suppressed.getAndSet(0);
			log.warn("Listener '" + this.listener + "': " + what + ((suppressed > 0)
					? "; " + suppressed + " " + more + " in the last " + INTERVAL_SECONDS + " s" : ""));
		}
		else {
			window.suppressed.incrementAndGet();
		}
	}

	private static final class Window {

		final AtomicLong loggedAt;

		final AtomicLong suppressed = new AtomicLong();

		Window(long loggedAt) {
			this.loggedAt = new AtomicLong(loggedAt);
		}

	}

}
