package io.tcpgateway.benchplugin;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The driver of bench/sessions.sh, on Spring Boot's loader path: {@code PUSHES <prefix> <keys>
 * <count> <in-flight>} pushes {@code count} frames through this instance's {@code TcpPush} to the
 * keys {@code <prefix>0} to {@code <prefix><keys - 1>} in turn, at most {@code in-flight}
 * unanswered at once, and answers how long it took and how the pushes ended. Blocks while it
 * runs: start the instance with worker threads.
 */
@AutoConfiguration
public class PushBenchPlugin {

	@Bean
	Command pushes(ObjectProvider<TcpPush> push) {
		return Command.of("PUSHES", (argument) -> {
			String[] words = argument.trim().split(" +");
			String prefix = words[0];
			int keys = Integer.parseInt(words[1]);
			int count = Integer.parseInt(words[2]);
			Semaphore inFlight = new Semaphore(Integer.parseInt(words[3]));
			Map<PushOutcome, Integer> outcomes = new EnumMap<>(PushOutcome.class);
			long start = System.nanoTime();
			try {
				for (int i = 0; i < count; i++) {
					inFlight.acquire();
					push.getObject().toSession(prefix + (i % keys), "push-" + i).whenComplete((outcome, failure) -> {
						synchronized (outcomes) {
							outcomes.merge((outcome != null) ? outcome : PushOutcome.UNAVAILABLE, 1, Integer::sum);
						}
						inFlight.release();
					});
				}
				inFlight.acquire(Integer.parseInt(words[3]));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
			synchronized (outcomes) {
				return Reply.of("pushes=" + count + " us=" + micros + " per_s=" + (count * 1_000_000L / Math.max(1, micros))
						+ " outcomes=" + outcomes.toString().replace(" ", ""));
			}
		});
	}

}
