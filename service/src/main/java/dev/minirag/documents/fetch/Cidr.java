package dev.minirag.documents.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An address block such as {@code 10.0.0.0/8} or {@code fe80::/10}; a bare address is one. */
final class Cidr {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /** True for an IPv4 dotted quad or anything with a colon (IPv6), with or without /prefix. */
  static boolean looksLikeCidr(String text) {
    String address = text.strip().split("/", 2)[0];
    return address.contains(":") || IPV4.matcher(address).matches();
  }

  static Cidr parse(String text) {
    String[] parts = text.strip().split("/", 2);
    if (!looksLikeCidr(parts[0])) {
      throw new IllegalArgumentException("not an IP address or CIDR: " + text);
    }
    byte[] address = literal(parts[0]);
    int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
    if (prefix < 0 || prefix > address.length * 8) {
      throw new IllegalArgumentException("bad prefix length in " + text);
    }
    return new Cidr(address, prefix, text.strip());
  }

  boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (address[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * Parses an address literal. {@code getByName} does no DNS lookup for a literal; the regex above
   * keeps host names from getting here. IPv4-mapped IPv6 literals come back as IPv4 addresses.
   */
  private static byte[] literal(String text) {
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    try {
      return InetAddress.getByName(bare).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }
}
