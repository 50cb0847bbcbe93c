/**
 * Framing: how each codec cuts the inbound bytes into messages ({@link
 * io.tcpgateway.server.codec.Framer}s, most of them Netty's frame decoders driven one frame at a
 * time, bounded by the maximum message size) and frames a reply the same way.
 */
@NullMarked
package io.tcpgateway.server.codec;

import org.jspecify.annotations.NullMarked;
