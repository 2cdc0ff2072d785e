package dev.minirag.jobs;

import dev.minirag.common.WireName;
import java.util.Locale;
import java.util.Optional;

public enum JobStatus implements WireName {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELED;

  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  public static Optional<JobStatus> fromWire(String s) {
    return WireName.fromWire(JobStatus.class, s);
  }
}
