package io.tcpgateway.server.proxy;

import io.netty.channel.ChannelPipeline;
import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.server.view.PropertyValue;

/** Whether a listener expects the PROXY protocol header a load balancer sends first. */
public enum ProxyProtocol implements PropertyValue {

	/** No header: the peer is the client. */
	OFF,

	/** A PROXY protocol version 1 (text) header is required. */
	V1,

	/** A PROXY protocol version 2 (binary) header is required. */
	V2,

	/** Either version, or no header at all. */
	OPTIONAL;

	/**
	 * Adds what reads the header in this mode to a connection's pipeline (nothing when
	 * {@link #OFF}); the handlers after it are told {@link ClientAddress#IDENTIFIED} once the
	 * client is known.
	 * @param trustedProxies the peers whose header is honoured; a header from any other is refused
	 */
	public void addTo(ChannelPipeline pipeline, CidrRanges trustedProxies, ProxyRejections rejections) {
		if (this != OFF) {
			ProxyHeaderHandler headerHandler = new ProxyHeaderHandler(this, trustedProxies, rejections);
			pipeline.addLast("proxyDetector", new ProxyHeaderDetector(headerHandler));
			pipeline.addLast("proxyHeader", headerHandler);
		}
	}

}
