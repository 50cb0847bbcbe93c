package io.tcpgateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Devices for bench/sessions.sh: {@code --connections} connections to {@code --port} on
 * 127.0.0.1, each logging in as {@code <prefix><n>}, then reading (and counting) every pushed
 * line on one thread until {@code --duration} seconds pass. Prints {@code ready} once all are
 * logged in, and {@code received=<lines>} at the end.
 */
public final class Devices {

	private Devices() {
	}

	public static void main(String[] args) throws IOException {
		int port = 0;
		int connections = 1000;
		String prefix = "dev-";
		long seconds = 120;
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			switch (pair[0]) {
				case "port" -> port = Integer.parseInt(pair[1]);
				case "connections" -> connections = Integer.parseInt(pair[1]);
				case "prefix" -> prefix = pair[1];
				case "duration" -> seconds = Long.parseLong(pair[1]);
				default -> throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		List<SocketChannel> devices = new ArrayList<>();
		ByteBuffer reply = ByteBuffer.allocate(256);
		for (int i = 0; i < connections; i++) {
			SocketChannel device = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
			device.write(ByteBuffer.wrap(("LOGIN " + prefix + i + "\r\n").getBytes(StandardCharsets.US_ASCII)));
			reply.clear();
			while (reply.position() == 0 || reply.get(reply.position() - 1) != '\n') {
				if (device.read(reply) < 0) {
					throw new IOException("device " + i + " closed before its LOGIN was answered");
				}
			}
			String answer = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII).strip();
			if (!answer.equals("OK " + prefix + i)) {
				throw new IOException("device " + i + ": LOGIN answered " + answer);
			}
			devices.add(device);
		}
		System.out.println("ready");
		System.out.flush();
		long received = 0;
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
		try (Selector selector = Selector.open()) {
			for (SocketChannel device : devices) {
				device.configureBlocking(false);
				device.register(selector, SelectionKey.OP_READ);
			}
			while (System.nanoTime() < deadline && !selector.keys().isEmpty()) {
				selector.select(200);
				for (SelectionKey key : selector.selectedKeys()) {
					buffer.clear();
					int read = ((SocketChannel) key.channel()).read(buffer);
					if (read < 0) {
						key.cancel();
						key.channel().close();
					}
					for (int i = 0; i < read; i++) {
						if (buffer.get(i) == '\n') {
							received++;
						}
					}
				}
				selector.selectedKeys().clear();
			}
		}
		System.out.println("received=" + received);
	}

}
