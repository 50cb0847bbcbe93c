package io.tcpgateway.server.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.dispatch.WorkerLane;
import io.tcpgateway.server.view.RequestTrace;
import org.jspecify.annotations.Nullable;

/**
 * One connection's requests from taken to answered, in order: answered right here on the event
 * loop, or handed to the connection's {@link WorkerLane}, at most its share at a time, each turn
 * coming back to the event loop once answered. A request that finds {@code worker-queue} full is
 * answered {@code ERR server busy} in its place; one not answered within {@code request-timeout}
 * gets {@code ERR timeout} in its place and lets the next one go. Confined to the event loop,
 * but for what a {@link Turn} carries across.
 */
final class RequestQueue {

	static final Reply BUSY = Reply.of("ERR server busy");

	/** What the connection does as turns end; all on the event loop. */
	interface Outcomes {

		/** On the answering thread, just before the service starts on a request: its trace. */
		RequestTrace trace(Turn turn);

		/** A turn was answered: write its answer. */
		void answered(Turn turn);

		/** A request took longer than the request timeout: write {@code ERR timeout} in its place. */
		void timedOut(Turn turn);

		/** A turn came back that had been timed out or dropped: nothing more is written for it. */
		void late(Turn turn);

		/** A request found {@code worker-queue} full; it is answered busy in its place. */
		void busy();

	}

	private final @Nullable WorkerLane lane;

	private final EventExecutor eventLoop;

	private final Duration timeout;

	private final TurnAnswerer answerer;

	private final Outcomes outcomes;

	// sized for the usual one turn at a time (an idle connection keeps them); they grow when a
	// client pipelines to a worker

	/** Taken, not yet handed over (only while the lane has its share in flight). */
	private final ArrayDeque<Turn> waiting = new ArrayDeque<>(1);

	/** Handed over, not yet back. */
	private final ArrayDeque<Turn> handed = new ArrayDeque<>(1);

	/** Handed over and still holding a place: not back, not timed out. */
	private int inFlight;

	/** Inside {@link #pump()}: a turn answered right here must not start another pump beneath it. */
	private boolean pumping;

	RequestQueue(@Nullable WorkerLane lane, EventExecutor eventLoop, Duration timeout, TurnAnswerer answerer,
			Outcomes outcomes) {
		this.lane = lane;
		this.eventLoop = eventLoop;
		this.timeout = timeout;
		this.answerer = answerer;
		this.outcomes = outcomes;
	}

	/** Takes a turn, in order after every turn taken before it. */
	void take(Turn turn) {
		this.waiting.add(turn);
		pump();
	}

	/** Whether one more request can be handed over at once. */
	boolean hasRoom() {
		return this.lane == null || this.inFlight < this.lane.maxInFlight() && this.waiting.isEmpty();
	}

	/** Whether every turn taken is back. */
	boolean idle() {
		return this.handed.isEmpty() && this.waiting.isEmpty();
	}

	/**
	 * The connection is cut or gone: turns not yet handed over are dropped, and those handed over
	 * but not started will not be. Returns the turns dropped here.
	 */
	int drop() {
		int dropped = this.waiting.size();
		for (Turn turn : this.waiting) {
			turn.stage = Turn.Stage.DROPPED;
		}
		this.waiting.clear();
		for (Turn turn : this.handed) {
			if (turn.stage == Turn.Stage.PENDING) {
				turn.cancel();
				turn.stage = Turn.Stage.DROPPED;
				this.inFlight--;
				dropped++;
			}
		}
		return dropped;
	}

	private void pump() {
		if (this.pumping) {
			return;
		}
		this.pumping = true;
		try {
			while (!this.waiting.isEmpty() && (this.lane == null || this.inFlight < this.lane.maxInFlight())) {
				Turn turn = this.waiting.poll();
				this.inFlight++;
				this.handed.add(turn);
				if (this.lane == null) {
					answer(turn);
					back(turn);
				}
				else {
					handOver(this.lane, turn);
				}
			}
		}
		finally {
			this.pumping = false;
		}
	}

	private void handOver(WorkerLane lane, Turn turn) {
		if (!turn.isRequest()) {
			lane.runInOrder(() -> backLater(turn));
		}
		else if (!lane.tryRun(() -> answerThenBack(turn))) {
			this.outcomes.busy();
			Turn busy = Turn.known(BUSY);
			this.handed.removeLast();
			this.handed.add(busy);
			lane.runInOrder(() -> backLater(busy));
		}
	}

	private void answerThenBack(Turn turn) {
		try {
			answer(turn);
		}
		finally {
			backLater(turn);
		}
	}

	/** On the answering thread: the service builds the reply, unless the turn was cancelled. */
	private void answer(Turn turn) {
		if (!turn.isRequest() || turn.wasCancelled()) {
			return;
		}
		turn.start(this.outcomes.trace(turn));
		if (!this.timeout.isZero()) {
			turn.deadline = this.eventLoop.schedule(() -> timedOut(turn), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		try {
			this.answerer.answer(turn);
		}
		finally {
			turn.trace().leave();
		}
	}

	private void backLater(Turn turn) {
		this.eventLoop.execute(() -> back(turn));
	}

	/** On the event loop: a turn handed over is back. */
	private void back(Turn turn) {
		this.handed.remove(turn);
		if (turn.stage == Turn.Stage.PENDING) {
			if (turn.deadline != null) {
				turn.deadline.cancel(false);
			}
			turn.stage = Turn.Stage.ANSWERED;
			this.inFlight--;
			this.outcomes.answered(turn);
		}
		else {
			this.outcomes.late(turn);
		}
		pump();
	}

	private void timedOut(Turn turn) {
		if (turn.stage == Turn.Stage.PENDING) {
			turn.stage = Turn.Stage.TIMED_OUT;
			this.inFlight--;
			this.outcomes.timedOut(turn);
			pump();
		}
	}

}
