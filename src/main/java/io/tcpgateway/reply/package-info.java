/**
 * Builds the reply to each received message: the {@link io.tcpgateway.reply.ReplyService}
 * extension point and the default command set, one {@link io.tcpgateway.reply.Command} bean each.
 */
@NullMarked
package io.tcpgateway.reply;

import org.jspecify.annotations.NullMarked;
