package io.tcpgateway.observability;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.tcpgateway.security.CidrRanges;

import io.tcpgateway.server.view.ConnectionSnapshot;
import io.tcpgateway.server.view.ListenerView;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/tcpconnections}: lists the open TCP connections, oldest first, a page at a
 * time ({@code limit}, default 100, and {@code offset}), optionally only one listener's or one
 * client's ({@code client}: an address or a CIDR range); {@code DELETE
 * /actuator/tcpconnections/{id}} closes one, {@code POST /actuator/tcpconnections/{id}} pushes a
 * frame to it ({@link HttpPush}). Read-only unless the operator opts in with Spring Boot's
 * endpoint access control, {@code management.endpoint.tcpconnections.access=unrestricted}.
 */
@Component
@WebEndpoint(id = "tcpconnections", defaultAccess = Access.READ_ONLY)
class TcpConnectionsEndpoint {

	private static final Comparator<ConnectionSnapshot> OLDEST_FIRST = Comparator
		.comparing(ConnectionSnapshot::openedAt)
		.thenComparing(ConnectionSnapshot::id);

	private final List<ListenerView> listeners;

	private final HttpPush push;

	TcpConnectionsEndpoint(List<ListenerView> listeners, HttpPush push) {
		this.listeners = listeners;
		this.push = push;
	}

	@ReadOperation
	WebEndpointResponse<?> connections(@Nullable Integer limit, @Nullable Integer offset,
			@Nullable String listener, @Nullable String client) {
		Page page;
		try {
			page = Page.of(limit, offset);
		}
		catch (IllegalArgumentException ex) {
			return ErrorResponses.badRequest(ex.getMessage());
		}
		if (listener != null && this.listeners.stream().noneMatch((view) -> view.name().equals(listener))) {
			return ErrorResponses.badRequest("no listener " + listener + "; listeners: "
					+ this.listeners.stream().map(ListenerView::name).toList());
		}
		Predicate<ConnectionSnapshot> fromClient;
		try {
			fromClient = clientFilter(client);
		}
		catch (IllegalArgumentException ex) {
			return ErrorResponses.badRequest(ex.getMessage());
		}
		int total = 0;
		List<ConnectionSnapshot> matching = new ArrayList<>();
		for (ListenerView view : this.listeners) {
			List<ConnectionSnapshot> open = view.connections();
			total += open.size();
			if (listener == null || view.name().equals(listener)) {
				open.stream().filter(fromClient).forEach(matching::add);
			}
		}
		List<ConnectionSnapshot> shown = page.of(matching.stream().sorted(OLDEST_FIRST));
		return new WebEndpointResponse<>(
				new OpenConnections(total, matching.size(), page.offset(), page.limit(), shown.size(), shown));
	}

	private static Predicate<ConnectionSnapshot> clientFilter(@Nullable String client) {
		if (client == null) {
			return (connection) -> true;
		}
		CidrRanges range = CidrRanges.of("client", List.of(client));
		return (connection) -> range.contains(address(connection));
	}

	private static InetSocketAddress address(ConnectionSnapshot connection) {
		try {
			// a literal address, as the server wrote it: no name is looked up
			return new InetSocketAddress(InetAddress.getByName(connection.remoteAddress()), connection.remotePort());
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Pushes a frame to the connection; see {@link HttpPush}. */
	@WriteOperation
	WebEndpointResponse<Map<String, String>> push(@Selector String id, @Nullable String text, @Nullable String base64) {
		return this.push.toConnection(id, text, base64);
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

	/**
	 * The body of the read operation.
	 * @param total connections open on all listeners
	 * @param matched those the filters select
	 * @param count those on this page
	 */
	record OpenConnections(int total, int matched, int offset, int limit, int count,
			List<ConnectionSnapshot> connections) {
	}

}
