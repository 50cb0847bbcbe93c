package io.tcpgateway.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

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

/**
 * The baseline: the line server an expert writes directly on Netty, with no framework between
 * the socket and the command dispatch. Run: {@code RawNettyServer <port>}; prints
 * {@code READY <port>} once bound.
 */
public final class RawNettyServer implements AutoCloseable {

	private final EventLoopGroup group;

	private final Channel channel;

	private RawNettyServer(EventLoopGroup group, Channel channel) {
		this.group = group;
		this.channel = channel;
	}

	public static void main(String[] args) throws InterruptedException {
		RawNettyServer server = start(Integer.parseInt(args[0]));
		System.out.println("READY " + server.port());
		server.channel.closeFuture().sync();
	}

	/** Binds {@code port} on 127.0.0.1 (the harness never leaves loopback); {@code 0} picks a free one. */
	public static RawNettyServer start(int port) throws InterruptedException {
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
