/**
 * The extension point: the {@link io.tcpgateway.reply.ReplyService} that answers each
 * {@link io.tcpgateway.reply.Request} (its bytes, text and {@link io.tcpgateway.reply.ConnectionContext}),
 * the {@link io.tcpgateway.reply.Command} beans of the default service, the
 * {@link io.tcpgateway.reply.Reply} and the {@link io.tcpgateway.reply.ConnectionListener} callbacks.
 * It knows nothing of sockets.
 */
@NullMarked
package io.tcpgateway.reply;

import org.jspecify.annotations.NullMarked;
