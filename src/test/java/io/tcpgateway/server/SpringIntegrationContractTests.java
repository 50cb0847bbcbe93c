package io.tcpgateway.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.Request;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.serializer.DefaultDeserializer;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The listener keeps Spring Integration's connection factory contract: interceptors see every
 * request (with the connection id and the connection as headers) and reply, events are published with server connections, and the settings it cannot
 * honour are refused instead of ignored.
 */
class SpringIntegrationContractTests {

	static final List<Object> events = new CopyOnWriteArrayList<>();

	static final List<Message<?>> requests = new CopyOnWriteArrayList<>();

	/** Upper-cases each request and brackets each reply, as a user's interceptor might. */
	static class Shouting extends TcpConnectionInterceptorSupport {

		Shouting(ApplicationEventPublisher publisher) {
			super(publisher);
		}

		@Override
		public void onMessage(Message<?> message) {
			requests.add(message);
			String request = new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
			super.onMessage(MessageBuilder.withPayload(request.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
				.copyHeaders(message.getHeaders())
				.build());
		}

		@Override
		public void send(Message<?> message) {
			Reply reply = (Reply) message.getPayload();
			String bracketed = "<" + new String(reply.bytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) + ">";
			super.send(MessageBuilder
				.withPayload(reply.closeConnection() ? Reply.andClose(bracketed) : Reply.of(bracketed))
				.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		@Bean
		static BeanPostProcessor shoutingInterceptor() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (bean instanceof NettyServerConnectionFactory factory) {
						TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
						// interceptors publish the connection events, so they need the publisher
						chain.setInterceptor(() -> new Shouting(factory.getApplicationEventPublisher()));
						factory.setInterceptorFactoryChain(chain);
					}
					return bean;
				}
			};
		}

		@EventListener
		void open(TcpConnectionOpenEvent event) {
			events.add(event);
		}

		@EventListener
		void close(TcpConnectionCloseEvent event) {
			events.add(event);
		}

	}

	/** One server, with the interceptor in place. */
	@RegisterExtension
	static final SharedServer server = SharedServer.of(new Class<?>[] { Interceptors.class },
			"--spring.main.web-application-type=none");

	@Test
	void interceptorsSeeEveryRequestAndReplyAndEventsComeFromServerConnections() throws Exception {
		events.clear();
		requests.clear();
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort())) {
			assertThat(client.request("echo quiet words")).isEqualTo("<QUIET WORDS>");
			assertThat(client.request("quit")).isEqualTo("<BYE>");
			assertThat(client.isClosedByServer()).isTrue();
		}
		await().untilAsserted(() -> assertThat(events).hasSize(2));
		// the connection id the gateway routes replies by, and the connection itself: no more
		// (Spring Integration copies every header of a request twice on its way to the service)
		assertThat(requests).first().satisfies((request) -> {
			assertThat(request.getHeaders()).containsOnlyKeys(IpHeaders.CONNECTION_ID, Request.CONNECTION_HEADER);
			assertThat(request.getHeaders().get(Request.CONNECTION_HEADER, ConnectionContext.class).listener())
				.isEqualTo("default");
		});
		assertThat(events.get(0)).isInstanceOfSatisfying(TcpConnectionOpenEvent.class,
				(open) -> assertThat(open.getConnectionFactoryName()).isEqualTo("default"));
		assertThat(events.get(1)).isInstanceOf(TcpConnectionCloseEvent.class);
		assertThat(((org.springframework.integration.ip.tcp.connection.TcpConnection) ((TcpConnectionOpenEvent) events
			.get(0)).getSource()).isServer()).isTrue();
		// the factory let go of the closed connection
		NettyServerConnectionFactory factory = server.get()
			.context()
			.getBean("tcpServerConnectionFactory", NettyServerConnectionFactory.class);
		assertThat(factory.getOpenConnectionIds()).isEmpty();
	}

	@Test
	void settingsThatDoNotApplyToANettyPipelineAreRefused() {
		NettyServerConnectionFactory factory = server.get().context().getBean(NettyServerConnectionFactory.class);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> factory.setDeserializer(new DefaultDeserializer()))
			.withMessageContaining("messages are framed by tcp.server.codec");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> factory.setSoTimeout(1000))
			.withMessageContaining("tcp.server.idle-timeout");
	}

}
