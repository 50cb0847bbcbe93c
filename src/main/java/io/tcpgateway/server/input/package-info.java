/**
 * A connection's input between the socket (or TLS) and its messages: the frame reader that holds
 * the bytes not yet framed and cuts frames only as fast as the connection takes them, the read
 * gate that decides whether it reads, and the budget that bounds what all connections hold.
 */
@NullMarked
package io.tcpgateway.server.input;

import org.jspecify.annotations.NullMarked;
