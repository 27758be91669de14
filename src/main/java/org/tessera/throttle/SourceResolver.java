package org.tessera.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;

/**
 * The source a request is throttled by: the TCP peer, or, only when that peer is a
 * reverse proxy the operator trusts ({@code tessera.throttle.trusted-proxies}), the
 * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy.
 * Addresses the client writes further left are never believed, so a client cannot pick
 * its own source. An IPv6 source counts by its /64 prefix, the smallest block one
 * subscriber is usually given. Never resolves a host name.
 */
@Component
public final class SourceResolver {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]{2,45}]?");

	private final List<IpAddressMatcher> trustedProxies;

	public SourceResolver(TesseraProperties properties) {
		this.trustedProxies = properties.throttle()
			.trustedProxies()
			.stream()
			.map(String::strip)
			.map(IpAddressMatcher::new)
			.toList();
	}

	/** The source of {@code request}, as a key for the budgets. */
	public String resolve(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (this.trustedProxies.isEmpty() || !isTrusted(peer)) {
			return key(peer);
		}
		String source = peer;
		List<String> hops = forwardedHops(request);
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (!isLiteral(hop)) {
				// a trusted proxy passed on something that is no address: the proxy is
				// the best source known
				return key(source);
			}
			source = hop;
			if (!isTrusted(hop)) {
				return key(hop);
			}
		}
		return key(source);
	}

	private boolean isTrusted(String address) {
		if (!isLiteral(address)) {
			return false;
		}
		for (IpAddressMatcher proxy : this.trustedProxies) {
			if (proxy.matches(address)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> forwardedHops(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
		if (headers == null || !headers.hasMoreElements()) {
			return List.of();
		}
		StringBuilder all = new StringBuilder();
		while (headers.hasMoreElements()) {
			all.append(headers.nextElement()).append(',');
		}
		return List.of(all.toString().split(",")).stream().map(String::strip).filter((hop) -> !hop.isEmpty()).toList();
	}

	private static boolean isLiteral(String address) {
		return address != null
				&& (IPV4.matcher(address).matches() || (address.indexOf(':') >= 0 && IPV6.matcher(address).matches()));
	}

	/**
	 * IPv4 as it is; IPv6 by its /64, so one subscriber's many addresses share one
	 * budget.
	 */
	private static String key(String address) {
		if (address == null || address.indexOf(':') < 0 || !IPV6.matcher(address).matches()) {
			return String.valueOf(address);
		}
		try {
			// a literal with a colon is parsed, never looked up
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length != 16) {
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return prefix.append(":/64").toString();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
