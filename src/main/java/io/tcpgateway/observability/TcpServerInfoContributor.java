package io.tcpgateway.observability;

import java.util.Map;

import io.tcpgateway.server.NettyServerConnectionFactory;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Adds the listener summary (host, port, codec) to {@code /actuator/info}. */
@Component
class TcpServerInfoContributor implements InfoContributor {

	private final NettyServerConnectionFactory listener;

	TcpServerInfoContributor(NettyServerConnectionFactory listener) {
		this.listener = listener;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("tcpServer", Map.of("host", this.listener.listener().host(), "port",
				this.listener.getPort(), "codec", this.listener.listener().codec().propertyValue()));
	}

}
