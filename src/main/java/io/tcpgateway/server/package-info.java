/**
 * The TCP listener: a Netty-backed Spring Integration server connection factory under
 * the stock {@code TcpInboundGateway}, its codecs and its {@code tcp.server.*} settings.
 */
@NullMarked
package io.tcpgateway.server;

import org.jspecify.annotations.NullMarked;
