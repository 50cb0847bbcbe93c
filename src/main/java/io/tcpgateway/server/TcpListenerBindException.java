package io.tcpgateway.server;

/** A listener could not bind its address, typically because the port is in use. */
public class TcpListenerBindException extends RuntimeException {

	private final ListenerSettings listener;

	TcpListenerBindException(ListenerSettings listener, Throwable cause) {
		super("TCP listener '" + listener.name() + "' failed to bind " + listener.host() + ":" + listener.port()
				+ ": " + cause.getMessage(), cause);
		this.listener = listener;
	}

	public ListenerSettings listener() {
		return this.listener;
	}

}
