/**
 * Where requests run: the shared Netty event loops, and the optional worker threads with their
 * bounded queue, which each connection reaches through its own {@link
 * io.tcpgateway.server.dispatch.WorkerLane}.
 */
@NullMarked
package io.tcpgateway.server.dispatch;

import org.jspecify.annotations.NullMarked;
