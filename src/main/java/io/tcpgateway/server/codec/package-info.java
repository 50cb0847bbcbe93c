/**
 * Framing: how each codec cuts the inbound bytes into messages (Netty frame decoders bounded by
 * the maximum message size) and frames a reply the same way. The handlers stay package-private;
 * {@link io.tcpgateway.server.codec.Codec#addTo} puts them in a pipeline.
 */
@NullMarked
package io.tcpgateway.server.codec;

import org.jspecify.annotations.NullMarked;
