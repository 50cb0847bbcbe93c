package io.tcpgateway.server.config;

import io.tcpgateway.server.codec.CodecKind;

import org.springframework.core.convert.converter.Converter;

/**
 * Binds {@code codec} from its property value, so that {@code "null"} names the NUL codec and a
 * bare YAML {@code null} (no value) is an error rather than the default.
 */
class CodecConverter implements Converter<String, CodecKind> {

	@Override
	public CodecKind convert(String value) {
		return CodecKind.fromPropertyValue(value);
	}

}
