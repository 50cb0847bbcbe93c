/**
 * The Redis session store ({@code tcp.server.sessions.store=redis}): which instance holds each
 * session key, pushes routed to it over Redis pub/sub, and offline queues shared by every
 * instance, through Lettuce as Spring Boot configures it ({@code spring.data.redis.*}). Loaded
 * only with that store.
 */
@NullMarked
package io.tcpgateway.server.session.redis;

import org.jspecify.annotations.NullMarked;
