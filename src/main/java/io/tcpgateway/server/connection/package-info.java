/**
 * One connection, from its client being admitted to its close: the handler that keeps the reply
 * guarantee on the channel's event loop, its requests in order ({@link
 * io.tcpgateway.server.connection.RequestQueue}, {@link io.tcpgateway.server.connection.Turn}),
 * its replies, its close sequence, counters and context. Knows nothing of Spring Integration: the
 * gateway answers its requests through a {@link io.tcpgateway.server.connection.TurnAnswerer}.
 */
@NullMarked
package io.tcpgateway.server.connection;

import org.jspecify.annotations.NullMarked;
