package dev.minirag.jobs;

import java.util.concurrent.CancellationException;

/**
 * Thrown by a handler that stopped because its job was canceled (or its lease was lost). A {@link
 * CancellationException}, so services that signal a stop with the JDK's own exception (the backup
 * feature's {@code Progress}) are understood the same way by {@link JobWorkers}.
 */
public class JobCanceledException extends CancellationException {
  public JobCanceledException() {
    super("canceled");
  }
}
