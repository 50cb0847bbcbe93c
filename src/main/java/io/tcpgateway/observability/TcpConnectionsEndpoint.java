package io.tcpgateway.observability;

import java.util.List;

import io.tcpgateway.server.view.ConnectionSnapshot;
import io.tcpgateway.server.view.ListenerView;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/tcpconnections}: lists the open TCP connections; {@code DELETE
 * /actuator/tcpconnections/{id}} closes one. Read-only unless the operator opts in with Spring
 * Boot's endpoint access control, {@code management.endpoint.tcpconnections.access=unrestricted}.
 */
@Component
@WebEndpoint(id = "tcpconnections", defaultAccess = Access.READ_ONLY)
class TcpConnectionsEndpoint {

	private final List<ListenerView> listeners;

	TcpConnectionsEndpoint(List<ListenerView> listeners) {
		this.listeners = listeners;
	}

	@ReadOperation
	OpenConnections connections() {
		List<ConnectionSnapshot> open = this.listeners.stream()
			.flatMap((listener) -> listener.connections().stream())
			.toList();
		return new OpenConnections(open.size(), open);
	}

	@DeleteOperation
	WebEndpointResponse<String> close(@Selector String id) {
		for (ListenerView listener : this.listeners) {
			if (listener.closeConnection(id)) {
				return new WebEndpointResponse<>("closed " + id, WebEndpointResponse.STATUS_OK);
			}
		}
		return new WebEndpointResponse<>("no open connection " + id, WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/** The body of the read operation. */
	record OpenConnections(int count, List<ConnectionSnapshot> connections) {
	}

}
