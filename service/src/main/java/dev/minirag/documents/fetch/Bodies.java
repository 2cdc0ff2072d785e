package dev.minirag.documents.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow.Subscription;

/** Response body subscribers that never hold more than the size cap in memory. */
final class Bodies {

  private Bodies() {}

  /** Collects the body, abandoning the response as soon as it passes {@code maxBytes}. */
  static BodySubscriber<byte[]> capped(long maxBytes, String host) {
    return new Capped(maxBytes, host);
  }

  /** Drops the connection at once and answers an empty body (redirects, 304, errors). */
  static BodySubscriber<byte[]> none() {
    return new Abandon(null);
  }

  /** Drops the connection at once and fails the exchange with {@code failure}. */
  static BodySubscriber<byte[]> failing(FetchException failure) {
    return new Abandon(failure);
  }

  static FetchException tooLarge(long maxBytes, String host) {
    return new FetchException(
        413, "The document at " + host + " is larger than the limit of " + maxBytes + " bytes.");
  }

  private static final class Capped implements BodySubscriber<byte[]> {
    private final long maxBytes;
    private final String host;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Subscription subscription;
    private long received;

    Capped(long maxBytes, String host) {
      this.maxBytes = maxBytes;
      this.host = host;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return; // already over the cap; the cancel may race with buffers in flight
      }
      for (ByteBuffer buffer : buffers) {
        received += buffer.remaining();
        if (received > maxBytes) {
          subscription.cancel();
          body.completeExceptionally(tooLarge(maxBytes, host));
          return;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.writeBytes(bytes);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(out.toByteArray());
    }
  }

  private static final class Abandon implements BodySubscriber<byte[]> {
    private final FetchException failure;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();

    Abandon(FetchException failure) {
      this.failure = failure;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Subscription s) {
      s.cancel();
      if (failure == null) {
        body.complete(new byte[0]);
      } else {
        body.completeExceptionally(failure);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {}

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(new byte[0]);
    }
  }
}
