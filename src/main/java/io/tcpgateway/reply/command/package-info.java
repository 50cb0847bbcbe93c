/**
 * The default reply service: the first word of a request selects a
 * {@link io.tcpgateway.reply.Command} bean, and the built-in commands (PING, ECHO, HELLO, TIME,
 * QUIT, WHOAMI).
 */
@NullMarked
package io.tcpgateway.reply.command;

import org.jspecify.annotations.NullMarked;
