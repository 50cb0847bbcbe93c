/**
 * Who may connect and how: TLS from a Spring Boot SSL bundle (optionally mutual) and the client
 * allow-list. Builds Netty handlers and checks; knows nothing of the gateway.
 */
@NullMarked
package io.tcpgateway.security;

import org.jspecify.annotations.NullMarked;
