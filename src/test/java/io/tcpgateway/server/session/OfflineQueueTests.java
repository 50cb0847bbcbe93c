package io.tcpgateway.server.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.reply.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory offline queue of the local store: frames for a key connected nowhere wait in
 * order, bounded per key and in keys, and expire; a bind takes them all at once; a key bound
 * while a push looks for it gets the frame directly. Time is a clock the test moves.
 */
class OfflineQueueTests {

	final AtomicLong now = new AtomicLong();

	final OfflineQueue queue = new OfflineQueue(3, Duration.ofMinutes(1), 2, this.now::get);

	static Reply.Frame text(String text) {
		return Reply.Frame.text(text);
	}

	static List<String> texts(List<Reply.Frame> frames) {
		return frames.stream().map(Reply.Frame::text).toList();
	}

	@Test
	void framesWaitInOrderAndABindTakesThemAllOnce() {
		assertThat(this.queue.offer("k", text("1"), () -> false)).isEqualTo(OfflineQueue.Offer.QUEUED);
		assertThat(this.queue.offer("k", text("2"), () -> false)).isEqualTo(OfflineQueue.Offer.QUEUED);
		assertThat(this.queue.depth()).isEqualTo(2);
		assertThat(texts(this.queue.take("k"))).containsExactly("1", "2");
		assertThat(this.queue.take("k")).as("taken once").isEmpty();
		assertThat(this.queue.depth()).isZero();
	}

	@Test
	void aKeyHoldsAtMostMaxPerKeyFramesAndAtMostMaxKeysKeysHaveFrames() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.queue.offer("k", text("f" + i), () -> false)).isEqualTo(OfflineQueue.Offer.QUEUED);
		}
		assertThat(this.queue.offer("k", text("one too many"), () -> false)).isEqualTo(OfflineQueue.Offer.FULL);
		assertThat(this.queue.offer("other", text("x"), () -> false)).isEqualTo(OfflineQueue.Offer.QUEUED);
		assertThat(this.queue.offer("third", text("x"), () -> false)).as("a third key").isEqualTo(OfflineQueue.Offer.FULL);
		assertThat(this.queue.depth()).isEqualTo(4);
	}

	@Test
	void expiredFramesAreDroppedAndCountedWhenTakenOrSwept() {
		this.queue.offer("k", text("old"), () -> false);
		this.now.addAndGet(Duration.ofSeconds(40).toNanos());
		this.queue.offer("k", text("new"), () -> false);
		this.queue.offer("gone", text("old too"), () -> false);
		this.now.addAndGet(Duration.ofSeconds(30).toNanos());
		assertThat(texts(this.queue.take("k"))).containsExactly("new");
		assertThat(this.queue.expired()).isEqualTo(1);
		this.now.addAndGet(Duration.ofSeconds(60).toNanos());
		this.queue.dropExpired();
		assertThat(this.queue.expired()).isEqualTo(2);
		assertThat(this.queue.depth()).isZero();
		assertThat(this.queue.offer("third", text("x"), () -> false)).as("the swept key made room")
			.isEqualTo(OfflineQueue.Offer.QUEUED);
	}

	@Test
	void aKeyBoundWhileThePushLooksIsNotQueuedFor() {
		assertThat(this.queue.offer("k", text("x"), () -> true)).isEqualTo(OfflineQueue.Offer.BOUND);
		assertThat(this.queue.depth()).isZero();
	}

}
