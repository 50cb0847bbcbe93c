/** The {@code seed} profile: the tutorial server this project started from. */
@NullMarked
package io.tcpgateway.reply.seed;

import org.jspecify.annotations.NullMarked;
