package io.tcpgateway.server.codec;

import io.tcpgateway.server.view.PropertyValue;

/** How the {@code lf} codec ends the lines it writes ({@code tcp.server.line-ending}). */
public enum LineEnding implements PropertyValue {

	/** As the request a reply answers ended: CRLF after CRLF, LF after a bare LF; CRLF otherwise. */
	REQUEST,

	/** Always CRLF. */
	CRLF,

	/** Always LF alone. */
	LF

}
