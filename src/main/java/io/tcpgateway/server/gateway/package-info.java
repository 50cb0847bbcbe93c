/**
 * The Spring Integration side of a listener: the stock {@code TcpInboundGateway} flow to the
 * {@link io.tcpgateway.reply.ReplyService}, its error flow, and the lean messages that carry
 * requests and replies through it.
 */
@NullMarked
package io.tcpgateway.server.gateway;

import org.jspecify.annotations.NullMarked;
