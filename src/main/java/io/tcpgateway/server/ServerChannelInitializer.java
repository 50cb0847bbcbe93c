package io.tcpgateway.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.tcpgateway.security.ServerTls;
import io.tcpgateway.server.admission.ConnectionAdmission;
import io.tcpgateway.server.view.TrafficRecorder;

/**
 * Builds the pipeline of each accepted connection, in the order bytes flow:
 * byte counter, admission, PROXY header, TLS, framing, idle timeout, connection handler.
 */
final class ServerChannelInitializer extends ChannelInitializer<Channel> {

	private final ListenerSettings settings;

	private final ConnectionAdmission admission;

	private final ConnectionHandler.Opener opener;

	private final Supplier<TrafficRecorder> recorder;

	ServerChannelInitializer(ListenerSettings settings, ConnectionAdmission admission,
			ConnectionHandler.Opener opener, Supplier<TrafficRecorder> recorder) {
		this.settings = settings;
		this.admission = admission;
		this.opener = opener;
		this.recorder = recorder;
	}

	@Override
	protected void initChannel(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		TrafficRecorder traffic = this.recorder.get();
		ConnectionStats stats = new ConnectionStats();
		pipeline.addLast("byteCounter", new ByteCounter(stats, traffic));
		this.admission.addTo(pipeline);
		this.settings.proxyProtocol().addTo(pipeline, this.settings.admission().trustedProxies(), this.admission);
		ServerTls tls = this.settings.tls();
		if (tls != null) {
			pipeline.addLast("tls", tls.newHandler(channel.alloc()));
		}
		this.settings.codec().addTo(pipeline, this.settings.maxMessageSize());
		Duration idleTimeout = this.settings.idleTimeout();
		if (!idleTimeout.isZero()) {
			// after the frame decoder, so only complete messages count as activity
			pipeline.addLast("idleTimeout", new IdleStateHandler(idleTimeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
		}
		pipeline.addLast("connection", new ConnectionHandler(this.settings, this.admission, this.opener, stats, traffic));
	}

}
