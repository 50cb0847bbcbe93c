package io.tcpgateway.server.connection;

import java.time.Instant;
import java.util.Optional;

import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.ControlCharacters;
import io.tcpgateway.reply.TlsDetails;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.server.view.ConnectionSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per closed connection on the logger {@code io.tcpgateway.access}, in the order of
 * HAProxy's {@code tcplog}: client, start, listener, duration, messages and bytes in/out, close
 * cause, then TLS. In a JSON log format the same values are structured fields, as they are: the
 * line escapes the control characters of the client's certificate subject, JSON escapes them itself.
 *
 * <pre>
 * 203.0.113.7:50312 [2026-12-01T22:41:56.123Z] default 1234ms 12/12 640/720B client-close tls=TLSv1.3/TLS_AES_128_GCM_SHA256 peer="CN=device-17"
 * </pre>
 */
final class AccessLog {

	static final String LOGGER = "io.tcpgateway.access";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private AccessLog() {
	}

	static void closed(ConnectionContext connection, ConnectionSnapshot counters, CloseCause cause, long durationMillis) {
		if (!log.isInfoEnabled()) {
			return;
		}
		String client = connection.remoteEndpoint();
		Instant start = connection.openedAt();
		Optional<TlsDetails> tls = connection.tls();
		StringBuilder line = new StringBuilder(160).append(client)
			.append(" [")
			.append(start)
			.append("] ")
			.append(connection.listener())
			.append(' ')
			.append(durationMillis)
			.append("ms ")
			.append(counters.messagesIn())
			.append('/')
			.append(counters.messagesOut())
			.append(' ')
			.append(counters.bytesIn())
			.append('/')
			.append(counters.bytesOut())
			.append("B ")
			.append(cause.propertyValue());
		LoggingEventBuilder event = log.atInfo()
			.addKeyValue("client", client)
			.addKeyValue("start", start.toString())
			.addKeyValue("listener", connection.listener())
			.addKeyValue("duration_ms", durationMillis)
			.addKeyValue("messages_in", counters.messagesIn())
			.addKeyValue("messages_out", counters.messagesOut())
			.addKeyValue("bytes_in", counters.bytesIn())
			.addKeyValue("bytes_out", counters.bytesOut())
			.addKeyValue("cause", cause.propertyValue());
		if (counters.session() != null) {
			line.append(" session=").append(ControlCharacters.escape(counters.session()));
			event = event.addKeyValue("session", counters.session());
		}
		if (tls.isPresent()) {
			TlsDetails details = tls.get();
			line.append(" tls=").append(details.protocol()).append('/').append(details.cipherSuite());
			event = event.addKeyValue("tls_protocol", details.protocol()).addKeyValue("tls_cipher", details.cipherSuite());
			if (details.peerSubject().isPresent()) {
				line.append(" peer=\"").append(ControlCharacters.escape(details.peerSubject().get())).append('"');
				event = event.addKeyValue("tls_peer", details.peerSubject().get());
			}
		}
		event.log(line.toString());
	}

}
