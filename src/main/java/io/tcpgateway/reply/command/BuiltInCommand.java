package io.tcpgateway.reply.command;

import io.tcpgateway.reply.Command;

/** A command that comes with the server: a command bean of the application's with its name replaces it. */
interface BuiltInCommand extends Command {
}
