package dev.minirag.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.context.session.SessionStore;

/**
 * pac4j's state, nonce and PKCE verifier between "start login" and "callback", kept in memory for ten
 * minutes under a random id carried by the short-lived {@code minirag_login} cookie. No servlet
 * session. Limitation: with several nodes, the callback must reach the node that started the login
 * (sticky routing) — documented in docs/operations.md.
 */
public class LoginStateStore implements SessionStore {

  static final String ATTRIBUTE = "minirag.loginId";
  static final Duration TTL = Duration.ofMinutes(10);
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(Map<String, Object> values, Instant expires) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  public LoginStateStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<String> getSessionId(WebContext context, boolean createSession) {
    return context.getRequestAttribute(ATTRIBUTE).map(Object::toString);
  }

  @Override
  public Optional<Object> get(WebContext context, String key) {
    return getSessionId(context, false).map(entries::get)
        .filter(e -> e.expires().isAfter(clock.instant()))
        .map(e -> e.values().get(key));
  }

  @Override
  public void set(WebContext context, String key, Object value) {
    String id = getSessionId(context, true).orElseThrow(() -> new IllegalStateException("no login id"));
    purge();
    Entry e = entries.computeIfAbsent(id, k -> new Entry(new ConcurrentHashMap<>(), clock.instant().plus(TTL)));
    if (value == null) {
      e.values().remove(key);
    } else {
      e.values().put(key, value);
    }
  }

  @Override
  public boolean destroySession(WebContext context) {
    getSessionId(context, false).ifPresent(entries::remove);
    return true;
  }

  @Override
  public Optional<Object> getTrackableSession(WebContext context) {
    return Optional.empty();
  }

  @Override
  public Optional<SessionStore> buildFromTrackableSession(WebContext context, Object trackableSession) {
    return Optional.empty();
  }

  @Override
  public boolean renewSession(WebContext context) {
    return false;
  }

  private void purge() {
    Instant now = clock.instant();
    entries.values().removeIf(e -> e.expires().isBefore(now));
    if (entries.size() > MAX_ENTRIES) {
      entries.clear(); // a flood of abandoned logins: start over rather than grow without bound
    }
  }
}
