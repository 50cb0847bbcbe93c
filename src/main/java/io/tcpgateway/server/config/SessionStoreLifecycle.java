package io.tcpgateway.server.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.server.GracefulDrain;
import io.tcpgateway.server.session.SessionStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Opens the session store before the listeners accept, runs its housekeeping on one daemon
 * thread, and closes it after they have drained (so that the keys of the connections they closed
 * are let go first).
 */
class SessionStoreLifecycle implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(SessionStoreLifecycle.class);

	private final SessionStore store;

	private volatile @Nullable ScheduledExecutorService housekeeping;

	private volatile boolean running;

	SessionStoreLifecycle(SessionStore store) {
		this.store = store;
	}

	@Override
	public void start() {
		this.running = true;
		this.store.open();
		long every = this.store.housekeepingInterval().toMillis();
		if (every > 0) {
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "tcp-sessions");
				thread.setDaemon(true);
				return thread;
			});
			executor.scheduleWithFixedDelay(this::housekeep, every, every, TimeUnit.MILLISECONDS);
			this.housekeeping = executor;
		}
	}

	private void housekeep() {
		try {
			this.store.housekeep();
		}
		catch (RuntimeException ex) {
			log.warn("Sessions: housekeeping failed; trying again", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.housekeeping;
		this.housekeeping = null;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.store.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Opened before the listeners start accepting; closed after they have drained. */
	@Override
	public int getPhase() {
		return GracefulDrain.GATEWAY_PHASE - 100;
	}

}
