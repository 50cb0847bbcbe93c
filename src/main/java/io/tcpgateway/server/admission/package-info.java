/**
 * Who gets in, and how a refusal looks: accept-time checks by the TCP peer (trusted proxies,
 * {@code max-connections}, the open-file budget, per-client limits) and the handshake deadline,
 * the checks on the real client once known (allow-list, per-client limits behind a trusted
 * proxy), the bounded per-client table, and back-off when accepting fails.
 */
@NullMarked
package io.tcpgateway.server.admission;

import org.jspecify.annotations.NullMarked;
