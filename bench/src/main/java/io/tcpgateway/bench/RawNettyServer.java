package io.tcpgateway.bench;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.jspecify.annotations.Nullable;

/**
 * The baseline: the line server an expert writes directly on Netty, with no framework between
 * the socket and the command dispatch. Run: {@code RawNettyServer <port>}; prints
 * {@code READY <port>} once bound.
 * <p>
 * With {@code --tls=jdk|openssl --cert=<PEM file> --key=<PKCS#8 PEM file>} it speaks TLS (1.3
 * and 1.2, as tcp-gateway by default) through Netty's {@link SslContextBuilder} with
 * {@link SslProvider#JDK} or {@link SslProvider#OPENSSL} (netty-tcnative's BoringSSL), an
 * {@link io.netty.handler.ssl.SslHandler} first in each connection's pipeline; it then prints
 * {@code READY <port> tls=<provider> (<library version>)}. {@code openssl} exits with status 1 if
 * the native library cannot be loaded.
 */
public final class RawNettyServer implements AutoCloseable {

	private final EventLoopGroup group;

	private final Channel channel;

	private RawNettyServer(EventLoopGroup group, Channel channel) {
		this.group = group;
		this.channel = channel;
	}

	public static void main(String[] args) throws InterruptedException, SSLException {
		if (args.length < 1) {
			usage("a port is required");
		}
		String tls = null;
		String cert = null;
		String key = null;
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--tls=")) {
				tls = arg.substring(6);
			}
			else if (arg.startsWith("--cert=")) {
				cert = arg.substring(7);
			}
			else if (arg.startsWith("--key=")) {
				key = arg.substring(6);
			}
			else {
				usage("unknown option " + arg);
			}
		}
		SslContext ssl = null;
		String description = "";
		if (tls != null) {
			if (cert == null || key == null) {
				usage("--tls needs --cert and --key");
			}
			SslProvider provider = switch (tls) {
				case "jdk" -> SslProvider.JDK;
				case "openssl" -> SslProvider.OPENSSL;
				default -> {
					usage("--tls is jdk or openssl");
					yield null;
				}
			};
			if (provider == SslProvider.OPENSSL && !OpenSsl.isAvailable()) {
				System.err.println("the OpenSSL provider is not available: " + OpenSsl.unavailabilityCause());
				System.exit(1);
			}
			ssl = SslContextBuilder.forServer(new File(cert), new File(key))
				.sslProvider(provider)
				.protocols("TLSv1.3", "TLSv1.2")
				.build();
			description = " tls=" + tls + " ("
					+ ((provider == SslProvider.OPENSSL) ? OpenSsl.versionString() : Runtime.version().toString()) + ")";
		}
		RawNettyServer server = start(Integer.parseInt(args[0]), ssl);
		System.out.println("READY " + server.port() + description);
		server.channel.closeFuture().sync();
	}

	private static void usage(String problem) {
		System.err.println(problem);
		System.err.println("usage: RawNettyServer <port> [--tls=jdk|openssl --cert=<cert.pem> --key=<key.pem>]");
		System.exit(2);
	}

	/** Binds {@code port} on 127.0.0.1 (the harness never leaves loopback); {@code 0} picks a free one. */
	public static RawNettyServer start(int port) throws InterruptedException {
		return start(port, null);
	}

	/** As {@link #start(int)}, speaking TLS with {@code ssl} unless it is {@code null}. */
	public static RawNettyServer start(int port, @Nullable SslContext ssl) throws InterruptedException {
		boolean epoll = Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
		LineHandler handler = new LineHandler();
		try {
			Channel channel = new ServerBootstrap().group(group)
				.channel(type)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						if (ssl != null) {
							ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
						}
						ch.pipeline().addLast(new LineBasedFrameDecoder(65536), handler);
					}
				})
				.bind("127.0.0.1", port)
				.sync()
				.channel();
			return new RawNettyServer(group, channel);
		}
		catch (RuntimeException | InterruptedException ex) {
			group.shutdownGracefully();
			throw ex;
		}
	}

	public int port() {
		return ((InetSocketAddress) this.channel.localAddress()).getPort();
	}

	@Override
	public void close() {
		this.channel.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/** Answers each line on the connection's event loop; one flush per read batch, not per reply. */
	@Sharable
	static final class LineHandler extends SimpleChannelInboundHandler<ByteBuf> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
			String reply = BenchCommands.reply(line.toString(StandardCharsets.UTF_8)) + "\r\n";
			ctx.write(ByteBufUtil.writeUtf8(ctx.alloc(), reply), ctx.voidPromise());
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
