package io.tcpgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A blocking test client that speaks one of the server's framings over a real socket on
 * 127.0.0.1. Written independently of the server's codec code, so a test checks the wire
 * format, not the implementation against itself.
 */
public final class TcpTestClient implements AutoCloseable {

	private String lastLineEnding = "";

	private static final int TIMEOUT_MS = 10_000;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final String codec;

	private TcpTestClient(Socket socket, String codec) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
		this.out = socket.getOutputStream();
		this.codec = codec;
	}

	/** Connects with the default {@code lf} framing. */
	public static TcpTestClient connect(int port) throws IOException {
		return connect(port, "lf");
	}

	/** Connects from a second loopback address, such as {@code 127.0.0.2}: another client host. */
	public static TcpTestClient connectFrom(String localAddress, int port) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(localAddress, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
		socket.setSoTimeout(TIMEOUT_MS);
		socket.setTcpNoDelay(true);
		return new TcpTestClient(socket, "lf");
	}

	public static TcpTestClient connect(int port, String codec) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
		socket.setSoTimeout(TIMEOUT_MS);
		socket.setTcpNoDelay(true);
		return new TcpTestClient(socket, codec);
	}

	/** Wraps an already connected socket, for example a TLS one. */
	public static TcpTestClient over(Socket socket, String codec) throws IOException {
		socket.setSoTimeout(TIMEOUT_MS);
		return new TcpTestClient(socket, codec);
	}

	/** Sends one request framed with this client's codec ({@code lf} requests end with CRLF). */
	public TcpTestClient send(String text) throws IOException {
		this.out.write(frame(this.codec, text));
		this.out.flush();
		return this;
	}

	/** Sends bytes exactly as given, no framing added. */
	public TcpTestClient sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	/** Sends a request and reads its reply. */
	public String request(String text) throws IOException {
		return send(text).receive();
	}

	/** Reads one reply framed with this client's codec. */
	public String receive() throws IOException {
		return new String(receiveBytes(), StandardCharsets.UTF_8);
	}

	/** Reads one reply's bytes, framing removed. */
	public byte[] receiveBytes() throws IOException {
		return switch (this.codec) {
			case "lf" -> readLine();
			case "crlf" -> readUntilCrLf();
			case "length-header-1" -> readFully(this.in.readUnsignedByte());
			case "length-header-2" -> readFully(this.in.readUnsignedShort());
			case "length-header-4" -> readFully(this.in.readInt());
			case "stx-etx" -> readStartedUntil((byte) 2, (byte) 3);
			case "mllp" -> readMllp();
			case "raw" -> readAvailable();
			case "nul", "null" -> readUntil((byte) 0);
			default -> throw new IllegalArgumentException(this.codec);
		};
	}

	/** Reads exactly {@code length} bytes as they come, whatever the codec. */
	public byte[] receiveRaw(int length) throws IOException {
		return readFully(length);
	}

	/** Sends one request of these bytes, framed with this client's codec. */
	public TcpTestClient sendBytes(byte[] payload) throws IOException {
		this.out.write(frame(this.codec, payload));
		this.out.flush();
		return this;
	}

	/** Half-closes: the server sees EOF but can still write to us. */
	public void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	/** Whether the server closed the connection: true on EOF within the timeout. */
	public boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/** Everything the server sends until it closes the connection. */
	public String readUntilClosed() throws IOException {
		return new String(this.in.readAllBytes(), StandardCharsets.UTF_8);
	}

	public Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** Frames {@code text} the way a client of {@code codec} would. */
	public static byte[] frame(String codec, String text) {
		return frame(codec, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Frames {@code payload} the way a client of {@code codec} would. */
	public static byte[] frame(String codec, byte[] payload) {
		ByteBuffer buffer = ByteBuffer.allocate(payload.length + 6);
		switch (codec) {
			case "lf", "crlf" -> buffer.put(payload).put((byte) '\r').put((byte) '\n');
			case "length-header-1" -> buffer.put((byte) payload.length).put(payload);
			case "length-header-2" -> buffer.putShort((short) payload.length).put(payload);
			case "length-header-4" -> buffer.putInt(payload.length).put(payload);
			case "stx-etx" -> buffer.put((byte) 2).put(payload).put((byte) 3);
			case "mllp" -> buffer.put((byte) 0x0B).put(payload).put((byte) 0x1C).put((byte) 0x0D);
			case "raw" -> buffer.put(payload);
			case "nul", "null" -> buffer.put(payload).put((byte) 0);
			default -> throw new IllegalArgumentException(codec);
		}
		byte[] framed = new byte[buffer.position()];
		buffer.flip().get(framed);
		return framed;
	}

	private byte[] readFully(int length) throws IOException {
		byte[] bytes = new byte[length];
		this.in.readFully(bytes);
		return bytes;
	}

	/** A line of the lf codec: it ends with CRLF or a bare LF (as its request did); which is {@link #lastLineEnding}. */
	private byte[] readLine() throws IOException {
		byte[] line = readUntil((byte) '\n');
		boolean cr = line.length > 0 && line[line.length - 1] == '\r';
		this.lastLineEnding = cr ? "\r\n" : "\n";
		return cr ? java.util.Arrays.copyOf(line, line.length - 1) : line;
	}

	/** How the last line read with the lf codec ended: {@code "\r\n"} or {@code "\n"}. */
	public String lastLineEnding() {
		return this.lastLineEnding;
	}

	private byte[] readUntilCrLf() throws IOException {
		byte[] line = readUntil((byte) '\n');
		if (line.length == 0 || line[line.length - 1] != '\r') {
			throw new IOException("reply line does not end with CRLF: " + new String(line, StandardCharsets.UTF_8));
		}
		return java.util.Arrays.copyOf(line, line.length - 1);
	}

	private byte[] readStartedUntil(byte start, byte end) throws IOException {
		int first = this.in.read();
		if (first != start) {
			throw new IOException("reply does not start with " + start + " but " + first);
		}
		return readUntil(end);
	}

	private byte[] readMllp() throws IOException {
		byte[] message = readStartedUntil((byte) 0x0B, (byte) 0x1C);
		int cr = this.in.read();
		if (cr != 0x0D) {
			throw new IOException("MLLP reply does not end with FS CR but FS " + cr);
		}
		return message;
	}

	/** Raw replies have no framing: whatever one read returns (at least one byte). */
	private byte[] readAvailable() throws IOException {
		byte[] buffer = new byte[65536];
		int n = this.in.read(buffer);
		if (n < 0) {
			throw new EOFException("connection closed before a reply");
		}
		return java.util.Arrays.copyOf(buffer, n);
	}

	private byte[] readUntil(byte terminator) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		InputStream input = this.in;
		int b;
		while ((b = input.read()) != terminator) {
			if (b == -1) {
				throw new EOFException("connection closed after " + bytes.size() + " bytes of a reply");
			}
			bytes.write(b);
		}
		return bytes.toByteArray();
	}

}
