package io.tcpgateway.server.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.dispatch.TestLanes;
import io.tcpgateway.server.view.RequestTrace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection's requests, in order, on a worker lane whose tasks run when the test says:
 * turns come back in the order taken, at most the lane's share are out at once, and dropping
 * cancels what has not started.
 */
class RequestQueueTests {

	final EmbeddedChannel eventLoop = new EmbeddedChannel();

	final List<String> outcomes = new ArrayList<>();

	final RequestQueue.Outcomes record = new RequestQueue.Outcomes() {
		@Override
		public RequestTrace trace(Turn turn) {
			RequestQueueTests.this.outcomes.add("start " + text(turn));
			return RequestTrace.NONE;
		}

		@Override
		public void answered(Turn turn) {
			RequestQueueTests.this.outcomes.add("answered " + turn.answer());
		}

		@Override
		public void timedOut(Turn turn) {
			RequestQueueTests.this.outcomes.add("timed out");
		}

		@Override
		public void late(Turn turn) {
			RequestQueueTests.this.outcomes.add("late " + turn.stage);
		}

		@Override
		public void busy() {
			RequestQueueTests.this.outcomes.add("busy");
		}
	};

	RequestQueue queue(int inFlight) {
		return new RequestQueue(TestLanes.on(this.eventLoop.eventLoop(), inFlight, 100).get(),
				this.eventLoop.eventLoop(), Duration.ZERO, (turn) -> turn.replied(Reply.of(text(turn))), this.record);
	}

	static String text(Turn turn) {
		return new String(turn.request(), StandardCharsets.UTF_8);
	}

	static Turn request(String text) {
		return Turn.request(text.getBytes(StandardCharsets.UTF_8), false);
	}

	@Test
	void handsOverAtMostItsShareAndAnswersInOrder() {
		RequestQueue queue = queue(2);
		queue.take(request("a"));
		queue.take(request("b"));
		assertThat(queue.hasRoom()).isFalse();
		queue.take(request("c"));
		assertThat(queue.idle()).isFalse();
		this.eventLoop.runPendingTasks();
		// a lane's turns and the event loop's take turns too: each answer comes back before the next starts here
		assertThat(this.outcomes).containsExactly("start a", "answered Reply ['a']", "start b", "answered Reply ['b']",
				"start c", "answered Reply ['c']");
		assertThat(queue.idle()).isTrue();
	}

	@Test
	void aKnownAnswerKeepsItsPlace() {
		RequestQueue queue = queue(64);
		queue.take(request("a"));
		queue.take(Turn.known(Reply.of("ERR malformed frame")));
		this.eventLoop.runPendingTasks();
		assertThat(this.outcomes).containsExactly("start a", "answered Reply ['a']",
				"answered Reply ['ERR malformed frame']");
	}

	@Test
	void droppingCancelsWhatHasNotStartedAndCountsIt() {
		RequestQueue queue = queue(1);
		queue.take(request("a"));
		queue.take(request("b"));
		assertThat(queue.drop()).isEqualTo(2);
		this.eventLoop.runPendingTasks();
		assertThat(this.outcomes).as("a was handed over, never started; b never handed over")
			.containsExactly("late DROPPED");
		assertThat(queue.idle()).isTrue();
	}

}
