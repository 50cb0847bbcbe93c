/**
 * Where and in what order requests run: the shared Netty event loops, the optional worker
 * threads with their bounded queue, each connection's ordered worker, and the read gate that
 * stops reading from a connection (backpressure) while it cannot take more.
 */
@NullMarked
package io.tcpgateway.server.dispatch;

import org.jspecify.annotations.NullMarked;
