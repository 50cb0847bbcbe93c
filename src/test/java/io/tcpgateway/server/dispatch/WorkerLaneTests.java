package io.tcpgateway.server.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's lane to the workers: everything handed over runs in order, requests take a place
 * in the shared queue until they start, and answers the server already knows take none.
 */
class WorkerLaneTests {

	final ArrayDeque<Runnable> worker = new ArrayDeque<>();

	final List<String> ran = new ArrayList<>();

	void runWorker() {
		Runnable task;
		while ((task = this.worker.poll()) != null) {
			task.run();
		}
	}

	@Test
	void runsRequestsAndKnownAnswersInTheOrderHandedOver() {
		WorkerLane lane = TestLanes.on(this.worker::add, 64, 10).get();
		assertThat(lane.tryRun(() -> this.ran.add("first"))).isTrue();
		lane.runInOrder(() -> this.ran.add("known"));
		assertThat(lane.tryRun(() -> this.ran.add("second"))).isTrue();
		assertThat(this.ran).isEmpty();
		runWorker();
		assertThat(this.ran).containsExactly("first", "known", "second");
	}

	@Test
	void connectionsSharingAThreadTakeTurnsAndEachKeepsItsOrder() {
		java.util.function.Supplier<WorkerLane> lanes = TestLanes.on(this.worker::add, 64, 100);
		WorkerLane busy = lanes.get();
		WorkerLane other = lanes.get();
		for (int i = 0; i < 5; i++) {
			int n = i;
			busy.tryRun(() -> this.ran.add("busy " + n));
		}
		other.tryRun(() -> this.ran.add("other 0"));
		other.tryRun(() -> this.ran.add("other 1"));
		runWorker();
		assertThat(this.ran).containsExactly("busy 0", "other 0", "busy 1", "other 1", "busy 2", "busy 3", "busy 4");
	}

	@Test
	void aRequestThatFindsTheSharedQueueFullIsNotRun() {
		java.util.function.Supplier<WorkerLane> lanes = TestLanes.on(this.worker::add, 64, 2);
		WorkerLane one = lanes.get();
		WorkerLane other = lanes.get();
		assertThat(one.tryRun(() -> this.ran.add("a"))).isTrue();
		assertThat(other.tryRun(() -> this.ran.add("b"))).isTrue();
		assertThat(one.tryRun(() -> this.ran.add("c"))).as("the queue is shared by every lane").isFalse();
		one.runInOrder(() -> this.ran.add("known answers take no place"));
		runWorker();
		assertThat(this.ran).containsExactly("a", "b", "known answers take no place");
		assertThat(one.tryRun(() -> this.ran.add("d"))).as("places are given back as requests are answered").isTrue();
	}

	@Test
	void platformAndVirtualWorkersAccountForTheQueueAlike() throws Exception {
		for (WorkerThreads threads : java.util.List.of(new WorkerThreads(false, 1),
				new WorkerThreads(Runtime.version().feature() >= 21, Runtime.version().feature() >= 21 ? 0 : 1))) {
			WorkerPool pool = WorkerPool.of(threads, 1);
			try {
				WorkerLane lane = new WorkerLane(pool);
				java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
				java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
				assertThat(lane.tryRun(() -> {
					started.countDown();
					await(release);
				})).isTrue();
				started.await();
				assertThat(lane.tryRun(() -> {
				})).as("worker-threads %s: a running request holds its place", threads).isFalse();
				release.countDown();
				org.awaitility.Awaitility.await()
					.untilAsserted(() -> assertThat(lane.tryRun(() -> {
					})).as("worker-threads %s: and gives it back once answered", threads).isTrue());
			}
			finally {
				pool.shutdown();
			}
		}
	}

	private static void await(java.util.concurrent.CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
