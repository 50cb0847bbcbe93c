package io.tcpgateway.server.admission;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.server.admission.ClientTable.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-client table counts each client once, refills its bucket, stays bounded, and at its
 * bound forgets idle clients, least recently used first, or admits a new client untracked.
 */
class ClientTableTests {

	final AtomicLong nanos = new AtomicLong();

	static InetAddress address(String text) throws Exception {
		return InetAddress.getByName(text);
	}

	/** The n-th address of 10.0.0.0/8, or of 2001:db8::/32 one /64 apart. */
	static InetAddress distinct(int n, boolean ipv6) throws Exception {
		if (ipv6) {
			return InetAddress.getByAddress(new byte[] { 0x20, 0x01, 0x0d, (byte) 0xb8, (byte) (n >>> 24),
					(byte) (n >>> 16), (byte) (n >>> 8), (byte) n, 0, 0, 0, 0, 0, 0, 0, 1 });
		}
		return InetAddress.getByAddress(new byte[] { 10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n });
	}

	static final int CAPACITY = 65_536;

	@Test
	void aClientOverItsLimitIsRefusedUntilOneOfItsConnectionsCloses() throws Exception {
		ClientTable table = new ClientTable(2, 0, CAPACITY, this.nanos::get);
		InetAddress client = address("192.0.2.1");
		assertThat(table.take(client, true)).isEqualTo(Verdict.COUNTED);
		assertThat(table.take(client, true)).isEqualTo(Verdict.COUNTED);
		assertThat(table.take(client, true)).isEqualTo(Verdict.PER_CLIENT_LIMIT);
		assertThat(table.take(address("192.0.2.2"), true)).isEqualTo(Verdict.COUNTED);
		table.release(client);
		assertThat(table.take(client, true)).isEqualTo(Verdict.COUNTED);
	}

	@Test
	void anIpv6ClientIsCountedPerSlash64() throws Exception {
		ClientTable table = new ClientTable(1, 0, CAPACITY, this.nanos::get);
		assertThat(table.take(address("2001:db8:1:2::1"), true)).isEqualTo(Verdict.COUNTED);
		assertThat(table.take(address("2001:db8:1:2:ffff::9"), true)).as("same /64").isEqualTo(Verdict.PER_CLIENT_LIMIT);
		assertThat(table.take(address("2001:db8:1:3::1"), true)).as("next /64").isEqualTo(Verdict.COUNTED);
	}

	@Test
	void theBucketHoldsABurstOfTheRateAndRefillsAtTheRate() throws Exception {
		ClientTable table = new ClientTable(0, 10, CAPACITY, this.nanos::get);
		InetAddress client = address("192.0.2.1");
		for (int i = 0; i < 10; i++) {
			assertThat(table.take(client, true)).as("connect %d of the burst", i).isEqualTo(Verdict.COUNTED);
			table.release(client);
		}
		assertThat(table.take(client, true)).isEqualTo(Verdict.CONNECTION_RATE);
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(table.take(client, true)).isEqualTo(Verdict.COUNTED);
		assertThat(table.take(client, true)).isEqualTo(Verdict.CONNECTION_RATE);
	}

	@Test
	void entriesGoOnceTheirClientHasNothingOpenAndAFullBucket() throws Exception {
		ClientTable table = new ClientTable(5, 0, CAPACITY, this.nanos::get);
		table.take(address("192.0.2.1"), true);
		assertThat(table.size()).isEqualTo(1);
		table.release(address("192.0.2.1"));
		assertThat(table.size()).isZero();
		ClientTable rated = new ClientTable(0, 10, CAPACITY, this.nanos::get);
		rated.take(address("192.0.2.1"), true);
		rated.release(address("192.0.2.1"));
		assertThat(rated.size()).as("kept while its bucket refills").isEqualTo(1);
		this.nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
		rated.take(address("192.0.2.2"), true);
		assertThat(rated.size()).as("a second later, only the new client").isEqualTo(1);
	}

	@Test
	void atItsBoundTheLeastRecentlyUsedIdleClientMakesRoom() throws Exception {
		ClientTable table = new ClientTable(0, 1, 2, this.nanos::get);
		InetAddress first = address("192.0.2.1");
		InetAddress second = address("192.0.2.2");
		for (InetAddress client : List.of(first, second)) {
			table.take(client, true);
			table.release(client);
		}
		assertThat(table.take(address("192.0.2.3"), true)).isEqualTo(Verdict.COUNTED);
		assertThat(table.take(second, true)).as("still tracked: its bucket is empty").isEqualTo(Verdict.CONNECTION_RATE);
		assertThat(table.take(first, true)).as("forgotten first, so a new bucket").isEqualTo(Verdict.COUNTED);
		assertThat(table.size()).isEqualTo(2);
	}

	@Test
	void whenEveryTrackedClientHasAConnectionOpenANewClientIsAdmittedUntracked() throws Exception {
		ClientTable table = new ClientTable(1, 0, 1024, this.nanos::get);
		for (int n = 0; n < 1024; n++) {
			assertThat(table.take(distinct(n, true), true)).isEqualTo(Verdict.COUNTED);
		}
		assertThat(table.take(distinct(1024, true), true)).isEqualTo(Verdict.UNTRACKED);
		assertThat(table.take(distinct(7, true), true)).as("a tracked client keeps its limit")
			.isEqualTo(Verdict.PER_CLIENT_LIMIT);
		table.release(distinct(7, true));
		assertThat(table.take(distinct(1024, true), true)).as("once an entry is idle").isEqualTo(Verdict.COUNTED);
		assertThat(table.size()).isEqualTo(1024);
	}

	/**
	 * A flood from a million addresses within a second never grows the table past its bound,
	 * and refuses no one. The heap it takes at the bound is printed, for the README; it is not
	 * asserted.
	 */
	@Test
	void aFloodFromAMillionAddressesStaysWithinTheBound() throws Exception {
		ClientTable table = new ClientTable(0, 10, CAPACITY, this.nanos::get);
		long before = usedHeapAfterGc();
		for (int n = 0; n < 1_000_000; n++) {
			InetAddress address = distinct(n, (n & 1) == 1);
			assertThat(table.take(address, true)).isEqualTo(Verdict.COUNTED);
			table.release(address);
			if ((n & 0xFFFF) == 0) {
				this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
			}
		}
		assertThat(table.size()).isEqualTo(CAPACITY);
		long bytes = usedHeapAfterGc() - before;
		System.out.printf("client table at its bound: %d entries, about %d KB of heap (%d bytes each)%n",
				table.size(), bytes / 1024, bytes / Math.max(1, table.size()));
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
