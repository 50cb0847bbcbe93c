/**
 * Sessions and server push: which connection each session key is bound to, and the push
 * service that finds a connection by id, key or listener and hands it a frame.
 */
@NullMarked
package io.tcpgateway.server.session;

import org.jspecify.annotations.NullMarked;
