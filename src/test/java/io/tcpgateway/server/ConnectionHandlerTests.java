package io.tcpgateway.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.admission.ConnectionAdmission;
import io.tcpgateway.server.dispatch.ServerThreads;
import io.tcpgateway.server.dispatch.Transport;
import io.tcpgateway.server.dispatch.WorkerThreads;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.RecordingTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.integration.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection handler and the connection behind it, on an
 * {@link io.netty.channel.embedded.EmbeddedChannel} with requests answered on the event loop:
 * order, the documented cut, half-close, timeouts and bad input, each counted once.
 */
class ConnectionHandlerTests {

	static final ServerThreads threads = new ServerThreads(Transport.NIO, 1, WorkerThreads.NONE, 1, java.time.Duration.ZERO);

	final RecordingTraffic traffic = new RecordingTraffic();

	final AtomicInteger finished = new AtomicInteger();

	NettyTcpConnection connection;

	@AfterAll
	static void stopThreads() {
		threads.destroy();
	}

	/** A connection whose "gateway" echoes each request, and closes after {@code QUIT}. */
	EmbeddedConnection connect(ListenerSettings settings, ConnectionAdmission admission) {
		ConnectionHandler.Opener opener = (ctx, client, gate, stats, recorder) -> {
			NettyTcpConnection connection = new NettyTcpConnection(ctx, client, settings, (event) -> {
			}, stats, recorder, gate, threads, java.util.List.of(), (closed) -> this.finished.incrementAndGet());
			this.connection = connection;
			connection.registerListener((message) -> {
				String request = new String((byte[]) message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
				connection.send(MessageBuilder
					.withPayload(request.equals("QUIT") ? Reply.andClose("BYE") : Reply.of("echo " + request))
					.build());
			});
			return connection;
		};
		return EmbeddedConnection
			.of(new ConnectionHandler(settings, admission, opener, new ConnectionStats(), this.traffic));
	}

	EmbeddedConnection connect(ListenerSettings settings) {
		return connect(settings, TestSettings.admission(settings, this.traffic));
	}

	@Test
	void answersEachFrameInOrderAndFlushesOncePerReadBatch() {
		EmbeddedConnection channel = connect(TestSettings.lf());
		channel.writeInbound(EmbeddedConnection.bytes("a"), EmbeddedConnection.bytes("b"));
		assertThat(channel.readOutboundText()).isEqualTo("echo a\r\n");
		assertThat(channel.readOutboundText()).isEqualTo("echo b\r\n");
		assertThat(this.traffic.count("received")).isEqualTo(2);
		assertThat(this.traffic.count("sent")).isEqualTo(2);
		assertThat(channel.isOpen()).isTrue();
	}

	@Test
	void halfCloseAnswersWhatWasTakenThenCloses() {
		EmbeddedConnection channel = connect(TestSettings.lf());
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("a"));
		channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
		channel.runPendingTasks();
		assertThat(channel.readOutboundText()).isEqualTo("echo a\r\n");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.finished).hasValue(1);
		assertThat(this.traffic.count("error:io")).isZero();
	}

	@Test
	void framesAfterAReplyThatClosesAreDiscarded() {
		EmbeddedConnection channel = connect(TestSettings.lf());
		channel.writeInbound(EmbeddedConnection.bytes("QUIT"), EmbeddedConnection.bytes("after"));
		channel.runPendingTasks();
		assertThat(channel.readOutboundText()).isEqualTo("BYE\r\n");
		assertThat(channel.readOutboundText()).isEmpty(); // the flush before FIN
		assertThat(channel.readOutboundText()).isNull();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("received")).isEqualTo(1);
		assertThat(this.traffic.count("discarded")).isEqualTo(1);
	}

	@Test
	void singleUseAnswersTheFirstRequestOnly() {
		EmbeddedConnection channel = connect(TestSettings.with(0, true, Duration.ZERO, ProxyProtocol.OFF, List.of()));
		channel.writeInbound(EmbeddedConnection.bytes("a"), EmbeddedConnection.bytes("b"));
		channel.runPendingTasks();
		assertThat(channel.readOutboundText()).isEqualTo("echo a\r\n");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("received")).isEqualTo(1);
		assertThat(this.traffic.count("discarded")).isEqualTo(1);
	}

	@Test
	void anIdleTimeoutClosesAndCountsOneError() {
		EmbeddedConnection channel = connect(TestSettings.lf());
		channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
		channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("error:timeout")).isEqualTo(1);
	}

	@Test
	void anOversizedFrameIsAnsweredInItsTurnThenTheConnectionCloses() {
		EmbeddedConnection channel = connect(TestSettings.lf());
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("a"));
		channel.pipeline().fireExceptionCaught(new TooLongFrameException("too long"));
		channel.pipeline().fireExceptionCaught(new DecoderException("and then garbage"));
		channel.runPendingTasks();
		assertThat(channel.readOutboundText()).isEqualTo("echo a\r\n");
		assertThat(channel.readOutboundText()).isEqualTo("ERR message too long (max 100 bytes)\r\n");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("error:oversized")).isEqualTo(1);
		assertThat(this.traffic.count("error:decode")).isZero();
		assertThat(this.traffic.count("received")).isEqualTo(this.traffic.count("sent")).isEqualTo(2);
	}

	@Test
	void aResetWithNothingOwedIsTheClientsOwnEndNotAnError() {
		EmbeddedConnection channel = connect(TestSettings.lf());
		channel.writeInbound(EmbeddedConnection.bytes("a"));
		assertThat(channel.readOutboundText()).isEqualTo("echo a\r\n");
		channel.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.connection.closeCause()).isEqualTo(CloseCause.CLIENT_RESET);
		assertThat(this.traffic.count("error:io")).isZero();
	}

	@Test
	void aResetThatLosesAReplyStaysAnError() {
		EmbeddedConnection channel = connect(TestSettings.lf());
		// read but not yet flushed (no read-complete): the reply is still owed
		channel.pipeline().fireChannelRead(EmbeddedConnection.bytes("a"));
		channel.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.connection.closeCause()).isEqualTo(CloseCause.RESET);
		assertThat(this.traffic.count("error:io")).isEqualTo(1);
		assertThat(this.traffic.count("abandoned")).isEqualTo(1);
	}

	@Test
	void aFailedHandshakeReportedTwiceIsOneTlsError() {
		EmbeddedConnection channel = connect(TestSettings.lf());
		SSLException failure = new SSLException("no shared cipher");
		channel.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(failure));
		channel.pipeline().fireExceptionCaught(new DecoderException(failure));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.traffic.count("error:tls")).isEqualTo(1);
	}

	@Test
	void aClientOutsideTheAllowListIsClosedWithoutAWord() {
		EmbeddedConnection channel = connect(
				TestSettings.with(0, false, Duration.ZERO, ProxyProtocol.OFF, List.of("10.0.0.0/8")));
		assertThat(channel.isOpen()).isFalse();
		assertThat(channel.readOutboundText()).isNull();
		assertThat(this.traffic.count("rejected:not-allowed")).isEqualTo(1);
		assertThat(this.finished).hasValue(0);
	}

}
