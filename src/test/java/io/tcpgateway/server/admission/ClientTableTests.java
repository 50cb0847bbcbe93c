package io.tcpgateway.server.admission;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.server.view.RejectReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-client table counts each client once, refills its bucket, and stays bounded. */
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

	@Test
	void aClientOverItsLimitIsRefusedUntilOneOfItsConnectionsCloses() throws Exception {
		ClientTable table = new ClientTable(2, 0, this.nanos::get);
		InetAddress client = address("192.0.2.1");
		assertThat(table.take(client, true)).isNull();
		assertThat(table.take(client, true)).isNull();
		assertThat(table.take(client, true)).isEqualTo(RejectReason.PER_CLIENT_LIMIT);
		assertThat(table.take(address("192.0.2.2"), true)).isNull();
		table.release(client);
		assertThat(table.take(client, true)).isNull();
	}

	@Test
	void anIpv6ClientIsCountedPerSlash64() throws Exception {
		ClientTable table = new ClientTable(1, 0, this.nanos::get);
		assertThat(table.take(address("2001:db8:1:2::1"), true)).isNull();
		assertThat(table.take(address("2001:db8:1:2:ffff::9"), true)).as("same /64").isEqualTo(RejectReason.PER_CLIENT_LIMIT);
		assertThat(table.take(address("2001:db8:1:3::1"), true)).as("next /64").isNull();
	}

	@Test
	void theBucketHoldsABurstOfTheRateAndRefillsAtTheRate() throws Exception {
		ClientTable table = new ClientTable(0, 10, this.nanos::get);
		InetAddress client = address("192.0.2.1");
		for (int i = 0; i < 10; i++) {
			assertThat(table.take(client, true)).as("connect %d of the burst", i).isNull();
			table.release(client);
		}
		assertThat(table.take(client, true)).isEqualTo(RejectReason.CONNECTION_RATE);
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(table.take(client, true)).isNull();
		assertThat(table.take(client, true)).isEqualTo(RejectReason.CONNECTION_RATE);
	}

	@Test
	void entriesGoOnceTheirClientHasNothingOpenAndAFullBucket() throws Exception {
		ClientTable table = new ClientTable(5, 0, this.nanos::get);
		table.take(address("192.0.2.1"), true);
		assertThat(table.size()).isEqualTo(1);
		table.release(address("192.0.2.1"));
		assertThat(table.size()).isZero();
		ClientTable rated = new ClientTable(0, 10, this.nanos::get);
		rated.take(address("192.0.2.1"), true);
		rated.release(address("192.0.2.1"));
		assertThat(rated.size()).as("kept while its bucket refills").isEqualTo(1);
	}

	@Test
	void atItsBoundANewClientIsRefusedUntilEntriesExpire() throws Exception {
		ClientTable table = new ClientTable(0, 10, 1000, this.nanos::get);
		for (int n = 0; n < 1000; n++) {
			assertThat(table.take(distinct(n, false), true)).isNull();
			table.release(distinct(n, false));
		}
		assertThat(table.take(distinct(1000, false), true)).isEqualTo(RejectReason.CONNECTION_RATE);
		assertThat(table.take(distinct(7, false), true)).as("a client already tracked").isNull();
		this.nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
		assertThat(table.take(distinct(1000, false), true)).as("after a second every bucket is full again").isNull();
		assertThat(table.size()).isLessThanOrEqualTo(2);
	}

	/**
	 * A flood from a million addresses within a second never grows the table past its bound.
	 * The heap it takes at the bound is printed, for the README; it is not asserted.
	 */
	@Test
	void aFloodFromAMillionAddressesStaysWithinTheBound() throws Exception {
		ClientTable table = new ClientTable(0, 10, this.nanos::get);
		long before = usedHeapAfterGc();
		int refused = 0;
		for (int n = 0; n < 1_000_000; n++) {
			InetAddress address = distinct(n, (n & 1) == 1);
			if (table.take(address, true) != null) {
				refused++;
			}
			else {
				table.release(address);
			}
			if ((n & 0xFFFF) == 0) {
				this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
			}
		}
		assertThat(table.size()).isLessThanOrEqualTo(ClientTable.MAX_CLIENTS);
		assertThat(refused).isEqualTo(1_000_000 - ClientTable.MAX_CLIENTS);
		long bytes = usedHeapAfterGc() - before;
		System.out.printf("client table at its bound: %d entries, about %d KB of heap (%d bytes each); %d refused%n",
				table.size(), bytes / 1024, bytes / Math.max(1, table.size()), refused);
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
