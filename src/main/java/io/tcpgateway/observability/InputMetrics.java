package io.tcpgateway.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.server.view.InputView;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The input all connections hold before it is framed: {@code tcp.server.input.buffered} (bytes
 * now), {@code tcp.server.input.limit} ({@code tcp.server.max-buffered-bytes}) and
 * {@code tcp.server.input.holders} (connections holding some).
 */
@Component
class InputMetrics implements SmartInitializingSingleton {

	private final MeterRegistry registry;

	private final ObjectProvider<InputView> input;

	InputMetrics(MeterRegistry registry, ObjectProvider<InputView> input) {
		this.registry = registry;
		this.input = input;
	}

	@Override
	public void afterSingletonsInstantiated() {
		InputView view = this.input.getIfAvailable();
		if (view == null) {
			return;
		}
		Gauge.builder("tcp.server.input.buffered", view, InputView::bufferedBytes)
			.strongReference(true)
			.baseUnit("bytes")
			.description("Input all connections hold before it is framed")
			.register(this.registry);
		Gauge.builder("tcp.server.input.limit", view, InputView::bufferedBytesLimit)
			.strongReference(true)
			.baseUnit("bytes")
			.description("The bound of that input, tcp.server.max-buffered-bytes")
			.register(this.registry);
		Gauge.builder("tcp.server.input.holders", view, InputView::holders)
			.strongReference(true)
			.description("Connections holding input not yet framed")
			.register(this.registry);
	}

}
