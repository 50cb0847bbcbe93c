package io.tcpgateway.observability;

import java.util.List;

import io.tcpgateway.server.ConnectionSnapshot;
import io.tcpgateway.server.NettyServerConnectionFactory;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/tcpconnections}: lists the open TCP connections; {@code DELETE
 * /actuator/tcpconnections/{id}} closes one. Keep it on a private management interface.
 */
@Component
@WebEndpoint(id = "tcpconnections")
class TcpConnectionsEndpoint {

	private final List<NettyServerConnectionFactory> listeners;

	TcpConnectionsEndpoint(List<NettyServerConnectionFactory> listeners) {
		this.listeners = listeners;
	}

	@ReadOperation
	OpenConnections connections() {
		List<ConnectionSnapshot> open = this.listeners.stream()
			.flatMap((listener) -> listener.openConnections().stream())
			.toList();
		return new OpenConnections(open.size(), open);
	}

	@DeleteOperation
	WebEndpointResponse<String> close(@Selector String id) {
		for (NettyServerConnectionFactory listener : this.listeners) {
			if (listener.hasConnection(id) && listener.closeConnection(id)) {
				return new WebEndpointResponse<>("closed " + id, WebEndpointResponse.STATUS_OK);
			}
		}
		return new WebEndpointResponse<>("no open connection " + id, WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/** The body of the read operation. */
	record OpenConnections(int count, List<ConnectionSnapshot> connections) {
	}

}
