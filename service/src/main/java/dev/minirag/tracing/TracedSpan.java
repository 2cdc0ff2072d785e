package dev.minirag.tracing;

/**
 * One unit of work in a trace, current on its thread (as the parent of what it calls, and as the
 * ids on its log lines) until closed. With tracing off every span is {@link #NONE}, which costs
 * nothing.
 */
public interface TracedSpan extends AutoCloseable {

  TracedSpan NONE =
      new TracedSpan() {
        @Override
        public TracedSpan set(String key, String value) {
          return this;
        }

        @Override
        public TracedSpan set(String key, long value) {
          return this;
        }

        @Override
        public TracedSpan set(String key, boolean value) {
          return this;
        }

        @Override
        public void fail(Throwable error) {}

        @Override
        public void close() {}
      };

  TracedSpan set(String key, String value);

  TracedSpan set(String key, long value);

  TracedSpan set(String key, boolean value);

  /** Marks the span failed with {@code error} (its type and message, and the stack trace). */
  void fail(Throwable error);

  /** Ends the span and makes its parent current again. */
  @Override
  void close();
}
