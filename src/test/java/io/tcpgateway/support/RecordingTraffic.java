package io.tcpgateway.support;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.server.view.ErrorType;
import io.tcpgateway.server.view.RejectReason;
import io.tcpgateway.server.view.RequestTrace;
import io.tcpgateway.server.view.TrafficRecorder;

/** A {@link TrafficRecorder} that counts what it is told, by name, for handler tests. */
public final class RecordingTraffic implements TrafficRecorder {

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	/** How often {@code what} was recorded: {@code opened}, {@code bytesIn}, {@code error:tls}, ... */
	public long count(String what) {
		AtomicLong count = this.counts.get(what);
		return (count != null) ? count.get() : 0;
	}

	private void add(String what, long amount) {
		this.counts.computeIfAbsent(what, (key) -> new AtomicLong()).addAndGet(amount);
	}

	@Override
	public void connectionOpened() {
		add("opened", 1);
	}

	@Override
	public void connectionRejected(RejectReason reason) {
		add("rejected:" + reason.propertyValue(), 1);
	}

	@Override
	public void connectionClosed(long openNanos, io.tcpgateway.server.view.CloseCause cause) {
		add("closed:" + cause.propertyValue(), 1);
		add("closed", 1);
	}

	@Override
	public void bytesReceived(int bytes) {
		add("bytesIn", bytes);
	}

	@Override
	public void bytesSent(int bytes) {
		add("bytesOut", bytes);
	}

	@Override
	public void messageReceived() {
		add("received", 1);
	}

	@Override
	public void messageSent() {
		add("sent", 1);
	}

	@Override
	public void messageAbandoned() {
		add("abandoned", 1);
	}

	@Override
	public void messageDiscarded() {
		add("discarded", 1);
	}

	@Override
	public void error(ErrorType type) {
		add("error:" + type.propertyValue(), 1);
	}

	@Override
	public void pushed(String outcome) {
		add("pushed:" + outcome, 1);
	}

	@Override
	public void requestCompleted(CharSequence request, boolean failed, long nanos) {
		add(failed ? "completed:failed" : "completed:ok", 1);
	}

	/** Each trace counts {@code trace:leave} and, once ended, {@code trace:end:ok} or {@code trace:end:failed}. */
	@Override
	public RequestTrace requestStarted(CharSequence request, String connectionId, InetSocketAddress client) {
		add("trace:start", 1);
		return new RequestTrace() {
			@Override
			public void leave() {
				add("trace:leave", 1);
			}

			@Override
			public void end(boolean failed) {
				add(failed ? "trace:end:failed" : "trace:end:ok", 1);
			}
		};
	}

}
