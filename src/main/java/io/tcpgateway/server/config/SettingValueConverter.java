package io.tcpgateway.server.config;

import java.util.Set;

import io.tcpgateway.server.codec.CodecKind;
import io.tcpgateway.server.dispatch.WorkerThreads;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * The {@code tcp.server.*} values Spring Boot cannot convert on its own: {@code codec} by its
 * documented name ({@code "null"} names the NUL codec; a bare YAML {@code null} is no value, so
 * the key counts as unset), and {@code worker-threads} as text or as a YAML number
 * ({@code worker-threads: 2}).
 */
class SettingValueConverter implements GenericConverter {

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return Set.of(new ConvertiblePair(String.class, CodecKind.class),
				new ConvertiblePair(String.class, WorkerThreads.class),
				new ConvertiblePair(Number.class, WorkerThreads.class));
	}

	@Override
	public @Nullable Object convert(@Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		if (source == null) {
			return null;
		}
		return (targetType.getType() == CodecKind.class) ? CodecKind.fromPropertyValue((String) source)
				: WorkerThreads.parse(source.toString());
	}

}
