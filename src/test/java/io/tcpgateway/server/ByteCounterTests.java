package io.tcpgateway.server;

import io.tcpgateway.server.connection.ConnectionStats;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.RecordingTraffic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte counter counts what crosses the socket both ways and passes it on untouched. */
class ByteCounterTests {

	final ConnectionStats stats = new ConnectionStats();

	final RecordingTraffic traffic = new RecordingTraffic();

	final EmbeddedConnection channel = EmbeddedConnection.of(new ByteCounter(this.stats, this.traffic));

	@Test
	void countsBytesReadAndWrittenAndPassesThemOn() {
		this.channel.writeInbound(EmbeddedConnection.bytes("PING\r\n"), EmbeddedConnection.bytes("ECHO x\r\n"));
		this.channel.writeOutbound(EmbeddedConnection.bytes("PONG\r\n"));
		assertThat(this.channel.readInboundText()).isEqualTo("PING\r\n");
		assertThat(this.channel.readInboundText()).isEqualTo("ECHO x\r\n");
		assertThat(this.channel.readOutboundText()).isEqualTo("PONG\r\n");
		assertThat(this.traffic.count("bytesIn")).isEqualTo(14);
		assertThat(this.traffic.count("bytesOut")).isEqualTo(6);
		assertThat(this.stats.snapshot("id", "default", EmbeddedConnection.PEER, null))
			.satisfies((snapshot) -> {
				assertThat(snapshot.bytesIn()).isEqualTo(14);
				assertThat(snapshot.bytesOut()).isEqualTo(6);
			});
	}

	@Test
	void anEmptyWriteIsNoTraffic() {
		this.channel.writeOutbound(EmbeddedConnection.bytes(new byte[0]));
		assertThat(this.traffic.count("bytesOut")).isZero();
	}

}
