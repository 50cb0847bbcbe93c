package io.tcpgateway.server.proxy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.ProxyHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PROXY protocol handlers on an {@link io.netty.channel.embedded.EmbeddedChannel}: the rest
 * of the pipeline is told {@link ClientAddress#IDENTIFIED} only once the client is known, with
 * the real address as {@link ClientAddress}, and refusals are reported once.
 */
class ProxyHeaderHandlerTests {

	/** The peer of these tests, 127.0.0.1, is a trusted proxy. */
	static final CidrRanges TRUSTED = CidrRanges.of("tcp.server.trusted-proxies", List.of("127.0.0.0/8"));

	final List<String> rejections = new ArrayList<>();

	/** What the handlers after the PROXY protocol see. */
	static class Downstream extends ChannelInboundHandlerAdapter {

		InetSocketAddress identifiedAs;

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			if (event == ClientAddress.IDENTIFIED) {
				this.identifiedAs = ClientAddress.of(ctx.channel());
			}
			ctx.fireUserEventTriggered(event);
		}

	}

	final Downstream downstream = new Downstream();

	EmbeddedConnection connect(ProxyProtocol mode) {
		EmbeddedConnection channel = EmbeddedConnection.of();
		mode.addTo(channel.pipeline(), TRUSTED, (ch, reason, why) -> this.rejections.add(reason.propertyValue() + ": " + why));
		channel.pipeline().addLast(this.downstream);
		channel.pipeline().fireChannelActive();
		return channel;
	}

	static byte[] v1(String line) {
		return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] v2(String source, int sourcePort) throws Exception {
		return ProxyHeaders.v2(source, sourcePort);
	}

	@Test
	void aV2HeaderSentByteByByteNamesTheClientBeforeItIsIdentifiedDownstream() throws Exception {
		EmbeddedConnection channel = connect(ProxyProtocol.V2);
		byte[] header = v2("2001:db8::17", 50999);
		for (int i = 0; i < header.length; i++) {
			assertThat(this.downstream.identifiedAs).as("identified downstream after %d header bytes", i).isNull();
			channel.writeInbound(EmbeddedConnection.bytes(header[i]));
		}
		channel.writeInbound(EmbeddedConnection.bytes("PING\r\n"));
		assertThat(this.downstream.identifiedAs).isEqualTo(new InetSocketAddress("2001:db8::17", 50999));
		assertThat(ClientAddress.of(channel)).isEqualTo(this.downstream.identifiedAs);
		assertThat(channel.readInboundText()).isEqualTo("PING\r\n");
		assertThat(channel.pipeline().get(ProxyHeaderHandler.class)).isNull();
		assertThat(this.rejections).isEmpty();
	}

	@Test
	void aV1HeaderAndTheFirstRequestInOneSegment() {
		EmbeddedConnection channel = connect(ProxyProtocol.V1);
		byte[] header = v1("PROXY TCP4 192.0.2.44 10.0.0.1 61000 9000");
		byte[] both = new byte[header.length + 6];
		System.arraycopy(header, 0, both, 0, header.length);
		System.arraycopy("PING\r\n".getBytes(StandardCharsets.US_ASCII), 0, both, header.length, 6);
		channel.writeInbound(EmbeddedConnection.bytes(both));
		assertThat(this.downstream.identifiedAs).isEqualTo(new InetSocketAddress("192.0.2.44", 61000));
		assertThat(channel.readInboundText()).isEqualTo("PING\r\n");
	}

	@Test
	void optionalWithoutAHeaderServesThePeerAtOnceAndPassesTheBytesOn() {
		EmbeddedConnection channel = connect(ProxyProtocol.OPTIONAL);
		channel.writeInbound(EmbeddedConnection.bytes("PI"));
		assertThat(this.downstream.identifiedAs).isEqualTo(EmbeddedConnection.PEER);
		assertThat(channel.readInboundText()).isEqualTo("PI");
	}

	@Test
	void aRequiredHeaderThatIsMissingIsRefusedOnce() {
		EmbeddedConnection channel = connect(ProxyProtocol.V2);
		channel.writeInbound(EmbeddedConnection.bytes("PING\r\n"));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.downstream.identifiedAs).isNull();
		assertThat(this.rejections).containsExactly("proxy-protocol: no PROXY header");
	}

	@Test
	void aHeaderOfTheOtherVersionIsRefused() {
		EmbeddedConnection channel = connect(ProxyProtocol.V2);
		channel.writeInbound(EmbeddedConnection.bytes(v1("PROXY TCP4 192.0.2.1 10.0.0.1 1234 9000")));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.rejections).singleElement().asString()
			.isEqualTo("proxy-protocol: PROXY V1 header where v2 is configured");
	}

	@Test
	void aMalformedHeaderIsRefused() {
		EmbeddedConnection channel = connect(ProxyProtocol.V2);
		byte[] garbage = new byte[ProxyHeaders.V2_SIGNATURE.length + 5];
		System.arraycopy(ProxyHeaders.V2_SIGNATURE, 0, garbage, 0, ProxyHeaders.V2_SIGNATURE.length);
		System.arraycopy(new byte[] { 0x7F, 0x7F, 0x00, 0x01, 0x00 }, 0, garbage, ProxyHeaders.V2_SIGNATURE.length, 5);
		channel.writeInbound(EmbeddedConnection.bytes(garbage));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.rejections).singleElement().asString().startsWith("proxy-protocol: malformed PROXY header");
	}

	@Test
	void aMalformedHeaderIsReportedWithItsControlCharactersEscaped() {
		EmbeddedConnection channel = connect(ProxyProtocol.V1);
		channel.writeInbound(EmbeddedConnection
			.bytes(v1("PROXY TCP4 192.0.2.1\n2026-12-04 WARN forged\u001b[2J 10.0.0.1 1234 9000")));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.rejections).singleElement()
			.asString()
			.startsWith("proxy-protocol: malformed PROXY header")
			.contains("192.0.2.1\\x0A2026-12-04 WARN forged\\x1B[2J")
			.doesNotContainPattern("\\p{Cntrl}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "fe80::1%lo", "fe80::1%eth0", "fe80::1%1", "fe80::1%no-such-interface" })
	void aSourceAddressWithAZoneIsRefusedWhetherThisHostKnowsTheZoneOrNot(String source) {
		EmbeddedConnection channel = connect(ProxyProtocol.V1);
		channel.writeInbound(EmbeddedConnection.bytes(v1("PROXY TCP6 " + source + " fe80::2 40000 9000")));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.downstream.identifiedAs).isNull();
		assertThat(this.rejections).containsExactly("proxy-protocol: a PROXY header whose source address " + source
				+ " is not a plain IP address");
	}

	@Test
	void aHeaderFromAPeerOutsideTrustedProxiesIsRefusedEvenWhenOptional() throws Exception {
		EmbeddedConnection channel = EmbeddedConnection.from(new InetSocketAddress("203.0.113.5", 5000));
		ProxyProtocol.OPTIONAL.addTo(channel.pipeline(), TRUSTED,
				(ch, reason, why) -> this.rejections.add(reason.propertyValue() + ": " + why));
		channel.pipeline().addLast(this.downstream);
		channel.pipeline().fireChannelActive();
		channel.writeInbound(EmbeddedConnection.bytes(v2("198.51.100.23", 40123)));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.downstream.identifiedAs).isNull();
		assertThat(this.rejections).containsExactly("untrusted-proxy: a PROXY header from a peer outside trusted-proxies");
	}

	@Test
	void anUntrustedPeerWithoutAHeaderIsServedAsItselfWhenOptional() {
		InetSocketAddress direct = new InetSocketAddress("203.0.113.5", 5000);
		EmbeddedConnection channel = EmbeddedConnection.from(direct);
		ProxyProtocol.OPTIONAL.addTo(channel.pipeline(), TRUSTED,
				(ch, reason, why) -> this.rejections.add(reason.propertyValue() + ": " + why));
		channel.pipeline().addLast(this.downstream);
		channel.pipeline().fireChannelActive();
		channel.writeInbound(EmbeddedConnection.bytes("PING\r\n"));
		assertThat(this.downstream.identifiedAs).isEqualTo(direct);
		assertThat(this.rejections).isEmpty();
	}

}
