package io.tcpgateway.server.connection;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.reply.Reply;
import org.jspecify.annotations.Nullable;

/**
 * What a connection writes right after the reply of the turn that bound its session key: the
 * frames queued for the key while it was offline, then the pushes that came meanwhile, held
 * behind them so that they keep their order. A push is held from the moment a bind starts
 * until the frames it brought are written. Event loop only.
 */
final class FollowingFrames {

	/** A frame to write; a push's outcome, or {@code null} for a frame from the offline queue. */
	record Held(Reply.Frame frame, @Nullable CompletableFuture<PushOutcome> outcome) {
	}

	/** Frames from the offline queue: older than any push held. */
	private final ArrayDeque<Held> queued = new ArrayDeque<>(4);

	private final ArrayDeque<Held> pushes = new ArrayDeque<>(2);

	/** Binds in progress: their frames are still to come. */
	private int binds;

	void bindStarted() {
		this.binds++;
	}

	void bindEnded() {
		this.binds--;
	}

	/** Frames taken from the offline queue: before the pushes held, which are newer. */
	void add(List<Reply.Frame> frames) {
		for (Reply.Frame frame : frames) {
			this.queued.add(new Held(frame, null));
		}
	}

	/** Whether a push now must wait behind frames still to come or not yet written. */
	boolean holdsPushes() {
		return this.binds > 0 || !this.queued.isEmpty() || !this.pushes.isEmpty();
	}

	void hold(Reply.Frame frame, CompletableFuture<PushOutcome> outcome) {
		this.pushes.add(new Held(frame, outcome));
	}

	/** Whether no bind is in progress and nothing is held. */
	boolean isEmpty() {
		return this.binds == 0 && this.queued.isEmpty() && this.pushes.isEmpty();
	}

	/** The next frame to write, once no bind is still bringing frames; {@code null} when none. */
	@Nullable Held next() {
		if (this.binds > 0) {
			return null;
		}
		Held next = this.queued.poll();
		return (next != null) ? next : this.pushes.poll();
	}

}
