package io.tcpgateway.server.view;

/** The kinds of failure the server counts; a normal client close is none of them. */
public enum ErrorType implements PropertyValue {

	/** A frame the codec cannot parse. */
	DECODE,

	/** A message over the maximum size. */
	OVERSIZED,

	/** A connection closed for completing no message within the idle timeout. */
	TIMEOUT,

	/** A connection closed because its client did not read its replies within the write timeout. */
	WRITE_TIMEOUT,

	/** A request answered {@code ERR server busy} because the worker queue was full. */
	BUSY,

	/** The reply service threw. */
	SERVICE,

	/** No reply within {@code tcp.server.request-timeout}: answered {@code ERR timeout}. */
	REQUEST_TIMEOUT,

	/** A reply too long for the codec's length header. */
	ENCODE,

	/** A connection closed to bring the input all connections hold back under the budget. */
	BUFFER_BUDGET,

	/** A failed TLS handshake or TLS record error. */
	TLS,

	/** An I/O failure on a connection, such as a reset. */
	IO

}
