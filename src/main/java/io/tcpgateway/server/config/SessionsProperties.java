package io.tcpgateway.server.config;

import io.tcpgateway.server.session.SessionRegistry;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sessions of all listeners together, bound from {@code tcp.server.sessions.*}.
 *
 * @param onConflict what happens when a connection binds a session key another open connection
 * holds: replace (the new connection takes it, the old one is closed with cause replaced) or
 * reject (the new one is refused the key)
 */
public record SessionsProperties(@DefaultValue("replace") SessionRegistry.OnConflict onConflict) {
}
