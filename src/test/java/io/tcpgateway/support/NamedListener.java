package io.tcpgateway.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The command-line arguments of one more listener under {@code tcp.server.listeners}, on an
 * ephemeral port: {@code NamedListener.args("tpkt", "codec=length-field", "max-message-size=100")}.
 * Names have no dashes, as README asks of listener names.
 */
public final class NamedListener {

	private NamedListener() {
	}

	/** The arguments for listener {@code name} with these per-listener settings, each {@code key=value}. */
	public static List<String> args(String name, String... settings) {
		String prefix = "--tcp.server.listeners." + name + ".";
		List<String> args = new ArrayList<>(List.of(prefix + "port=0"));
		for (String setting : settings) {
			args.add(prefix + setting);
		}
		return args;
	}

}
