package io.tcpgateway.server.dispatch;

import java.util.concurrent.Executor;

/**
 * Worker lanes on an executor a test controls (an {@code EmbeddedChannel}'s event loop, whose
 * tasks run when the test says).
 */
public final class TestLanes {

	private TestLanes() {
	}

	/**
	 * @param executor where every lane's tasks run
	 * @param maxInFlight how many requests one lane hands over at once
	 * @param maxQueued the queue bound shared by every lane of the result
	 */
	public static java.util.function.Supplier<WorkerLane> on(Executor executor, int maxInFlight, int maxQueued) {
		WorkerPool pool = new WorkerPool(maxQueued) {
			@Override
			Executor executorForConnection() {
				return executor;
			}

			@Override
			int maxInFlightPerConnection() {
				return maxInFlight;
			}

			@Override
			boolean sharesThreads() {
				return true;
			}

			@Override
			void shutdown() {
			}
		};
		return () -> new WorkerLane(pool);
	}

}
