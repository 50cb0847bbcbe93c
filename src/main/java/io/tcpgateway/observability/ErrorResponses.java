package io.tcpgateway.observability;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The body of the endpoints' refusals: {@code {"error": "<why>"}}. */
final class ErrorResponses {

	private ErrorResponses() {
	}

	static WebEndpointResponse<Map<String, String>> of(int status, String why) {
		return new WebEndpointResponse<>(Map.of("error", why), status);
	}

	static WebEndpointResponse<Map<String, String>> badRequest(String why) {
		return of(WebEndpointResponse.STATUS_BAD_REQUEST, why);
	}

}
