package io.tcpgateway.server.connection;

import java.util.function.Supplier;

import io.netty.channel.ChannelHandler;
import io.tcpgateway.server.admission.ConnectionAdmission;
import io.tcpgateway.server.dispatch.WorkerLane;
import io.tcpgateway.server.input.ReadGate;
import io.tcpgateway.server.view.TrafficRecorder;
import org.jspecify.annotations.Nullable;

/** The last stage of a connection's pipeline: where its requests are taken and answered. */
public final class ConnectionStage {

	private ConnectionStage() {
	}

	/**
	 * A new connection's handler, last in its pipeline.
	 * @param lanes each new connection's lane to the workers ({@code null}: the event loop answers)
	 */
	public static ChannelHandler handler(ConnectionSettings settings, ConnectionAdmission admission,
			ConnectionEvents events, Supplier<@Nullable WorkerLane> lanes, ConnectionStats stats,
			TrafficRecorder recorder, ReadGate gate) {
		return new ConnectionHandler(settings, admission, events, lanes, stats, recorder, gate);
	}

}
