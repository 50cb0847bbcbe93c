package io.tcpgateway.support;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers as a load balancer sends them (or an attacker forges them). */
public final class ProxyHeaders {

	public static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private ProxyHeaders() {
	}

	/** A v1 (text) header: {@code PROXY TCP4 source destination sourcePort 9000}. */
	public static byte[] v1(String family, String source, String destination, int sourcePort) {
		return ("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " 9000\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/** A v2 (binary) PROXY header for a TCP client, no TLVs. */
	public static byte[] v2(String source, int sourcePort) throws UnknownHostException {
		return v2(false, source, source, sourcePort, new byte[0]);
	}

	/** A v2 header; {@code local} makes it a LOCAL (health check) header. */
	public static byte[] v2(boolean local, String source, String destination, int sourcePort, byte[] tlvs)
			throws UnknownHostException {
		byte[] src = InetAddress.getByName(source).getAddress();
		byte[] dst = InetAddress.getByName(destination).getAddress();
		int family = (src.length == 4) ? 0x11 : 0x21;
		ByteBuffer addresses = ByteBuffer.allocate(src.length * 2 + 4 + tlvs.length)
			.put(src)
			.put(dst)
			.putShort((short) sourcePort)
			.putShort((short) 9000)
			.put(tlvs);
		return ByteBuffer.allocate(16 + addresses.capacity())
			.put(V2_SIGNATURE)
			.put((byte) (local ? 0x20 : 0x21))
			.put((byte) family)
			.putShort((short) addresses.capacity())
			.put(addresses.array())
			.array();
	}

	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
