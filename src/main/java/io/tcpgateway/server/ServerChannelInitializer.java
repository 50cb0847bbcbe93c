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
import io.tcpgateway.server.connection.ConnectionEvents;
import io.tcpgateway.server.connection.ConnectionSettings;
import io.tcpgateway.server.connection.ConnectionStage;
import io.tcpgateway.server.connection.ConnectionStats;
import io.tcpgateway.server.dispatch.ServerThreads;
import io.tcpgateway.server.dispatch.WorkerLane;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.input.InputStage;
import io.tcpgateway.server.input.ReadGate;
import io.tcpgateway.server.view.TrafficRecorder;
import org.jspecify.annotations.Nullable;

/**
 * Builds the pipeline of each accepted connection, in the order bytes flow:
 * byte counter, admission, PROXY header, TLS, frame reader, idle timeout, connection handler.
 */
final class ServerChannelInitializer extends ChannelInitializer<Channel> {

	private final ListenerSettings settings;

	private final ConnectionSettings connectionSettings;

	private final ConnectionAdmission admission;

	private final ConnectionEvents events;

	private final InputBudget budget;

	private final Supplier<TrafficRecorder> recorder;

	private final Supplier<@Nullable WorkerLane> lanes;

	ServerChannelInitializer(ListenerSettings settings, ConnectionAdmission admission, ConnectionEvents events,
			ServerThreads threads, InputBudget budget, Supplier<TrafficRecorder> recorder) {
		this.settings = settings;
		this.connectionSettings = settings.connectionSettings(threads.requestTimeout());
		this.admission = admission;
		this.events = events;
		this.budget = budget;
		this.recorder = recorder;
		this.lanes = threads::newLane;
	}

	@Override
	protected void initChannel(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		TrafficRecorder traffic = this.recorder.get();
		ConnectionStats stats = new ConnectionStats();
		ReadGate gate = new ReadGate(channel);
		pipeline.addLast("byteCounter", new ByteCounter(stats, traffic));
		this.admission.addTo(pipeline);
		this.settings.proxyProtocol().addTo(pipeline, this.settings.admission().trustedProxies(), this.admission);
		ServerTls tls = this.settings.tls();
		if (tls != null) {
			pipeline.addLast("tls", tls.newHandler(channel.alloc()));
		}
		pipeline.addLast("frameReader",
				InputStage.frameReader(this.settings.codec().framer(this.settings.maxMessageSize()), this.budget, gate));
		Duration idleTimeout = this.settings.idleTimeout();
		if (!idleTimeout.isZero()) {
			// after the frame reader, so only complete messages count as activity
			pipeline.addLast("idleTimeout", new IdleStateHandler(idleTimeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
		}
		pipeline.addLast("connection", ConnectionStage.handler(this.connectionSettings, this.admission, this.events,
				this.lanes, stats, traffic, gate));
	}

}
