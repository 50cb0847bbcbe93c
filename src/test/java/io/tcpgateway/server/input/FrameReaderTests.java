package io.tcpgateway.server.input;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.support.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame reader on an {@link io.netty.channel.embedded.EmbeddedChannel}: it cuts a frame only
 * when the connection can take it, yields the event loop after its share of frames, passes the
 * end of the input on only after every whole frame before it, and accounts what it holds in the
 * input budget: given back as frames complete, on close and on a reset.
 */
class FrameReaderTests {

	final InputBudget budget = new InputBudget(1 << 20, System::nanoTime);

	/** The connection: takes frames as its gate allows, records them and the events after them. */
	@io.netty.channel.ChannelHandler.Sharable
	static final class Taker extends ChannelInboundHandlerAdapter {

		final List<String> seen = new ArrayList<>();

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (msg instanceof ByteBufHolder line) ? line.content() : (ByteBuf) msg;
			this.seen.add(frame.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
			ReferenceCountUtil.release(msg);
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			this.seen.add("event:" + event.getClass().getSimpleName());
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.seen.add("failed:" + cause.getClass().getSimpleName());
		}

	}

	final Taker taker = new Taker();

	ReadGate gate;

	EmbeddedConnection connect(int maxMessageSize) {
		return EmbeddedConnection.of((Channel channel) -> {
			this.gate = new ReadGate(channel);
			return List.of(new FrameReader(Codec.LF.framer(maxMessageSize), this.budget, this.gate), this.taker);
		});
	}

	static String lines(int from, int count) {
		StringBuilder lines = new StringBuilder();
		for (int i = from; i < from + count; i++) {
			lines.append(i).append('\n');
		}
		return lines.toString();
	}

	@Test
	void cutsFramesOnlyWhileTheConnectionTakesThemAndHoldsTheRestUnframed() {
		EmbeddedConnection channel = connect(100);
		this.gate.pause(ReadGate.BUSY);
		channel.writeInbound(EmbeddedConnection.bytes("a\nb\nc\n"));
		assertThat(this.taker.seen).isEmpty();
		assertThat(channel.config().isAutoRead()).as("not read while the connection takes nothing").isFalse();
		assertThat(this.budget.used()).isPositive();
		this.gate.resume(ReadGate.BUSY);
		assertThat(this.taker.seen).containsExactly("a", "b", "c");
		assertThat(channel.config().isAutoRead()).isTrue();
		assertThat(this.budget.used()).as("nothing held once every frame is out").isZero();
	}

	@Test
	void yieldsTheEventLoopAfterItsShareOfFramesAndReadsNothingMeanwhile() {
		EmbeddedConnection channel = connect(100);
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes(lines(0, 200)));
		assertThat(this.taker.seen).hasSize(FrameReader.FRAMES_PER_PASS);
		assertThat(channel.config().isAutoRead()).isFalse();
		channel.runPendingTasks();
		assertThat(this.taker.seen).hasSize(200).endsWith("199");
		assertThat(channel.config().isAutoRead()).isTrue();
	}

	@Test
	void theHalfCloseFollowsEveryWholeFrameReadBeforeItAndAPartialOneIsDropped() {
		EmbeddedConnection channel = connect(100);
		this.gate.pause(ReadGate.BUSY);
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("a\nb\npartial"));
		channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
		assertThat(this.taker.seen).isEmpty();
		this.gate.resume(ReadGate.BUSY);
		assertThat(this.taker.seen).containsExactly("a", "b", "event:ChannelInputShutdownEvent");
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void finishingTheInputHandsOnWhatWasReadThenSaysSo() {
		EmbeddedConnection channel = connect(100);
		this.gate.pause(ReadGate.BUSY);
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("a\nb\n"));
		this.gate.finishInput();
		assertThat(channel.config().isAutoRead()).isFalse();
		this.gate.resume(ReadGate.BUSY);
		assertThat(this.taker.seen).hasSize(3).startsWith("a", "b");
		assertThat(this.taker.seen.get(2)).startsWith("event:");
		channel.writeInbound(EmbeddedConnection.bytes("late\n"));
		assertThat(this.taker.seen).as("nothing after the end").hasSize(3);
		assertThat(channel.config().isAutoRead()).as("and nothing read").isFalse();
	}

	@Test
	void aFrameTooLongIsReportedOnceInItsPlaceAndTheRestIsDropped() {
		EmbeddedConnection channel = connect(4);
		channel.writeInbound(EmbeddedConnection.bytes("ok\n0123456789\nmore\n"));
		assertThat(this.taker.seen).containsExactly("ok", "failed:TooLongFrameException");
		channel.writeInbound(EmbeddedConnection.bytes("after\n"));
		assertThat(this.taker.seen).hasSize(2);
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void aPartialFrameIsHeldInABufferThatFitsItNotAWholeReadBuffer() {
		EmbeddedConnection channel = connect(100_000);
		ByteBuf big = channel.alloc().buffer(65536).writeBytes("x".repeat(10).getBytes());
		channel.writeInbound(big);
		assertThat(this.budget.used()).isBetween(10L, 4096L);
	}

	@Test
	void whatItHoldsIsGivenBackWhenTheFrameCompletesOnCloseAndOnReset() {
		EmbeddedConnection completes = connect(100);
		completes.writeInbound(EmbeddedConnection.bytes("part"));
		assertThat(this.budget.used()).isPositive();
		completes.writeInbound(EmbeddedConnection.bytes("ial\n"));
		assertThat(this.budget.used()).isZero();

		EmbeddedConnection closes = connect(100);
		closes.writeInbound(EmbeddedConnection.bytes("part"));
		assertThat(this.budget.used()).isPositive();
		closes.close();
		assertThat(this.budget.used()).isZero();

		EmbeddedConnection resets = connect(100);
		resets.writeInbound(EmbeddedConnection.bytes("part"));
		resets.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
		resets.close();
		assertThat(this.budget.used()).isZero();
		assertThat(this.budget.holders()).isZero();
	}

	@Test
	void aReadTheBudgetHasNoRoomForIsNotKept() {
		InputBudget small = new InputBudget(1, System::nanoTime);
		List<Object> events = new ArrayList<>();
		EmbeddedConnection channel = EmbeddedConnection.of((Channel ch) -> List.of(
				new FrameReader(Codec.LF.framer(100), small, new ReadGate(ch)), new ChannelInboundHandlerAdapter() {
					@Override
					public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
						events.add(event);
					}
				}));
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("partial"));
		assertThat(events).as("the only holder, over the budget: its read is not kept").containsExactly(InputBudget.EXCEEDED);
		assertThat(small.used()).isZero();
	}

}
