package io.tcpgateway.benchplugin;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The push benchmark's driver (bench/push.sh), added to the fat jar the way a user extends it:
 * a command bean on Spring Boot's loader path that pushes through the {@link TcpPush} bean, from
 * inside the server process. {@code PUSHBURST <prefix> <keys> <seconds> <window>} answers
 * {@code OK pushing}, then pushes to the keys {@code <prefix>0} to {@code <prefix><keys-1>} for
 * that long, as fast as each key's connection takes them: every key has {@code window} pushes in
 * flight (below {@code max-pending-pushes}, so none is refused), and each one written makes
 * room for the next. Each frame is {@code <key> <n>}, n counting from 1 per key across bursts, so
 * the client can check every frame and its order. When the last push has its outcome, the
 * command pushes {@code DONE written=W refused=R not_connected=C secs=S} to the connection that
 * asked. One thread issues every push (so the pushes to one key keep their order); one burst at
 * a time.
 */
@AutoConfiguration
public class PushBurstPlugin {

	/**
	 * The push service is looked up when the first burst starts: it needs the listeners, which
	 * need the reply service this command is part of, so it cannot be injected here directly.
	 */
	@Bean
	Command pushBurst(ObjectProvider<TcpPush> push) {
		Bursts bursts = new Bursts(push);
		return Command.withRequest("PUSHBURST", (request) -> {
			String[] words = request.text().split(" ");
			if (words.length != 4) {
				return Reply.of("ERR PUSHBURST <prefix> <keys> <seconds> <window>");
			}
			boolean started = bursts.start(request.connection().id(), words[0], Integer.parseInt(words[1]),
					Double.parseDouble(words[2]), Integer.parseInt(words[3]));
			return Reply.of(started ? "OK pushing" : "ERR a burst is running");
		});
	}

	/** The next frame number of each key, and the one burst at a time. */
	static final class Bursts {

		private final ObjectProvider<TcpPush> push;

		private final Map<String, long[]> sequences = new HashMap<>();

		private final AtomicBoolean running = new AtomicBoolean();

		Bursts(ObjectProvider<TcpPush> push) {
			this.push = push;
		}

		boolean start(String control, String prefix, int keys, double seconds, int window) {
			if (!this.running.compareAndSet(false, true)) {
				return false;
			}
			Thread thread = new Thread(() -> {
				try {
					TcpPush push = this.push.getObject();
					String done = new Burst(push, this.sequences, prefix, keys, seconds, window).run();
					push.toConnection(control, done);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					this.running.set(false);
				}
			}, "push-burst");
			thread.setDaemon(true);
			thread.start();
			return true;
		}

	}

	/** One burst: every push and every outcome handled on one thread, so no state here is shared. */
	static final class Burst {

		private final TcpPush push;

		private final Map<String, long[]> sequences;

		private final String prefix;

		private final int keys;

		private final long nanos;

		private final int window;

		private final ExecutorService thread = Executors.newSingleThreadExecutor((task) -> {
			Thread pusher = new Thread(task, "push-burst-pusher");
			pusher.setDaemon(true);
			return pusher;
		});

		private final CountDownLatch ended;

		private long deadline;

		private long written;

		private long refused;

		private long notConnected;

		Burst(TcpPush push, Map<String, long[]> sequences, String prefix, int keys, double seconds, int window) {
			this.push = push;
			this.sequences = sequences;
			this.prefix = prefix;
			this.keys = keys;
			this.nanos = (long) (seconds * 1e9);
			this.window = window;
			this.ended = new CountDownLatch(keys * window);
		}

		String run() throws InterruptedException {
			long start = System.nanoTime();
			this.thread.execute(() -> {
				this.deadline = start + this.nanos;
				for (int key = 0; key < this.keys; key++) {
					String name = this.prefix + key;
					long[] sequence = this.sequences.computeIfAbsent(name, (unused) -> new long[1]);
					for (int i = 0; i < this.window; i++) {
						next(name, sequence);
					}
				}
			});
			boolean allEnded = this.ended.await(this.nanos + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS);
			double secs = (System.nanoTime() - start) / 1e9;
			String counts = onThread(() -> String.format(Locale.ROOT,
					"DONE written=%d refused=%d not_connected=%d secs=%.3f%s", this.written, this.refused,
					this.notConnected, secs, allEnded ? "" : " unfinished=1"));
			this.thread.shutdownNow();
			return counts;
		}

		/** On the burst's thread: the next push of this key, unless the time is up. */
		private void next(String key, long[] sequence) {
			if (System.nanoTime() - this.deadline >= 0) {
				this.ended.countDown();
				return;
			}
			sequence[0]++;
			this.push.toSession(key, key + " " + sequence[0])
				.whenCompleteAsync((outcome, failure) -> pushed(key, sequence, outcome), this.thread);
		}

		private void pushed(String key, long[] sequence, PushOutcome outcome) {
			if (outcome == PushOutcome.WRITTEN) {
				this.written++;
				next(key, sequence);
				return;
			}
			// a key that cannot take more ends its stream: the client sees the gap in its numbers
			if (outcome == PushOutcome.REFUSED) {
				this.refused++;
			}
			else {
				this.notConnected++;
			}
			this.ended.countDown();
		}

		private String onThread(Callable<String> task) throws InterruptedException {
			try {
				return this.thread.submit(task).get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
