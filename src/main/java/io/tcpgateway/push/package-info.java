/**
 * Server push: frames sent to clients outside any request, by connection id, by session key, or
 * to a whole listener. The {@link io.tcpgateway.push.TcpPush} bean is the way in from Java.
 */
@NullMarked
package io.tcpgateway.push;

import org.jspecify.annotations.NullMarked;
