package dev.minirag.jobs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The handler of each kind on this node. Export and import are plugged in by registering a handler
 * for their kind; a node without a kind's handler never claims jobs of that kind.
 */
public class JobHandlers {
  private final Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
  private volatile boolean frozen;

  public JobHandlers register(JobHandler handler) {
    if (frozen) {
      throw new IllegalStateException("handlers are registered before the workers start");
    }
    if (handlers.putIfAbsent(handler.kind(), handler) != null) {
      throw new IllegalStateException("two handlers for " + handler.kind().wire());
    }
    return this;
  }

  public Optional<JobHandler> get(JobKind kind) {
    return Optional.ofNullable(handlers.get(kind));
  }

  String[] kinds() {
    return handlers.keySet().stream().map(JobKind::wire).toArray(String[]::new);
  }

  void freeze() {
    frozen = true;
  }
}
