package io.tcpgateway.server.view;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One open connection as the connections endpoint shows it.
 *
 * @param id the Spring Integration connection id
 * @param listener the listener's name
 * @param remoteAddress the client's IP address
 * @param remotePort the client's port
 * @param session the session key the connection is bound to, or {@code null}
 * @param openedAt when the connection was accepted
 * @param messagesIn messages received
 * @param messagesOut replies sent
 * @param bytesIn bytes received, framing included
 * @param bytesOut bytes sent, framing included
 * @param lastActivity when bytes last went either way
 */
public record ConnectionSnapshot(String id, String listener, String remoteAddress, int remotePort,
		@Nullable String session, Instant openedAt, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
		Instant lastActivity) {
}
