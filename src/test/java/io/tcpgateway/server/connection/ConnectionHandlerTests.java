package io.tcpgateway.server.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.server.admission.AdmissionPolicy;
import io.tcpgateway.server.admission.ConnectionAdmission;
import io.tcpgateway.server.admission.DescriptorBudget;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.dispatch.TestLanes;
import io.tcpgateway.server.dispatch.WorkerLane;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.input.InputStage;
import io.tcpgateway.server.input.ReadGate;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.RecordingTraffic;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery guarantee, proved deterministically on an
 * {@link io.netty.channel.embedded.EmbeddedChannel} (frame reader and connection handler, a
 * "gateway" that answers by the request's word) in each place requests can run: on the event
 * loop, on a pinned worker with many in flight, and one at a time as on virtual threads. The
 * "workers" run on the embedded event loop, when the test runs its tasks: every interleaving is
 * the test's choice.
 */
class ConnectionHandlerTests {

	/** Where requests run. */
	enum Mode {

		EVENT_LOOP(0), PINNED_WORKER(64), ONE_AT_A_TIME(1);

		final int inFlight;

		Mode(int inFlight) {
			this.inFlight = inFlight;
		}

	}

	final RecordingTraffic traffic = new RecordingTraffic();

	final List<Connection> finished = new ArrayList<>();

	/** What the gateway does for a request of this word, before it replies. */
	@Nullable Runnable duringSlow;

	@Nullable Connection connection;

	/** What the session store does when a request binds a key: hands queued frames over, say. */
	@Nullable Consumer<Connection> duringBind;

	EmbeddedConnection connect(Mode mode) {
		return connect(mode, settings(false, Duration.ZERO), 1000);
	}

	EmbeddedConnection connect(Mode mode, ConnectionSettings settings, int workerQueue) {
		List<Supplier<@Nullable WorkerLane>> lanes = new ArrayList<>();
		EmbeddedConnection channel = EmbeddedConnection.of((Channel ch) -> {
			// the lanes' tasks run on the embedded event loop, which exists once the channel is registered
			lanes.add((mode == Mode.EVENT_LOOP) ? () -> null
					: () -> TestLanes.on(ch.eventLoop(), mode.inFlight, workerQueue).get());
			ReadGate gate = new ReadGate(ch);
			ChannelHandler reader = InputStage.frameReader(Codec.LF.framer(100), InputBudget.unbounded(), gate);
			return List.of(reader, new ConnectionHandler(settings, admission(), events(), () -> lanes.get(0).get(),
					new ConnectionStats(), this.traffic, gate));
		});
		channel.runPendingTasks();
		return channel;
	}

	static ConnectionSettings settings(boolean singleUse, Duration requestTimeout) {
		return new ConnectionSettings("default", Codec.LF, StandardCharsets.UTF_8, 100, singleUse, Duration.ZERO,
				Duration.ofSeconds(30), requestTimeout, false, false, null, false, 32, Codec.LF.endingWithBareLf());
	}

	ConnectionAdmission admission() {
		AdmissionPolicy policy = new AdmissionPolicy(CidrRanges.of("tcp.server.allowed-clients", List.of()),
				CidrRanges.of("tcp.server.trusted-proxies", List.of()), 0, 0, 0, 65_536, Duration.ofSeconds(10));
		return new ConnectionAdmission("default", policy, ProxyProtocol.OFF, false, Codec.LF,
				DescriptorBudget.ofThisProcess(), () -> this.traffic, System::nanoTime);
	}

	/** The listener's side: a gateway that answers by the request's word. */
	ConnectionEvents events() {
		return new ConnectionEvents() {
			@Override
			public TurnAnswerer opened(Connection opened) {
				ConnectionHandlerTests.this.connection = opened;
				return (turn) -> turn.replied(answer(new String(turn.request(), StandardCharsets.UTF_8)));
			}

			@Override
			public void closed(Connection closed) {
				ConnectionHandlerTests.this.finished.add(closed);
			}

			@Override
			public boolean bind(Connection bound, String key, @Nullable String previous) {
				if (ConnectionHandlerTests.this.duringBind != null) {
					ConnectionHandlerTests.this.duringBind.accept(bound);
				}
				return true;
			}
		};
	}

	@Nullable Reply answer(String request) {
		return switch (request) {
			case "QUIT" -> Reply.bye("BYE");
			case "LOGIN" -> this.connection.context().bind("imei:1") ? Reply.of("OK imei:1") : Reply.of("ERR");
			case "NONE" -> Reply.none();
			case "TWO" -> Reply.of("one", "two");
			case "SILENT" -> null;
			case "SLOW" -> {
				if (this.duringSlow != null) {
					this.duringSlow.run();
				}
				yield Reply.of("slow");
			}
			default -> Reply.of("echo " + request);
		};
	}

	static void send(EmbeddedConnection channel, String... lines) {
		channel.writeInbound(EmbeddedConnection.bytes(String.join("\n", lines) + "\n"));
	}

	static void halfClose(EmbeddedConnection channel) {
		channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
		channel.runPendingTasks();
	}

	/** The reply lines written, each without its ending (these requests end with a bare LF, and so do their replies). */
	static List<String> replies(EmbeddedConnection channel) {
		channel.runPendingTasks();
		List<String> replies = new ArrayList<>();
		for (String out = channel.readOutboundText(); out != null; out = channel.readOutboundText()) {
			if (!out.isEmpty()) {
				assertThat(out).as("a reply to a bare-LF line").endsWith("\n").doesNotContain("\r");
				replies.addAll(List.of(out.split("\n")));
			}
		}
		return replies;
	}

	static List<String> numbered(String prefix, int count) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lines.add(prefix + i);
		}
		return lines;
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void everyRequestPipelinedInOneReadIsAnsweredInOrder(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		send(channel, numbered("r", 1000).toArray(String[]::new));
		assertThat(replies(channel)).isEqualTo(numbered("echo r", 1000));
		assertThat(this.traffic.count("received")).isEqualTo(this.traffic.count("sent")).isEqualTo(1000);
		assertThat(channel.isOpen()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aHalfCloseRightAfterThePipelineIsAnsweredInFullThenCloses(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		// the frames and the FIN arrive before any request has run
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes(String.join("\n", numbered("r", 300)) + "\n"));
		channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
		assertThat(replies(channel)).isEqualTo(numbered("echo r", 300));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.finished).singleElement()
			.satisfies((closed) -> assertThat(closed.closeCause()).isEqualTo(CloseCause.CLIENT_CLOSE));
		assertThat(this.traffic.count("closed:client-close")).isEqualTo(1);
		assertThat(this.traffic.count("error:io")).isZero();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void framesAfterQuitAreNotTakenNorRun(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		send(channel, "a", "QUIT", "after", "SLOW");
		this.duringSlow = () -> {
			throw new AssertionError("a request after QUIT ran");
		};
		assertThat(replies(channel)).containsExactly("echo a", "BYE");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.connection.closeCause()).isEqualTo(CloseCause.QUIT);
		assertThat(this.traffic.count("received")).isEqualTo(2);
		assertThat(this.traffic.count("discarded")).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aSingleUseConnectionAnswersItsFirstRequestOnly(Mode mode) {
		EmbeddedConnection channel = connect(mode, settings(true, Duration.ZERO), 1000);
		send(channel, "a", "b");
		assertThat(replies(channel)).containsExactly("echo a");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.connection.closeCause()).isEqualTo(CloseCause.SINGLE_USE);
		assertThat(this.traffic.count("discarded")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aServiceAnswersNoFrameOrSeveralAndOrderHolds(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		send(channel, "a", "NONE", "TWO", "b");
		assertThat(replies(channel)).containsExactly("echo a", "one", "two", "echo b");
		assertThat(this.traffic.count("received")).isEqualTo(4);
		assertThat(this.traffic.count("sent")).as("frames written in reply").isEqualTo(4);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aServiceThatGivesNoReplyIsAnsweredInternalError(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		send(channel, "SILENT", "a");
		assertThat(replies(channel)).containsExactly("ERR internal error", "echo a");
		assertThat(this.traffic.count("error:service")).isEqualTo(1);
		assertThat(this.traffic.count("trace:end:failed")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void theDrainAnswersWhatWasTakenThenCloses(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("a\nb\nc\n"));
		this.connection.drain();
		assertThat(replies(channel)).containsExactly("echo a", "echo b", "echo c");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.connection.closeCause()).isEqualTo(CloseCause.DRAIN);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void anOversizedFrameIsAnsweredInItsTurnThenTheConnectionClosesWithOneError(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		channel.writeInbound(EmbeddedConnection.bytes("a\n" + "x".repeat(150) + "\nb\n"));
		assertThat(replies(channel)).containsExactly("echo a", "ERR message too long (max 100 bytes)");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.connection.closeCause()).isEqualTo(CloseCause.OVERSIZED);
		assertThat(this.traffic.count("error:oversized")).isEqualTo(1);
		assertThat(this.traffic.count("received")).isEqualTo(this.traffic.count("sent")).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void anIdleTimeoutClosesAndCountsOneError(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
		channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("error:timeout")).isEqualTo(1);
		assertThat(this.traffic.count("closed:idle-timeout")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aResetWithNothingOwedIsTheClientsOwnEnd(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		send(channel, "a");
		assertThat(replies(channel)).containsExactly("echo a");
		channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("closed:client-reset")).isEqualTo(1);
		assertThat(this.traffic.count("error:io")).isZero();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aResetWhileRequestsAreOwedIsAnErrorAndTheyAreNotRun(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("a\nb\n"));
		channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("closed:reset")).isEqualTo(1);
		assertThat(this.traffic.count("error:io")).isEqualTo(1);
		if (mode == Mode.EVENT_LOOP) {
			// answered as they were read, but not yet flushed: lost with the connection
			assertThat(this.traffic.count("abandoned")).isEqualTo(this.traffic.count("received")).isEqualTo(2);
		}
		else {
			// handed to the worker, not yet run: never run
			assertThat(this.traffic.count("received")).isZero();
			assertThat(this.traffic.count("trace:start")).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void framesQueuedForAKeyFollowTheReplyThatBoundItAheadOfPushesMadeMeanwhile(Mode mode) {
		EmbeddedConnection channel = connect(mode);
		List<CompletableFuture<PushOutcome>> pushes = new ArrayList<>();
		this.duringBind = (bound) -> {
			// a push that reaches the connection while its bind is still going on (from another
			// instance, right after the key was recorded there) waits behind the queued frames
			pushes.add(bound.push(Reply.Frame.text("pushed meanwhile")));
			bound.follow(List.of(Reply.Frame.text("queued 1"), Reply.Frame.text("queued 2")));
		};
		send(channel, "LOGIN", "a");
		assertThat(replies(channel)).containsExactly("OK imei:1", "queued 1", "queued 2", "pushed meanwhile",
				"echo a");
		assertThat(pushes).singleElement().satisfies((push) -> assertThat(push).isCompletedWithValue(PushOutcome.WRITTEN));
		assertThat(this.traffic.count("pushed:written")).as("queued frames and the push").isEqualTo(3);
		this.connection.push(Reply.Frame.text("later"));
		assertThat(replies(channel)).as("once they are written, pushes go at once").containsExactly("later");
	}

	@Test
	void framesHandedOverOutsideAnyRequestAreWrittenAtOnce() {
		EmbeddedConnection channel = connect(Mode.PINNED_WORKER);
		this.connection.follow(List.of(Reply.Frame.text("queued while the store was out of reach")));
		channel.runPendingTasks();
		assertThat(channel.readOutboundText()).as("CRLF, as no request has said otherwise yet")
			.isEqualTo("queued while the store was out of reach\r\n");
	}

	@Test
	void pushesHeldBehindABindEndNotConnectedWhenTheConnectionBreaksFirst() {
		EmbeddedConnection channel = connect(Mode.ONE_AT_A_TIME);
		List<CompletableFuture<PushOutcome>> pushes = new ArrayList<>();
		this.duringBind = (bound) -> {
			pushes.add(bound.push(Reply.Frame.text("held")));
			bound.follow(List.of(Reply.Frame.text("queued")));
			channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
		};
		send(channel, "LOGIN");
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(pushes).singleElement()
			.satisfies((push) -> assertThat(push).isCompletedWithValue(PushOutcome.NOT_CONNECTED));
		assertThat(this.traffic.count("pushed:not-connected")).as("the queued frame and the push").isEqualTo(2);
	}

	@Test
	void aRequestTimeoutAnswersInItsPlaceAndItsTraceEndsOnceWhenTheServiceReturns() {
		EmbeddedConnection channel = connect(Mode.ONE_AT_A_TIME, settings(false, Duration.ofMillis(50)), 1000);
		this.duringSlow = () -> {
			// the timeout fires while the service is still working on the request
			channel.advanceTimeBy(51, TimeUnit.MILLISECONDS);
			channel.runScheduledPendingTasks();
			assertThat(this.traffic.count("trace:end:failed")).as("ended by the timeout").isZero();
		};
		send(channel, "SLOW", "after");
		assertThat(replies(channel)).containsExactly("ERR timeout", "echo after");
		assertThat(this.traffic.count("error:request-timeout")).isEqualTo(1);
		assertThat(this.traffic.count("trace:leave")).isEqualTo(2);
		assertThat(this.traffic.count("trace:end:failed")).as("the timed-out request's trace").isEqualTo(1);
		assertThat(this.traffic.count("trace:end:ok")).isEqualTo(1);
		assertThat(this.traffic.count("received")).isEqualTo(this.traffic.count("sent")).isEqualTo(2);
	}

	@Test
	void aRequestThatFindsTheWorkerQueueFullIsAnsweredBusyInItsPlace() {
		EmbeddedConnection channel = connect(Mode.PINNED_WORKER, settings(false, Duration.ZERO), 2);
		send(channel, "a", "b", "c", "d");
		assertThat(replies(channel)).containsExactly("echo a", "echo b", "ERR server busy", "ERR server busy");
		assertThat(this.traffic.count("error:busy")).isEqualTo(2);
		assertThat(this.traffic.count("received")).isEqualTo(this.traffic.count("sent")).isEqualTo(4);
	}

	@Test
	void aReplyEndsAsItsRequestDidAndAPushAsTheLastRequest() throws Exception {
		EmbeddedConnection channel = connect(Mode.EVENT_LOOP);
		channel.writeInbound(EmbeddedConnection.bytes("crlf\r\nlf\n"));
		assertThat(channel.readOutboundText()).isEqualTo("echo crlf\r\n");
		assertThat(channel.readOutboundText()).isEqualTo("echo lf\n");
		this.connection.push(io.tcpgateway.reply.Reply.Frame.text("pushed")).get(5, TimeUnit.SECONDS);
		assertThat(channel.readOutboundText()).isEqualTo("pushed\n");
		channel.writeInbound(EmbeddedConnection.bytes("again\r\n"));
		assertThat(channel.readOutboundText()).isEqualTo("echo again\r\n");
	}

	@Test
	void aResetDuringTheTlsHandshakeIsATlsFailureNotAnIoError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		io.tcpgateway.support.TestCertificates certificates = io.tcpgateway.support.TestCertificates.create(dir);
		java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
		try (java.io.InputStream in = java.nio.file.Files.newInputStream(certificates.path("server.p12"))) {
			store.load(in, io.tcpgateway.support.TestCertificates.PASSWORD.toCharArray());
		}
		javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory
			.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, io.tcpgateway.support.TestCertificates.PASSWORD.toCharArray());
		io.netty.handler.ssl.SslContext tls = io.netty.handler.ssl.SslContextBuilder.forServer(keys).build();
		ConnectionSettings settings = new ConnectionSettings("default", Codec.LF, StandardCharsets.UTF_8, 100, false,
				Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO, true, false, null, false, 32,
				Codec.LF.endingWithBareLf());
		EmbeddedConnection channel = EmbeddedConnection.of((Channel ch) -> List.of(tls.newHandler(ch.alloc()),
				new ConnectionHandler(settings, admission(), events(), () -> null, new ConnectionStats(), this.traffic,
						new ReadGate(ch))));
		// the client went away halfway through its handshake
		channel.pipeline().context(io.netty.handler.ssl.SslHandler.class)
			.fireExceptionCaught(new IOException("Connection reset by peer"));
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("closed:tls-error")).isEqualTo(1);
		assertThat(this.traffic.count("error:tls")).isEqualTo(1);
		assertThat(this.traffic.count("error:io")).isZero();
	}

	@Test
	void aMalformedFrameIsAnsweredThenTheConnectionCloses() {
		EmbeddedConnection channel = connect(Mode.EVENT_LOOP);
		channel.pipeline().fireExceptionCaught(new DecoderException("garbage"));
		channel.runPendingTasks();
		assertThat(channel.readOutboundText()).isEqualTo("ERR malformed frame\r\n");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("error:decode")).isEqualTo(1);
	}

	@Test
	void theInputBudgetClosesAConnectionWithACauseOfItsOwn() {
		EmbeddedConnection channel = connect(Mode.EVENT_LOOP);
		channel.pipeline().fireUserEventTriggered(InputBudget.EXCEEDED);
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("closed:buffer-budget")).isEqualTo(1);
		assertThat(this.traffic.count("error:buffer-budget")).isEqualTo(1);
	}

	@Test
	void aClientThatReadsNothingStopsBeingReadAndIsClosedByTheWriteTimeout() {
		EmbeddedConnection channel = connect(Mode.EVENT_LOOP);
		channel.config().setWriteBufferLowWaterMark(32);
		channel.config().setWriteBufferHighWaterMark(64);
		// the embedded channel "writes" by keeping the bytes: nothing leaves until the test reads
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("x".repeat(60) + "\n" + "y\n".repeat(20)));
		assertThat(channel.config().isAutoRead()).as("not read while the client reads nothing").isFalse();
		channel.advanceTimeBy(31, TimeUnit.SECONDS);
		channel.runScheduledPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("closed:write-timeout")).isEqualTo(1);
	}

	@Test
	void aClientOutsideTheAllowListIsClosedWithoutAWord() {
		EmbeddedConnection channel = EmbeddedConnection.of((Channel ch) -> List.of(new ConnectionHandler(
				settings(false, Duration.ZERO), admissionAllowing("10.0.0.0/8"), events(), () -> null,
				new ConnectionStats(), this.traffic, new ReadGate(ch))));
		assertThat(channel.isOpen()).isFalse();
		assertThat(channel.readOutboundText()).isNull();
		assertThat(this.traffic.count("rejected:not-allowed")).isEqualTo(1);
		assertThat(this.finished).isEmpty();
	}

	ConnectionAdmission admissionAllowing(String cidr) {
		AdmissionPolicy policy = new AdmissionPolicy(CidrRanges.of("tcp.server.allowed-clients", List.of(cidr)),
				CidrRanges.of("tcp.server.trusted-proxies", List.of()), 0, 0, 0, 65_536, Duration.ofSeconds(10));
		return new ConnectionAdmission("default", policy, ProxyProtocol.OFF, false, Codec.LF,
				DescriptorBudget.ofThisProcess(), () -> this.traffic, System::nanoTime);
	}

}
