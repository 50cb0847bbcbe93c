/**
 * The TCP listener: a Netty-backed Spring Integration server connection factory, the pipeline
 * of each connection, who is admitted, the connections from open to closed with their delivery
 * guarantee, and the graceful drain. Its subpackages hold the framing ({@code codec}), the PROXY
 * protocol ({@code proxy}), threads and backpressure ({@code dispatch}), the gateway flow
 * ({@code gateway}), what it shows of itself ({@code view}) and its settings and wiring
 * ({@code config}).
 */
@NullMarked
package io.tcpgateway.server;

import org.jspecify.annotations.NullMarked;
