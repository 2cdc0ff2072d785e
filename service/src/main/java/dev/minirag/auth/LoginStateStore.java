package dev.minirag.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.context.session.SessionStore;

/**
 * pac4j's state, nonce and PKCE verifier between "start login" and "callback", kept in memory for
 * ten minutes under a random id carried by the short-lived login-state cookie ({@code
 * __Host-minirag_login}; {@code minirag_login} on plain-HTTP localhost). No servlet session.
 * Limitation: with several nodes, the callback must reach the node that started the login (sticky
 * routing) — documented in docs/operations.md.
 *
 * <p>Bounded so that a flood of started-and-abandoned logins cannot push out everyone else's: each
 * client address (an IPv6 address counts by its /64, which one subscriber typically holds whole)
 * keeps at most {@code maxPerClient} logins in flight, its oldest dropped first; past the overall
 * cap the oldest login of all is dropped, which a flood from many addresses can still reach, but
 * only after {@code maxEntries} distinct in-flight logins, not one address's worth.
 */
public class LoginStateStore implements SessionStore {

  static final String ATTRIBUTE = "minirag.loginId";
  static final Duration TTL = Duration.ofMinutes(10);

  /**
   * Generous because many people can share one address (an office NAT, or a reverse proxy that does
   * not pass the client address on): one address holds at most 1% of the store.
   */
  static final int MAX_PER_CLIENT = 100;

  static final int MAX_ENTRIES = 10_000;

  private record Entry(String client, Map<String, Object> values, Instant expires) {}

  /**
   * In creation order, so the first entries are the oldest: with one TTL, also the first to expire.
   */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  private final Map<String, ArrayDeque<String>> byClient = new HashMap<>();
  private final Clock clock;
  private final int maxPerClient;
  private final int maxEntries;

  public LoginStateStore(Clock clock) {
    this(clock, MAX_PER_CLIENT, MAX_ENTRIES);
  }

  LoginStateStore(Clock clock, int maxPerClient, int maxEntries) {
    this.clock = clock;
    this.maxPerClient = maxPerClient;
    this.maxEntries = maxEntries;
  }

  @Override
  public Optional<String> getSessionId(WebContext context, boolean createSession) {
    return context.getRequestAttribute(ATTRIBUTE).map(Object::toString);
  }

  @Override
  public Optional<Object> get(WebContext context, String key) {
    return getSessionId(context, false).flatMap(id -> get(id, key));
  }

  @Override
  public void set(WebContext context, String key, Object value) {
    String id =
        getSessionId(context, true).orElseThrow(() -> new IllegalStateException("no login id"));
    put(id, context.getRemoteAddr(), key, value);
  }

  @Override
  public boolean destroySession(WebContext context) {
    getSessionId(context, false).ifPresent(this::remove);
    return true;
  }

  synchronized Optional<Object> get(String loginId, String key) {
    Entry e = entries.get(loginId);
    if (e == null || !e.expires().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.ofNullable(e.values().get(key));
  }

  synchronized void put(String loginId, String remoteAddress, String key, Object value) {
    Entry e = entries.get(loginId);
    if (e == null) {
      e = create(loginId, clientKey(remoteAddress));
    }
    if (value == null) {
      e.values().remove(key);
    } else {
      e.values().put(key, value);
    }
  }

  synchronized boolean contains(String loginId) {
    return entries.containsKey(loginId);
  }

  synchronized int size() {
    return entries.size();
  }

  private Entry create(String loginId, String client) {
    purgeExpired();
    ArrayDeque<String> mine = byClient.computeIfAbsent(client, c -> new ArrayDeque<>());
    while (mine.size() >= maxPerClient) {
      remove(mine.peekFirst());
    }
    while (entries.size() >= maxEntries) {
      remove(entries.keySet().iterator().next());
    }
    Entry e = new Entry(client, new HashMap<>(), clock.instant().plus(TTL));
    entries.put(loginId, e);
    byClient.computeIfAbsent(client, c -> new ArrayDeque<>()).addLast(loginId);
    return e;
  }

  private synchronized void remove(String loginId) {
    Entry e = entries.remove(loginId);
    if (e == null) {
      return;
    }
    ArrayDeque<String> ids = byClient.get(e.client());
    if (ids != null) {
      ids.remove(loginId);
      if (ids.isEmpty()) {
        byClient.remove(e.client());
      }
    }
  }

  /** Expired entries are at the front (creation order): stop at the first live one. */
  private void purgeExpired() {
    Instant now = clock.instant();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Entry> next = it.next();
      if (next.getValue().expires().isAfter(now)) {
        return;
      }
      it.remove();
      ArrayDeque<String> ids = byClient.get(next.getValue().client());
      if (ids != null) {
        ids.remove(next.getKey());
        if (ids.isEmpty()) {
          byClient.remove(next.getValue().client());
        }
      }
    }
  }

  /**
   * The address a login counts against: IPv4 as is, IPv6 by its /64. Only literals: no DNS lookup.
   */
  static String clientKey(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.isBlank()) {
      return "unknown";
    }
    if (!remoteAddress.contains(":")) {
      return remoteAddress;
    }
    String literal = remoteAddress.replace("[", "").replace("]", "");
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    try {
      byte[] b = InetAddress.getByName(literal).getAddress();
      return b.length == 16
          ? HexFormat.of().formatHex(b, 0, 8) + "::/64"
          : InetAddress.getByAddress(b).getHostAddress();
    } catch (UnknownHostException e) {
      return remoteAddress;
    }
  }

  @Override
  public Optional<Object> getTrackableSession(WebContext context) {
    return Optional.empty();
  }

  @Override
  public Optional<SessionStore> buildFromTrackableSession(
      WebContext context, Object trackableSession) {
    return Optional.empty();
  }

  @Override
  public boolean renewSession(WebContext context) {
    return false;
  }
}
