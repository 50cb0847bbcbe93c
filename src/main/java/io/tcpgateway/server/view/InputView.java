package io.tcpgateway.server.view;

/** The input all connections hold before it is framed, against its budget. */
public interface InputView {

	/** Bytes held now, all listeners together. */
	long bufferedBytes();

	/** {@code tcp.server.max-buffered-bytes}. */
	long bufferedBytesLimit();

	/** Connections holding input now. */
	int holders();

}
