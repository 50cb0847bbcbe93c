package io.tcpgateway.server.proxy;

import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.ProxyHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector decides as soon as the first bytes diverge from both PROXY signatures, so a
 * short plain request is neither held nor left waiting; a signature hands over to Netty's
 * decoder.
 */
class ProxyHeaderDetectorTests {

	/** The peer of these tests, 127.0.0.1, is a trusted proxy. */
	static final CidrRanges TRUSTED = CidrRanges.of("tcp.server.trusted-proxies", List.of("127.0.0.0/8"));

	final List<String> rejections = new ArrayList<>();

	EmbeddedConnection connect(ProxyProtocol mode) {
		EmbeddedConnection channel = EmbeddedConnection.of();
		mode.addTo(channel.pipeline(), TRUSTED, (ch, reason, why) -> this.rejections.add(reason.propertyValue() + ": " + why));
		channel.pipeline().fireChannelActive();
		return channel;
	}

	@Test
	void aShortPlainRequestIsPassedOnAtOnce() {
		EmbeddedConnection channel = connect(ProxyProtocol.OPTIONAL);
		channel.writeInbound(EmbeddedConnection.bytes("P\n"));
		assertThat(channel.readInboundText()).isEqualTo("P\n");
		assertThat(channel.pipeline().get(ProxyHeaderDetector.class)).isNull();
	}

	@Test
	void bytesThatCouldStillBeASignatureAreHeld() {
		EmbeddedConnection channel = connect(ProxyProtocol.OPTIONAL);
		channel.writeInbound(EmbeddedConnection.bytes("PROX"));
		assertThat((Object) channel.readInbound()).isNull();
		channel.writeInbound(EmbeddedConnection.bytes("Z\r\n"));
		assertThat(channel.readInboundText()).isEqualTo("PROXZ\r\n");
	}

	@Test
	void aV1SignatureHandsOverToNettysDecoder() {
		EmbeddedConnection channel = connect(ProxyProtocol.V1);
		channel.writeInbound(EmbeddedConnection.bytes("PROXY "));
		assertThat(channel.pipeline().get(ProxyHeaderDetector.class)).isNull();
		assertThat(channel.pipeline().get(HAProxyMessageDecoder.class)).isNotNull();
	}

	@Test
	void aV2SignatureHandsOverToNettysDecoder() {
		EmbeddedConnection channel = connect(ProxyProtocol.V2);
		channel.writeInbound(EmbeddedConnection.bytes(ProxyHeaders.V2_SIGNATURE));
		assertThat(channel.pipeline().get(HAProxyMessageDecoder.class)).isNotNull();
		assertThat(this.rejections).isEmpty();
	}

}
