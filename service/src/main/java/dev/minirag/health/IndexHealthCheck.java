package dev.minirag.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import java.util.function.Supplier;

/** This node's Lucene index: unhealthy while it is damaged and being rebuilt, or cannot update. */
public class IndexHealthCheck extends HealthCheck {
  private final Supplier<Optional<String>> problem;

  public IndexHealthCheck(Supplier<Optional<String>> problem) {
    this.problem = problem;
  }

  @Override
  protected Result check() {
    return problem.get().map(Result::unhealthy).orElseGet(() -> Result.healthy("serving"));
  }
}
