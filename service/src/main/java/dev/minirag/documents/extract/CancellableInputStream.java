package dev.minirag.documents.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks for {@link Cancellation} on every read, for parsers that read their input as they go but
 * never look at the thread's interrupt themselves.
 */
final class CancellableInputStream extends FilterInputStream {

  CancellableInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    Cancellation.check();
    return super.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Cancellation.check();
    return super.read(b, off, len);
  }
}
