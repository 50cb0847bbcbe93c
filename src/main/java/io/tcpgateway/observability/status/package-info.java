/**
 * The status page on the management port, {@code /actuator/tcpstatus}: one HTML page, like
 * HAProxy's stats page, built from the listeners' view and from samples of the
 * {@code tcp.server.*} meters taken once a second.
 */
@NullMarked
package io.tcpgateway.observability.status;

import org.jspecify.annotations.NullMarked;
