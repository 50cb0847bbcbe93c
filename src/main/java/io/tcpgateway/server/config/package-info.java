/**
 * The listeners' settings and wiring: {@code tcp.server.*} bound once per concern
 * ({@link io.tcpgateway.server.config.TcpServerProperties} for what listeners share,
 * {@link io.tcpgateway.server.config.ListenerProperties} for each listener, inherited key by
 * key), resolved and validated in one place, the beans of each listener, and the failure
 * analyzers that explain a bad setting at startup.
 */
@NullMarked
package io.tcpgateway.server.config;

import org.jspecify.annotations.NullMarked;
