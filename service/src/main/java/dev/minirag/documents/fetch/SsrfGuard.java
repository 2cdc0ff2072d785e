package dev.minirag.documents.fetch;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides whether a URL may be fetched from inside our network. Only http and https are allowed,
 * and the host must resolve only to public addresses: loopback, private, shared (CGNAT), link-local
 * (cloud metadata lives there), multicast, unspecified, documentation and other reserved blocks are
 * refused, including IPv4 addresses carried inside IPv6 (mapped, NAT64, 6to4). Entries of the
 * allow-list (CIDRs, addresses or exact host names) are admitted anyway.
 */
public final class SsrfGuard {

  private static final List<Cidr> RESERVED =
      Stream.of(
              "0.0.0.0/8", // "this network", includes 0.0.0.0
              "10.0.0.0/8", // private
              "100.64.0.0/10", // shared address space (CGNAT); Alibaba's metadata service
              "127.0.0.0/8", // loopback
              "169.254.0.0/16", // link-local; AWS, GCP and Azure metadata at 169.254.169.254
              "172.16.0.0/12", // private
              "192.0.0.0/24", // IETF protocol assignments; Oracle's metadata service
              "192.0.2.0/24", // documentation
              "192.88.99.0/24", // 6to4 relay anycast (deprecated)
              "192.168.0.0/16", // private
              "198.18.0.0/15", // benchmarking
              "198.51.100.0/24", // documentation
              "203.0.113.0/24", // documentation
              "224.0.0.0/4", // multicast
              "240.0.0.0/4", // reserved, includes broadcast
              "::/96", // unspecified, loopback, IPv4-compatible
              "64:ff9b:1::/48", // local-use NAT64
              "100::/64", // discard-only
              "2001::/32", // Teredo: tunnels to addresses we cannot see
              "2001:db8::/32", // documentation
              "fc00::/7", // unique local; AWS metadata at fd00:ec2::254
              "fe80::/10", // link-local
              "fec0::/10", // site-local (deprecated)
              "ff00::/8") // multicast
          .map(Cidr::parse)
          .toList();

  /** IPv6 prefixes whose addresses embed an IPv4 address, and where that address sits. */
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  /** Metadata services by name, refused even when DNS would send them somewhere public. */
  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal");

  /** Turns a host name (or address literal) into addresses. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** The JVM's resolver (the system's DNS, through InetAddress's cache). */
  public static final Resolver SYSTEM_DNS = InetAddress::getAllByName;

  private final List<Cidr> allowedBlocks = new ArrayList<>();
  private final List<String> allowedHosts = new ArrayList<>();
  private final Resolver resolver;

  public SsrfGuard(List<String> allowList) {
    this(allowList, SYSTEM_DNS);
  }

  /**
   * @param allowList CIDRs, addresses or host names admitted even if private or reserved
   * @throws IllegalArgumentException for a malformed CIDR
   */
  public SsrfGuard(List<String> allowList, Resolver resolver) {
    this.resolver = resolver;
    for (String entry : allowList) {
      if (Cidr.looksLikeCidr(entry)) {
        allowedBlocks.add(Cidr.parse(entry));
      } else {
        allowedHosts.add(normalizeHost(entry));
      }
    }
  }

  /**
   * Validates the URL and resolves its host.
   *
   * @return the addresses the host resolves to, all of them admitted
   * @throws FetchException 400 when refused or invalid, 502 when the host does not resolve
   */
  public List<InetAddress> check(URI uri) {
    if (uri == null || !uri.isAbsolute() || uri.isOpaque()) {
      throw new FetchException(400, "The URL must be an absolute http or https URL.");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(400, "Only http and https URLs can be fetched.");
    }
    if (uri.getRawUserInfo() != null) {
      throw new FetchException(400, "URLs with a user name or password are not accepted.");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new FetchException(400, "The URL has no valid host name.");
    }
    String host = normalizeHost(uri.getHost());
    boolean hostAllowed = allowedHosts.contains(host);
    if (!hostAllowed && METADATA_HOSTS.contains(host)) {
      throw refused(host);
    }
    List<InetAddress> addresses = resolve(host);
    for (InetAddress address : addresses) {
      if (!hostAllowed && !isPublic(address) && !inAllowedBlock(address)) {
        throw refused(host);
      }
    }
    return addresses;
  }

  /** False for every address an outside user must not reach through us. */
  public static boolean isPublic(InetAddress address) {
    Optional<InetAddress> embedded = embeddedIpv4(address.getAddress());
    if (embedded.isPresent()) {
      return isPublic(embedded.get());
    }
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    return RESERVED.stream().noneMatch(block -> block.contains(address));
  }

  private boolean inAllowedBlock(InetAddress address) {
    return allowedBlocks.stream().anyMatch(block -> block.contains(address));
  }

  private static Optional<InetAddress> embeddedIpv4(byte[] address) {
    if (address.length != 16) {
      return Optional.empty();
    }
    int from;
    if (isIpv4Mapped(address) || NAT64.contains(address)) {
      from = 12;
    } else if (SIX_TO_FOUR.contains(address)) {
      from = 2;
    } else {
      return Optional.empty();
    }
    byte[] v4 = new byte[] {address[from], address[from + 1], address[from + 2], address[from + 3]};
    try {
      return Optional.of(Inet4Address.getByAddress(v4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /**
   * ::ffff:a.b.c.d. Java already turns such literals and lookups into IPv4 addresses (so it cannot
   * be written as a Cidr), but an Inet6Address built from raw bytes keeps the IPv6 form.
   */
  private static boolean isIpv4Mapped(byte[] address) {
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
  }

  private List<InetAddress> resolve(String host) {
    try {
      return List.of(resolver.resolve(host));
    } catch (UnknownHostException e) {
      throw new FetchException(502, "The host " + host + " could not be resolved.", null, e);
    }
  }

  private static FetchException refused(String host) {
    return new FetchException(
        400,
        "The URL's host "
            + host
            + " is a private, loopback, link-local or reserved address and cannot be fetched.");
  }

  private static String normalizeHost(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
