package io.tcpgateway.server.gateway;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * A message whose headers are built once and shared, with no id or timestamp of its own:
 * {@code GenericMessage} copies its header map and generates a UUID per message, which is a
 * measurable share of the per-request cost. Spring Integration's gateway copies the request into
 * a full message of its own anyway, so nothing downstream sees the missing id.
 */
public final class BareMessage<T> implements Message<T> {

	private final T payload;

	private final MessageHeaders headers;

	public BareMessage(T payload, MessageHeaders headers) {
		this.payload = payload;
		this.headers = headers;
	}

	/** Immutable headers to share between the messages of one connection. */
	public static MessageHeaders sharedHeaders(@Nullable Map<String, Object> headers) {
		return new SharedHeaders(headers);
	}

	@Override
	public T getPayload() {
		return this.payload;
	}

	@Override
	public MessageHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public String toString() {
		return "BareMessage [payload=" + this.payload + ", headers=" + this.headers + "]";
	}

	private static final class SharedHeaders extends MessageHeaders {

		SharedHeaders(@Nullable Map<String, Object> headers) {
			super(headers, ID_VALUE_NONE, -1L);
		}

	}

}
