package io.tcpgateway.observability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.view.ListenerView;
import io.tcpgateway.server.view.PushRoutes;
import io.tcpgateway.server.view.PushRoutes.PushRoute;
import io.tcpgateway.server.view.PushRoutes.UnboundKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * A push over HTTP, to a session key ({@code POST /actuator/tcpsessions/{key}}) or a connection
 * id ({@code POST /actuator/tcpconnections/{id}}). The payload is the request body's
 * {@code text} (encoded with the listener's charset, as a text reply is) or {@code base64}
 * (bytes as they are): Actuator hands an operation its body only as a JSON object of named
 * arguments, never as raw bytes. Before anything is pushed, the connection's listener must take
 * pushes over HTTP ({@code http-push}, else 403) and the payload must fit its
 * {@code max-message-size} (else 413). A session key bound to no connection of this instance
 * goes on through the session store (the instance holding it, or its offline queue) when every
 * listener takes such pushes and one fits the payload. The answer is {@code {"outcome": ...}} with the status
 * {@link #status(PushOutcome)} gives, once the socket has taken the frame (or refused it, or
 * the connection closed), waiting at most {@link #OUTCOME_WAIT}.
 */
@Component
class HttpPush {

	/**
	 * How long an answer waits for the outcome. The outcome is known at once unless the client
	 * reads too slowly for its socket to take the frame; then the connection holds the frame
	 * (among its {@code max-pending-pushes}) and the answer is 202 {@code {"outcome": "pending"}}.
	 */
	private static final Duration OUTCOME_WAIT = Duration.ofSeconds(5);

	private static final int ACCEPTED = 202;

	private static final int FORBIDDEN = 403;

	private static final int CONTENT_TOO_LARGE = 413;

	private final TcpPush push;

	private final PushRoutes routes;

	HttpPush(TcpPush push, PushRoutes routes) {
		this.push = push;
		this.routes = routes;
	}

	/** The HTTP status of an outcome: the one place that maps them. */
	static int status(PushOutcome outcome) {
		return switch (outcome) {
			case WRITTEN -> WebEndpointResponse.STATUS_OK;
			case NOT_CONNECTED -> WebEndpointResponse.STATUS_NOT_FOUND;
			case QUEUED -> ACCEPTED;
			case REFUSED, UNAVAILABLE -> WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
		};
	}

	WebEndpointResponse<Map<String, String>> toSession(String key, @Nullable String text, @Nullable String base64) {
		return withPayload(text, base64, (payload) -> {
			Optional<PushRoute> here = this.routes.toSession(key);
			return here.isPresent() ? push(here.get(), payload) : pushToUnboundKey(key, payload);
		});
	}

	WebEndpointResponse<Map<String, String>> toConnection(String id, @Nullable String text, @Nullable String base64) {
		return withPayload(text, base64, (payload) -> {
			Optional<PushRoute> found = this.routes.toConnection(id);
			return found.isPresent() ? push(found.get(), payload) : answer(PushOutcome.NOT_CONNECTED);
		});
	}

	/** The push of a well-formed body's payload; 400 for a body without exactly one. */
	private static WebEndpointResponse<Map<String, String>> withPayload(@Nullable String text, @Nullable String base64,
			Function<Reply.Frame, WebEndpointResponse<Map<String, String>>> push) {
		Reply.Frame payload;
		try {
			payload = payload(text, base64);
		}
		catch (IllegalArgumentException ex) {
			return ErrorResponses.badRequest(ex.getMessage());
		}
		return push.apply(payload);
	}

	/**
	 * A key no connection here holds: the push goes on through the session store, to whichever
	 * listener holds or next binds the key, so it must suit any of them.
	 */
	private WebEndpointResponse<Map<String, String>> pushToUnboundKey(String key, Reply.Frame payload) {
		UnboundKeys listeners = this.routes.unboundKeys();
		if (!listeners.reachable()) {
			return answer(this.push.toSession(key, payload).toCompletableFuture());
		}
		if (!listeners.refusingHttpPush().isEmpty()) {
			return ErrorResponses.of(FORBIDDEN, "session key " + key + " is bound to no connection of this instance, "
					+ "and listeners " + listeners.refusingHttpPush() + " take no pushes over HTTP (http-push=false): "
					+ "push to a key bound here, or by connection id");
		}
		int size = payload.bytes(StandardCharsets.UTF_8).length;
		if (size > listeners.largestMaxMessageSize()) {
			return ErrorResponses.of(CONTENT_TOO_LARGE, "the payload is " + size
					+ " bytes, more than any listener's max-message-size (at most " + listeners.largestMaxMessageSize()
					+ ")");
		}
		return answer(this.push.toSession(key, payload).toCompletableFuture());
	}

	private WebEndpointResponse<Map<String, String>> push(PushRoute route, Reply.Frame payload) {
		if (!route.httpPush()) {
			return ErrorResponses.of(FORBIDDEN, "listener " + route.listener()
					+ " takes no pushes over HTTP (" + httpPushProperty(route.listener()) + "=false)");
		}
		byte[] bytes = payload.bytes(route.charset());
		if (bytes.length > route.maxMessageSize()) {
			return ErrorResponses.of(CONTENT_TOO_LARGE, "the payload is " + bytes.length + " bytes, more than listener "
					+ route.listener() + "'s max-message-size of " + route.maxMessageSize());
		}
		return answer(this.push.toConnection(route.connectionId(), bytes).toCompletableFuture());
	}

	private static Reply.Frame payload(@Nullable String text, @Nullable String base64) {
		if ((text == null) == (base64 == null)) {
			throw new IllegalArgumentException(
					"the body is a JSON object with the payload in one of \"text\" or \"base64\"");
		}
		if (text != null) {
			return Reply.Frame.text(text);
		}
		try {
			return Reply.Frame.bytes(Base64.getDecoder().decode(base64));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("\"base64\" is not base64: " + ex.getMessage());
		}
	}

	private static WebEndpointResponse<Map<String, String>> answer(CompletableFuture<PushOutcome> pushed) {
		try {
			return answer(pushed.get(OUTCOME_WAIT.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException ex) {
			return pending();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return pending();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a push never fails; it ends with an outcome", ex.getCause());
		}
	}

	private static WebEndpointResponse<Map<String, String>> answer(PushOutcome outcome) {
		return new WebEndpointResponse<>(Map.of("outcome", outcome.value()), status(outcome));
	}

	/** The connection holds the frame and writes it once its client reads. */
	private static WebEndpointResponse<Map<String, String>> pending() {
		return new WebEndpointResponse<>(Map.of("outcome", "pending"), ACCEPTED);
	}

	private static String httpPushProperty(String listener) {
		return ListenerView.DEFAULT.equals(listener) ? "tcp.server.http-push"
				: "tcp.server.listeners." + listener + ".http-push";
	}

}
