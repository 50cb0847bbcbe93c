/**
 * The PROXY protocol (v1 and v2) a load balancer sends first: Netty's
 * {@code HAProxyMessageDecoder} behind an early detector, and the handler that turns the header
 * into the real {@link io.tcpgateway.server.proxy.ClientAddress}. Until the client is known,
 * the rest of the pipeline does not see the channel become active.
 */
@NullMarked
package io.tcpgateway.server.proxy;

import org.jspecify.annotations.NullMarked;
