package io.tcpgateway.server.connection;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.view.RequestTrace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A turn, the value a request travels in between the event loop and whatever answers it: the
 * first reply counts, a reply is the turn's only on the thread answering it, and a turn the
 * server answers itself has its answer from the start.
 */
class TurnTests {

	@Test
	void theFirstReplyGivenIsTheAnswer() {
		Turn turn = Turn.request("PING".getBytes(StandardCharsets.US_ASCII), false);
		assertThat(turn.answer()).isNull();
		turn.replied(Reply.of("PONG"));
		turn.replied(Reply.of("again"));
		assertThat(turn.answer()).isEqualTo(Reply.of("PONG"));
	}

	@Test
	void aReplyIsTheTurnsOnlyOnTheThreadAnsweringItAndOnlyOnce() throws Exception {
		Turn turn = Turn.request("PING".getBytes(StandardCharsets.US_ASCII), false);
		assertThat(turn.awaitsReplyHere()).as("not started").isFalse();
		turn.start(RequestTrace.NONE);
		assertThat(turn.awaitsReplyHere()).isTrue();
		AtomicBoolean elsewhere = new AtomicBoolean(true);
		Thread other = new Thread(() -> elsewhere.set(turn.awaitsReplyHere()));
		other.start();
		other.join();
		assertThat(elsewhere).as("a timed-out request's late reply, from another thread").isFalse();
		turn.replied(Reply.of("PONG"));
		assertThat(turn.awaitsReplyHere()).as("replied already").isFalse();
	}

	@Test
	void aTurnTheServerAnswersHasItsAnswerAndNoRequest() {
		Turn busy = Turn.known(RequestQueue.BUSY);
		assertThat(busy.answer()).isEqualTo(RequestQueue.BUSY);
		assertThat(busy.isRequest()).isFalse();
		assertThatIllegalStateException().isThrownBy(busy::request);
	}

	@Test
	void aCancelledTurnSaysSoToTheThreadAboutToStartIt() {
		Turn turn = Turn.request(new byte[0], true);
		assertThat(turn.wasCancelled()).isFalse();
		turn.cancel();
		assertThat(turn.wasCancelled()).isTrue();
		assertThat(turn.bareLine()).isTrue();
	}

}
