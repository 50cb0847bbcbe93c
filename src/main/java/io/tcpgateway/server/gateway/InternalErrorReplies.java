package io.tcpgateway.server.gateway;

import io.tcpgateway.reply.Reply;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * The gateway's error flow: when building a reply fails, log the failure with its connection
 * id and answer {@code ERR internal error}, so the client is never left waiting.
 */
class InternalErrorReplies {

	private static final Log log = LogFactory.getLog(InternalErrorReplies.class);

	Reply reply(Throwable failure) {
		Object connectionId = null;
		Throwable cause = failure;
		if (failure instanceof MessagingException messagingException) {
			Message<?> failed = messagingException.getFailedMessage();
			connectionId = (failed != null) ? failed.getHeaders().get(IpHeaders.CONNECTION_ID) : null;
			cause = (failure.getCause() != null) ? failure.getCause() : failure;
		}
		log.error("Connection " + connectionId + ": the reply service failed; answered ERR internal error", cause);
		return Reply.internalError();
	}

}
