package io.tcpgateway.server.connection;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLSession;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.server.view.ConnectionSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One admitted connection, as its listener and operators see it. Safe to call from any thread:
 * what changes the connection is carried out on its event loop.
 */
public interface Connection {

	/** The connection id: Spring Integration's {@code ip_connectionId}. */
	String id();

	/** The connection as the reply logic sees it. */
	ConnectionContext context();

	/** Its counters now. */
	ConnectionSnapshot snapshot();

	/** Why it closed (meaningful once closed). */
	CloseCause closeCause();

	/** Its TLS session on a TLS listener, {@code null} on plain TCP. */
	@Nullable SSLSession sslSession();

	/** Whether its channel is open. */
	boolean isOpen();

	/** An operator's close: answer what was taken, then close. */
	void close();

	/** The graceful drain at shutdown: answer what was taken, then close. */
	void drain();

	/** The listener stops for good: close now, whatever is in progress. */
	void terminate();

	/** Another connection took its session key: close now (cause {@code replaced}). */
	void replaced();

	/**
	 * Writes a frame outside any request, between replies, after those pushed before it.
	 * @return how it went, once the socket took it, refused it, or the connection closed
	 */
	CompletableFuture<PushOutcome> push(Reply.Frame frame);

	/**
	 * Writes frames queued for the session key this connection binds now: right after the reply
	 * to the request that binds it (at once when no request is being answered), before any
	 * frame pushed from the moment the bind started. Frames it can no longer write are dropped,
	 * counted as pushes not connected.
	 */
	void follow(List<Reply.Frame> frames);

}
