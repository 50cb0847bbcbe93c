/**
 * What an operator sees over Actuator: the {@code tcpServer} health component, the
 * {@code tcp.server.*} Micrometer meters, the listener summary in {@code /actuator/info} and
 * the {@code tcpconnections} endpoint.
 */
@NullMarked
package io.tcpgateway.observability;

import org.jspecify.annotations.NullMarked;
