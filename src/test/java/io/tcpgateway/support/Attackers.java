package io.tcpgateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Many hostile connections from this process, on non-blocking sockets so that thousands fit in
 * one thread: each sends what it is given as far as the server takes it, never reads, and holds
 * on until {@link #close()}. Connections the server closes are counted, not retried.
 */
public final class Attackers implements AutoCloseable {

	private final List<SocketChannel> channels = new ArrayList<>();

	private final List<ByteBuffer> pending = new ArrayList<>();

	private int refused;

	/**
	 * Opens {@code count} connections to 127.0.0.1:{@code port}, each with a small receive buffer
	 * (a client that will not read), each given its own copy of {@code payload} to send.
	 */
	public static Attackers open(int port, int count, byte[] payload) throws IOException {
		Attackers attackers = new Attackers();
		for (int i = 0; i < count; i++) {
			SocketChannel channel = SocketChannel.open();
			channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
			try {
				channel.connect(new InetSocketAddress("127.0.0.1", port));
				channel.configureBlocking(false);
				attackers.channels.add(channel);
				attackers.pending.add(ByteBuffer.wrap(payload));
			}
			catch (IOException ex) {
				channel.close();
				attackers.refused++;
			}
		}
		return attackers;
	}

	/**
	 * Sends more of what each connection has left, as far as the server takes it now.
	 * @return the bytes sent in this pass
	 */
	public long pump() {
		long sent = 0;
		for (int i = 0; i < this.channels.size(); i++) {
			SocketChannel channel = this.channels.get(i);
			ByteBuffer left = this.pending.get(i);
			if (!channel.isOpen() || !left.hasRemaining()) {
				continue;
			}
			try {
				sent += channel.write(left);
			}
			catch (IOException ex) {
				closeQuietly(channel);
			}
		}
		return sent;
	}

	/** Pumps until every connection has sent all it has, or {@code millis} have passed. */
	public long pumpFor(long millis) throws InterruptedException {
		long end = System.nanoTime() + millis * 1_000_000;
		long total = 0;
		while (System.nanoTime() < end) {
			long sent = pump();
			total += sent;
			if (sent == 0) {
				if (this.pending.stream().noneMatch(ByteBuffer::hasRemaining)) {
					break;
				}
				// the server takes nothing more for now: the point of the attack
				Thread.sleep(50);
			}
		}
		return total;
	}

	/** Connections the server has closed or refused so far (found by trying to read one byte). */
	public int closedByServer() {
		int closed = this.refused;
		ByteBuffer one = ByteBuffer.allocate(1);
		for (SocketChannel channel : this.channels) {
			if (!channel.isOpen()) {
				closed++;
				continue;
			}
			try {
				one.clear();
				if (channel.read(one) < 0) {
					closed++;
				}
			}
			catch (IOException ex) {
				closed++;
			}
		}
		return closed;
	}

	public int size() {
		return this.channels.size() + this.refused;
	}

	@Override
	public void close() {
		this.channels.forEach(Attackers::closeQuietly);
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing an attacker: nothing to keep
		}
	}

}
