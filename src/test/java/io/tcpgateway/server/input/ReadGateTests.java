package io.tcpgateway.server.input;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read gate: the socket is read only while no reason holds; frames are handed on while the
 * connection's own reasons are clear, and lifting the last of them hands on what was held.
 */
class ReadGateTests {

	final EmbeddedChannel channel = new EmbeddedChannel();

	final ReadGate gate = new ReadGate(this.channel);

	final List<String> demands = new ArrayList<>();

	final List<String> finished = new ArrayList<>();

	ReadGateTests() {
		this.gate.reader(new ReadGate.Reader() {

			@Override
			public void handOn() {
				ReadGateTests.this.demands.add("demand");
			}

			@Override
			public void finish() {
				ReadGateTests.this.finished.add("finish");
			}

		});
	}

	@Test
	void readsOnlyWhileNoReasonHolds() {
		this.gate.pause(ReadGate.BUSY);
		this.gate.pause(ReadGate.UNWRITABLE);
		assertThat(this.channel.config().isAutoRead()).isFalse();
		this.gate.resume(ReadGate.BUSY);
		assertThat(this.channel.config().isAutoRead()).isFalse();
		assertThat(this.demands).as("still not writable").isEmpty();
		this.gate.resume(ReadGate.UNWRITABLE);
		assertThat(this.channel.config().isAutoRead()).isTrue();
		assertThat(this.demands).containsExactly("demand");
	}

	@Test
	void aBacklogStopsReadingButNotHandingOn() {
		this.gate.pause(ReadGate.BACKLOG);
		assertThat(this.channel.config().isAutoRead()).isFalse();
		assertThat(this.gate.takesFrames()).isTrue();
		this.gate.resume(ReadGate.BACKLOG);
		assertThat(this.channel.config().isAutoRead()).isTrue();
		assertThat(this.demands).as("the connection never stopped taking").isEmpty();
	}

	@Test
	void finishingTheInputStopsReadingForGood() {
		this.gate.finishInput();
		this.gate.resume(ReadGate.BUSY);
		assertThat(this.channel.config().isAutoRead()).isFalse();
		assertThat(this.finished).containsExactly("finish");
	}

}
