package io.tcpgateway.server.config;

import java.util.List;

import io.netty.util.internal.PlatformDependent;
import io.tcpgateway.server.ListenerSettings;
import io.tcpgateway.server.input.InputBudget;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * {@code tcp.server.max-buffered-bytes}: the {@link InputBudget} and its checks against the
 * listeners at startup.
 */
final class InputBudgets {

	static final String PROPERTY = "tcp.server.max-buffered-bytes";

	/** A connection may hold one whole message plus one socket read before it is framed. */
	static final int ONE_READ = 64 * 1024;

	/** "Far above": listeners that can ask more than this many times the budget must set it knowingly. */
	static final int FAR_ABOVE = 4;

	private InputBudgets() {
	}

	static InputBudget of(@Nullable DataSize configured) {
		return new InputBudget((configured != null) ? configured.toBytes() : defaultLimit(), System::nanoTime);
	}

	/** A quarter of the direct memory the JVM allows: where Netty keeps socket buffers. */
	static long defaultLimit() {
		return PlatformDependent.maxDirectMemory() / 4;
	}

	static String describe(InputBudget budget, @Nullable DataSize configured) {
		return mb(budget.limit()) + " (" + PROPERTY + ((configured != null) ? ")"
				: "; unset: a quarter of the direct-memory limit, " + mb(PlatformDependent.maxDirectMemory()) + ")");
	}

	/**
	 * Fails startup where the budget cannot work: smaller than one listener's largest message, or
	 * left at its default while a listener's {@code max-connections} can ask far more.
	 */
	static void check(InputBudget budget, boolean configured, List<ListenerSettings> listeners) {
		for (ListenerSettings listener : listeners) {
			String prefix = TcpListenerNames.prefix(listener.name());
			long oneMessage = (long) listener.maxMessageSize() + ONE_READ;
			if (budget.limit() < oneMessage) {
				throw new InvalidSettingException(configured ? PROPERTY : prefix + ".max-message-size",
						"cannot work: " + PROPERTY + " is " + budget.limit() + " bytes" + (configured ? "" : " (its default)")
								+ ", less than one message of " + prefix + ".max-message-size=" + listener.maxMessageSize()
								+ " plus one read (" + ONE_READ + "); raise " + PROPERTY + " (or the JVM's heap) to at least "
								+ oneMessage + ", or lower max-message-size");
			}
			long demand = (long) listener.admission().maxConnections() * listener.maxMessageSize();
			if (!configured && demand > FAR_ABOVE * budget.limit()) {
				throw new InvalidSettingException(PROPERTY, "is unset, and its default (" + mb(budget.limit())
						+ ") is far below what " + prefix + ".max-connections=" + listener.admission().maxConnections()
						+ " connections of " + prefix + ".max-message-size=" + listener.maxMessageSize()
						+ " bytes could hold (" + mb(demand) + "); set " + PROPERTY
						+ " explicitly (past it, the connections holding input longest are closed), or lower them");
			}
		}
	}

	private static String mb(long bytes) {
		return (bytes / (1024 * 1024)) + " MB";
	}

}
