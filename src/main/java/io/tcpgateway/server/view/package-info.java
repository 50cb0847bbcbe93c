/**
 * What the server shows of itself: read-only views of listeners and connections, the
 * {@link io.tcpgateway.server.view.TrafficRecorder} it reports to, and the vocabulary of both
 * (error types, rejection reasons, close causes). Observability depends on this package only.
 */
@NullMarked
package io.tcpgateway.server.view;

import org.jspecify.annotations.NullMarked;
