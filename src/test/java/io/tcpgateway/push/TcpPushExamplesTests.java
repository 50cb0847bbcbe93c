package io.tcpgateway.push;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "Sessions and push" examples, as written there, over real sockets: a service that
 * pushes through the injected {@link TcpPush}, a command that pushes to another device, and a
 * Spring Integration flow from a poller that ends in {@code tcpPushChannel}.
 */
class TcpPushExamplesTests {

	/** README's Java example. */
	static class DeviceCommands {

		private final TcpPush push;

		DeviceCommands(TcpPush push) {
			this.push = push;
		}

		CompletionStage<PushOutcome> reboot(String imei) {
			return this.push.toSession("imei:" + imei, "REBOOT at 05:00");
		}

	}

	record DeviceCommand(String device, String text) {
	}

	static final Queue<DeviceCommand> commands = new ConcurrentLinkedQueue<>();

	@Configuration(proxyBeanMethods = false)
	static class Examples {

		@Bean
		DeviceCommands deviceCommands(TcpPush push) {
			return new DeviceCommands(push);
		}

		/** One device's request pushes to another: a command takes the {@link TcpPush} bean itself. */
		@Bean
		Command send(TcpPush push) {
			return Command.of("SEND", (argument) -> {
				String[] keyAndText = argument.split(" ", 2);
				push.toSession(keyAndText[0], keyAndText[1]);
				return Reply.of("SENT");
			});
		}

		@Bean
		Supplier<DeviceCommand> nextCommand() {
			return commands::poll;
		}

		/** README's Spring Integration example. */
		@Bean
		IntegrationFlow deviceCommandFlow(Supplier<DeviceCommand> nextCommand) {
			return IntegrationFlow
				.fromSupplier(nextCommand, (poller) -> poller.poller(Pollers.fixedDelay(Duration.ofMillis(500))))
				.enrichHeaders((headers) -> headers.<DeviceCommand>headerFunction("tcpgateway_session",
						(message) -> message.getPayload().device()))
				.transform(DeviceCommand::text)
				.channel("tcpPushChannel")
				.get();
		}

	}

	@RegisterExtension
	static final SharedServer shared = SharedServer.of(new Class<?>[] { Examples.class });

	@Test
	void theInjectedBeanAndAFlowFromAPollerPushToALoggedInDevice() throws Exception {
		RunningServer server = shared.get();
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort())) {
			assertThat(device.request("LOGIN imei:356938035643809")).isEqualTo("OK imei:356938035643809");

			PushOutcome outcome = server.context()
				.getBean(DeviceCommands.class)
				.reboot("356938035643809")
				.toCompletableFuture()
				.get(10, TimeUnit.SECONDS);
			assertThat(outcome).isEqualTo(PushOutcome.WRITTEN);
			assertThat(device.receive()).isEqualTo("REBOOT at 05:00");

			commands.add(new DeviceCommand("imei:356938035643809", "LOCATE"));
			assertThat(device.receive()).isEqualTo("LOCATE");
			assertThat(device.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aCommandThatTakesTheTcpPushBeanPushesFromOneDeviceToAnother() throws Exception {
		RunningServer server = shared.get();
		try (TcpTestClient panel = TcpTestClient.connect(server.tcpPort());
				TcpTestClient device = TcpTestClient.connect(server.tcpPort())) {
			assertThat(device.request("LOGIN imei:490154203237518")).isEqualTo("OK imei:490154203237518");
			assertThat(panel.request("SEND imei:490154203237518 OPEN gate 2")).isEqualTo("SENT");
			assertThat(device.receive()).isEqualTo("OPEN gate 2");
		}
	}

}
