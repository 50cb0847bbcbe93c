package io.tcpgateway.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;

/**
 * A set of addresses as CIDR ranges (IPv4 and IPv6), matched with Netty's subnet rules: the
 * clients allowed to connect, or the load balancers trusted to name them.
 */
public final class CidrRanges {

	private final List<IpSubnetFilterRule> rules;

	private CidrRanges(List<IpSubnetFilterRule> rules) {
		this.rules = rules;
	}

	/**
	 * Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a bare address (a single host).
	 * @param property the property the ranges come from, named in errors
	 * @throws IllegalArgumentException naming the property and the bad entry
	 */
	public static CidrRanges of(String property, List<String> cidrs) {
		return new CidrRanges(cidrs.stream().map((cidr) -> rule(property, cidr.strip())).toList());
	}

	/** As an allow-list: whether this address may connect; an empty list allows everyone. */
	public boolean allows(InetSocketAddress address) {
		return this.rules.isEmpty() || contains(address);
	}

	/** Whether a range holds this address; an empty list holds none. */
	public boolean contains(InetSocketAddress address) {
		for (IpSubnetFilterRule rule : this.rules) {
			if (rule.matches(address)) {
				return true;
			}
		}
		return false;
	}

	public boolean isEmpty() {
		return this.rules.isEmpty();
	}

	private static IpSubnetFilterRule rule(String property, String cidr) {
		int slash = cidr.indexOf('/');
		String address = (slash < 0) ? cidr : cidr.substring(0, slash);
		try {
			if (!address.matches("[0-9a-fA-F:.]+")) {
				throw new IllegalArgumentException("not an IP address");
			}
			InetAddress inet = InetAddress.getByName(address);
			int maxPrefix = (inet.getAddress().length == 4) ? 32 : 128;
			int prefix = (slash < 0) ? maxPrefix : Integer.parseInt(cidr.substring(slash + 1));
			if (prefix < 0 || prefix > maxPrefix) {
				throw new IllegalArgumentException("prefix must be 0.." + maxPrefix);
			}
			return new IpSubnetFilterRule(inet, prefix, IpFilterRuleType.ACCEPT);
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			throw new IllegalArgumentException(property + " has an invalid entry '" + cidr + "' (" + ex.getMessage()
					+ "); expected CIDR ranges such as 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32", ex);
		}
	}

}
