package io.tcpgateway.server.config;

import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.support.FailureReport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each listener is answered by the ReplyService bean its reply-service names, or, unset, by the
 * application's only (or primary) one; a name that is no ReplyService stops startup naming the
 * listener's property and the services there are. ReplyServicePerListenerTests runs two over TCP.
 */
class ReplyServiceLookupTests {

	final ReplyService hl7 = (message) -> Reply.of("ACK");

	final ReplyService lines = (message) -> Reply.of(message.toUpperCase());

	final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

	final ReplyServiceLookup lookup = new ReplyServiceLookup(this.beans);

	@Test
	void aListenerGetsTheServiceItNames() {
		this.beans.registerSingleton("hl7", this.hl7);
		this.beans.registerSingleton("lines", this.lines);
		assertThat(this.lookup.find("hl7", "hl7")).isSameAs(this.hl7);
		assertThat(this.lookup.find("default", "lines")).isSameAs(this.lines);
	}

	@Test
	void unsetItIsTheApplicationsOnlyService() {
		this.beans.registerSingleton("lines", this.lines);
		assertThat(this.lookup.find("default", null)).isSameAs(this.lines);
		assertThat(this.lookup.find("edge", null)).isSameAs(this.lines);
	}

	@Test
	void unsetAmongSeveralItIsThePrimaryOne() {
		this.beans.registerSingleton("hl7", this.hl7);
		RootBeanDefinition primary = new RootBeanDefinition(ReplyService.class, () -> this.lines);
		primary.setPrimary(true);
		this.beans.registerBeanDefinition("lines", primary);
		assertThat(this.lookup.find("default", null)).isSameAs(this.lines);
	}

	@Test
	void unsetAmongSeveralWithoutAPrimaryOneStopsStartupNamingTheProperty() {
		this.beans.registerSingleton("hl7", this.hl7);
		this.beans.registerSingleton("lines", this.lines);
		assertThat(failureReport(() -> this.lookup.find("edge", null)))
			.contains("tcp.server.listeners.edge.reply-service is not set, and there is no single ReplyService bean "
					+ "to answer listener 'edge': name one of [hl7, lines] (or mark one @Primary)")
			.contains("environment variable TCP_SERVER_LISTENERS_EDGE_REPLYSERVICE");
	}

	@Test
	void aNameThatIsNoReplyServiceStopsStartupNamingThePropertyAndTheServicesThereAre() {
		this.beans.registerSingleton("hl7", this.hl7);
		this.beans.registerSingleton("lines", this.lines);
		this.beans.registerSingleton("clock", java.time.Clock.systemUTC());
		assertThat(failureReport(() -> this.lookup.find("hl7", "hl7x"))).contains(
				"tcp.server.listeners.hl7.reply-service is 'hl7x', which names no ReplyService bean; the ReplyService "
						+ "beans are [hl7, lines]");
		assertThat(failureReport(() -> this.lookup.find("default", "clock"))).contains(
				"tcp.server.reply-service is 'clock', which names no ReplyService bean; the ReplyService beans are "
						+ "[hl7, lines]",
				"environment variable TCP_SERVER_REPLYSERVICE");
	}

	private static String failureReport(Runnable lookup) {
		Throwable failure = catchThrowable(lookup::run);
		assertThat(failure).isNotNull();
		return FailureReport.of(failure);
	}

}
