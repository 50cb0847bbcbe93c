package io.tcpgateway.observability;

import java.util.List;
import java.util.Map;

import io.tcpgateway.server.view.SessionView;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/tcpsessions}: lists the session keys bound now, in the order of the keys, each
 * with its connection's id and listener, a page at a time ({@code limit}, default 100, and
 * {@code offset}); {@code POST /actuator/tcpsessions/{key}} pushes a frame to the key's
 * connection ({@link HttpPush}). Read-only unless the operator opts in with Spring Boot's
 * endpoint access control, {@code management.endpoint.tcpsessions.access=unrestricted}.
 */
@Component
@WebEndpoint(id = "tcpsessions", defaultAccess = Access.READ_ONLY)
class TcpSessionsEndpoint {

	private final SessionView sessions;

	private final HttpPush push;

	TcpSessionsEndpoint(SessionView sessions, HttpPush push) {
		this.sessions = sessions;
		this.push = push;
	}

	@ReadOperation
	WebEndpointResponse<?> sessions(@Nullable Integer limit, @Nullable Integer offset) {
		Page page;
		try {
			page = Page.of(limit, offset);
		}
		catch (IllegalArgumentException ex) {
			return ErrorResponses.badRequest(ex.getMessage());
		}
		List<SessionView.Session> bound = this.sessions.bindings();
		List<SessionView.Session> shown = page.of(bound.stream());
		return new WebEndpointResponse<>(new Sessions(bound.size(), page.offset(), page.limit(), shown.size(), shown));
	}

	/** Pushes a frame to the connection the key is bound to; see {@link HttpPush}. */
	@WriteOperation
	WebEndpointResponse<Map<String, String>> push(@Selector String key, @Nullable String text, @Nullable String base64) {
		return this.push.toSession(key, text, base64);
	}

	/**
	 * The body of the read operation.
	 * @param total session keys bound now
	 * @param count those on this page
	 */
	record Sessions(int total, int offset, int limit, int count, List<SessionView.Session> sessions) {
	}

}
