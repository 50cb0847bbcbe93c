package io.tcpgateway.server;

/** A listener could not bind its address, typically because the port is in use. */
class TcpListenerBindException extends RuntimeException {

	private final ListenerProperties listener;

	TcpListenerBindException(ListenerProperties listener, Throwable cause) {
		super("TCP listener '" + listener.name() + "' failed to bind " + listener.host() + ":" + listener.port()
				+ ": " + cause.getMessage(), cause);
		this.listener = listener;
	}

	ListenerProperties listener() {
		return this.listener;
	}

}
