package io.tcpgateway.server.admission;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.RecordingTraffic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission at accept, on an {@link io.netty.channel.embedded.EmbeddedChannel}: limits hold
 * from the moment a connection is accepted, also while it still owes a PROXY header or TLS
 * handshake, and the handshake timeout closes a connection that never completes them.
 */
class AdmissionHandlerTests {

	static final InetSocketAddress DIRECT = new InetSocketAddress("203.0.113.5", 5000);

	static final InetSocketAddress BALANCER = new InetSocketAddress("10.0.0.5", 5000);

	final RecordingTraffic traffic = new RecordingTraffic();

	final AtomicLong nanos = new AtomicLong();

	/** Counts how many connections the rest of the pipeline sees become active. */
	@ChannelHandler.Sharable
	static final class Downstream extends ChannelInboundHandlerAdapter {

		int active;

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			this.active++;
		}

	}

	ConnectionAdmission admission(ProxyProtocol proxy, boolean tls, int max, int perClient, int rate) {
		AdmissionPolicy policy = new AdmissionPolicy(CidrRanges.of("a", List.of()),
				CidrRanges.of("t", List.of("10.0.0.0/8")), max, perClient, rate, 65_536, Duration.ofSeconds(2));
		return new ConnectionAdmission("test", policy, proxy, tls, Codec.LF, DescriptorBudget.forOpenFileLimit(10_000),
				() -> this.traffic, this.nanos::get);
	}

	EmbeddedConnection accept(ConnectionAdmission admission, InetSocketAddress peer, Downstream downstream) {
		EmbeddedConnection channel = EmbeddedConnection.from(peer);
		admission.addTo(channel.pipeline());
		channel.pipeline().addLast(downstream);
		channel.pipeline().fireChannelActive();
		return channel;
	}

	@Test
	void maxConnectionsCountsFromAcceptAndTheNextIsToldTheServerIsBusy() {
		ConnectionAdmission admission = admission(ProxyProtocol.OFF, false, 2, 0, 0);
		Downstream downstream = new Downstream();
		EmbeddedConnection first = accept(admission, DIRECT, downstream);
		accept(admission, DIRECT, downstream);
		EmbeddedConnection third = accept(admission, DIRECT, downstream);
		assertThat(third.readOutboundText()).isEqualTo("ERR server busy\r\n");
		assertThat(third.isOpen()).isFalse();
		assertThat(downstream.active).isEqualTo(2);
		assertThat(admission.active()).isEqualTo(2);
		assertThat(this.traffic.count("rejected:max-connections")).isEqualTo(1);
		first.close();
		assertThat(admission.active()).isEqualTo(1);
		accept(admission, DIRECT, downstream);
		assertThat(downstream.active).isEqualTo(3);
	}

	@Test
	void aTlsClientOverTheLimitIsClosedWithoutPlaintext() {
		ConnectionAdmission admission = admission(ProxyProtocol.OFF, true, 1, 0, 0);
		accept(admission, DIRECT, new Downstream());
		EmbeddedConnection refused = accept(admission, DIRECT, new Downstream());
		assertThat(refused.isOpen()).isFalse();
		assertThat(refused.readOutboundText()).isNull();
	}

	@Test
	void aProxyListenerRefusesAPeerOutsideTrustedProxiesAtOnce() {
		ConnectionAdmission admission = admission(ProxyProtocol.V2, false, 0, 0, 0);
		Downstream downstream = new Downstream();
		EmbeddedConnection direct = accept(admission, DIRECT, downstream);
		assertThat(direct.isOpen()).isFalse();
		assertThat(downstream.active).isZero();
		assertThat(this.traffic.count("rejected:untrusted-proxy")).isEqualTo(1);
		assertThat(accept(admission, BALANCER, downstream).isOpen()).isTrue();
	}

	@Test
	void aConnectionThatNeverCompletesItsHandshakeIsClosedAtTheTimeout() {
		ConnectionAdmission admission = admission(ProxyProtocol.V2, false, 0, 0, 0);
		EmbeddedConnection silent = accept(admission, BALANCER, new Downstream());
		EmbeddedConnection done = accept(admission, BALANCER, new Downstream());
		admission.established(done);
		silent.advanceTimeBy(1999, TimeUnit.MILLISECONDS);
		silent.runScheduledPendingTasks();
		assertThat(silent.isOpen()).isTrue();
		silent.advanceTimeBy(1, TimeUnit.MILLISECONDS);
		silent.runScheduledPendingTasks();
		done.advanceTimeBy(5, TimeUnit.SECONDS);
		done.runScheduledPendingTasks();
		assertThat(silent.isOpen()).isFalse();
		assertThat(done.isOpen()).isTrue();
		assertThat(this.traffic.count("rejected:handshake-timeout")).isEqualTo(1);
	}

	@Test
	void aPlainListenerHasNoHandshakeDeadline() {
		ConnectionAdmission admission = admission(ProxyProtocol.OFF, false, 0, 0, 0);
		EmbeddedConnection quiet = accept(admission, DIRECT, new Downstream());
		quiet.advanceTimeBy(1, TimeUnit.MINUTES);
		quiet.runScheduledPendingTasks();
		assertThat(quiet.isOpen()).isTrue();
	}

	@Test
	void aDirectClientIsLimitedByItsOwnAddressAndATrustedBalancerIsNot() {
		ConnectionAdmission admission = admission(ProxyProtocol.OPTIONAL, false, 0, 2, 0);
		for (int i = 0; i < 2; i++) {
			assertThat(accept(admission, DIRECT, new Downstream()).isOpen()).isTrue();
		}
		EmbeddedConnection third = accept(admission, DIRECT, new Downstream());
		assertThat(third.readOutboundText()).isEqualTo("ERR server busy\r\n");
		assertThat(this.traffic.count("rejected:per-client-limit")).isEqualTo(1);
		for (int i = 0; i < 5; i++) {
			assertThat(accept(admission, BALANCER, new Downstream()).isOpen()).as("balancer connection %d", i).isTrue();
		}
	}

	@Test
	void clientsNamedByATrustedBalancerAreLimitedOnceKnown() {
		ConnectionAdmission admission = admission(ProxyProtocol.V2, false, 0, 1, 0);
		InetSocketAddress client = new InetSocketAddress("198.51.100.7", 4000);
		EmbeddedConnection first = accept(admission, BALANCER, new Downstream());
		assertThat(admission.identified(first, client)).isNull();
		EmbeddedConnection second = accept(admission, BALANCER, new Downstream());
		assertThat(admission.identified(second, client)).hasToString("PER_CLIENT_LIMIT");
		assertThat(admission.identified(second, new InetSocketAddress("198.51.100.8", 4000))).isNull();
		first.close();
		EmbeddedConnection third = accept(admission, BALANCER, new Downstream());
		assertThat(admission.identified(third, client)).isNull();
	}

	@Test
	void aBurstOverTheRateIsRefusedUntilTheBucketRefills() {
		ConnectionAdmission admission = admission(ProxyProtocol.OFF, false, 0, 0, 5);
		for (int i = 0; i < 5; i++) {
			assertThat(accept(admission, DIRECT, new Downstream()).isOpen()).isTrue();
		}
		EmbeddedConnection sixth = accept(admission, DIRECT, new Downstream());
		assertThat(sixth.isOpen()).isFalse();
		assertThat(sixth.readOutboundText()).as("no reply to a flood").isNull();
		assertThat(this.traffic.count("rejected:connection-rate")).isEqualTo(1);
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
		assertThat(accept(admission, DIRECT, new Downstream()).isOpen()).as("one token back after 200 ms").isTrue();
		assertThat(accept(admission, DIRECT, new Downstream()).isOpen()).isFalse();
	}

}
