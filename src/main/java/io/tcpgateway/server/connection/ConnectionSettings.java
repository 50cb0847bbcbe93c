package io.tcpgateway.server.connection;

import java.nio.charset.Charset;
import java.time.Duration;

import io.tcpgateway.server.codec.Codec;
import org.jspecify.annotations.Nullable;

/**
 * What one listener's connections need of its settings, and nothing else.
 *
 * @param listener the listener's name
 * @param codec the framing of replies
 * @param charset what request text is decoded and reply text encoded with
 * @param maxMessageSize the largest message payload, for the {@code ERR message too long} reply
 * @param singleUse reply once, then close
 * @param idleTimeout close a connection that completes no message for this long (zero: never)
 * @param writeTimeout close a connection whose client reads nothing this long while replies wait
 * @param requestTimeout with workers, answer {@code ERR timeout} past this (zero: no limit)
 * @param tls whether the listener speaks TLS (the client is established once its handshake is done)
 * @param proxied whether a PROXY header names the client (the connection then waits for it)
 * @param greeting text sent once when a connection opens, or {@code null}
 * @param accessLog whether each closed connection is logged on {@code io.tcpgateway.access}
 * @param maxPendingPushes the frames pushed to a connection and not yet written it may hold
 * @param bareLineReplies how replies to a line that ended with a bare LF are framed
 */
public record ConnectionSettings(String listener, Codec codec, Charset charset, int maxMessageSize,
		boolean singleUse, Duration idleTimeout, Duration writeTimeout, Duration requestTimeout, boolean tls,
		boolean proxied, @Nullable String greeting, boolean accessLog, int maxPendingPushes, Codec bareLineReplies) {
}
