package io.tcpgateway.server.config;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tcpgateway.server.ListenerSettings;
import io.tcpgateway.support.FailureReport;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code tcp.server.*} bound the way the application binds it, with no application started:
 * Spring Boot's {@link Binder} over properties (a map, or a YAML file as Boot loads it), the
 * application's converters and properties records, then each listener filled in and validated
 * as {@link TcpGatewayConfiguration} does. A failure is the exception startup would fail with.
 */
final class BoundSettings {

	private final Binder binder;

	private BoundSettings(Iterable<ConfigurationPropertySource> sources) {
		GenericConversionService applicationConverters = new GenericConversionService();
		applicationConverters.addConverter(TcpGatewayConfiguration.tcpSettingValueConverter());
		this.binder = new Binder(sources, null,
				List.of(applicationConverters, ApplicationConversionService.getSharedInstance()), null, null, null);
	}

	/** @param properties {@code name=value} each, as on the command line without the dashes */
	static BoundSettings of(String... properties) {
		Map<String, String> map = Arrays.stream(properties)
			.map((property) -> property.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1]));
		return new BoundSettings(List.of(new MapConfigurationPropertySource(map)));
	}

	static BoundSettings fromYaml(Resource yaml) throws IOException {
		return new BoundSettings(
				ConfigurationPropertySources.from(new YamlPropertySourceLoader().load(yaml.getFilename(), yaml)));
	}

	TcpServerProperties server() {
		return this.binder.bindOrCreate("tcp.server", Bindable.of(TcpServerProperties.class));
	}

	/** Each listener's properties as the application fills them in, default listener first. */
	Map<String, ListenerProperties> listenerProperties() {
		return ListenerProperties.ofEachListener(TcpListenerNames.of(this.binder),
				this.binder.bindOrCreate("tcp.server", Bindable.of(ListenerProperties.class)), server().listeners());
	}

	/** Each listener's validated settings, default listener first. */
	List<ListenerSettings> listeners() {
		ListenerSettingsResolver resolver = new ListenerSettingsResolver(new DefaultSslBundleRegistry());
		return listenerProperties().entrySet()
			.stream()
			.map((listener) -> resolver.resolve(listener.getKey(), listener.getValue()))
			.toList();
	}

	/** What startup reports when these settings stop it: both properties records bound, every listener resolved. */
	String failureReport() {
		Throwable failure = catchThrowable(() -> {
			server();
			listeners();
		});
		assertThat(failure).as("the startup failure these settings cause").isNotNull();
		return FailureReport.of(failure);
	}

	ListenerSettings listener(String name) {
		return listeners().stream()
			.filter((listener) -> listener.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no listener " + name));
	}

}
