package dev.minirag.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  public static Optional<JobStatus> fromWire(String s) {
    return Arrays.stream(values()).filter(k -> k.wire().equals(s)).findFirst();
  }
}
