package io.tcpgateway.reply.command;

import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.ControlCharacters;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.Request;
import io.tcpgateway.reply.TlsDetails;

/**
 * {@code WHOAMI} answers the client's address as the server sees it, {@code ip:port} or
 * {@code [v6]:port} (the real one behind a trusted proxy), then the subject of the client's
 * certificate when it presented one (its control characters escaped, so the answer stays one
 * line), then {@code session=<key>} once the connection is bound to a session key: a check of a
 * balancer, an mTLS setup or a login with {@code nc}.
 */
class WhoamiCommand implements BuiltInCommand {

	@Override
	public String name() {
		return "WHOAMI";
	}

	@Override
	public Reply answer(String argument) {
		return Reply.of("ERR WHOAMI needs a connection");
	}

	@Override
	public Reply answer(Request argument) {
		ConnectionContext connection = argument.connection();
		String subject = connection.tls()
			.flatMap(TlsDetails::peerSubject)
			.map((dn) -> " " + ControlCharacters.escape(dn))
			.orElse("");
		String session = connection.sessionKey().map((key) -> " session=" + key).orElse("");
		return Reply.of(connection.remoteEndpoint() + subject + session);
	}

}
