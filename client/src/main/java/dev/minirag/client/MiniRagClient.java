package dev.minirag.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.minirag.client.model.ApiError;
import dev.minirag.client.model.AskEvent;
import dev.minirag.client.model.AskRequest;
import dev.minirag.client.model.AskResult;
import dev.minirag.client.model.FileUpload;
import dev.minirag.client.model.IngestResult;
import dev.minirag.client.model.Job;
import dev.minirag.client.model.JobQuery;
import dev.minirag.client.model.JobStarted;
import dev.minirag.client.model.Page;
import dev.minirag.client.model.RefreshResult;
import dev.minirag.client.model.SearchRequest;
import dev.minirag.client.model.SearchResult;
import dev.minirag.client.model.Source;
import dev.minirag.client.model.SourceQuery;
import dev.minirag.client.model.Usage;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A client for the Mini-RAG API, authenticated by an API key (bound to one workspace).
 *
 * <pre>{@code
 * MiniRagClient client = MiniRagClient.builder("http://127.0.0.1:8080").apiKey(key).build();
 * client.addText("Lighthouse log", "The keeper polished the Fresnel lens every morning.");
 * AskResult answer = client.ask("What did the keeper polish?");
 * }</pre>
 *
 * <p>Every failure is a {@link MiniRagException}. A {@code 429} or {@code 503} answer is retried
 * (up to {@link Builder#maxAttempts}, waiting what {@code Retry-After} asks, at most {@link
 * Builder#maxRetryWait}; a longer wait, such as a daily quota's, fails at once) when retrying
 * cannot do anything twice:
 *
 * <ul>
 *   <li>reads ({@code GET}, search, ask) and idempotent calls ({@code DELETE}) are retried on
 *       either status, with or without {@code Retry-After};
 *   <li>calls that change something (ingest, refresh, re-sync, cancel) are retried only when the
 *       answer carries {@code Retry-After}: the service sends it when it refused the request before
 *       doing any work (a rate or quota limit, every parser or fetch slot busy). A {@code 503}
 *       without it (a proxy, a stopping node) may come after work was done, so it is not retried;
 *   <li>a streamed answer is retried only before its first event.
 * </ul>
 *
 * Within a batch ({@link #addUrls}, {@link #addFiles}) an item refused with {@code 429}/{@code 503}
 * is reported in its {@link dev.minirag.client.model.IngestItem}, not retried: send it again
 * yourself. Instances are thread-safe.
 */
public final class MiniRagClient {

  private static final String EVENT_STREAM = "text/event-stream";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI base;
  private final String apiKey;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration maxRetryWait;
  private final Duration initialBackoff;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ObjectMapper json;

  /** Waits between attempts; replaceable in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private MiniRagClient(Builder b) {
    String url =
        b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
    this.base = URI.create(url);
    this.apiKey = b.apiKey;
    this.http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.maxRetryWait = b.maxRetryWait;
    this.initialBackoff = b.initialBackoff;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  /** {@code baseUrl} is the server's address, e.g. {@code https://rag.example.com}. */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  // ---- sources: ingest

  /** {@code POST /api/v1/sources/text}: one text as a source (a duplicate answers its source). */
  public IngestResult addText(String title, String text) {
    return addText(title, text, null);
  }

  /** As {@link #addText(String, String)} with your own id kept on the source. */
  public IngestResult addText(String title, String text, String externalId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("text", text);
    body.put("externalId", externalId);
    return send(Call.write("POST", "/api/v1/sources/text", jsonBody(body)), IngestResult.class);
  }

  /** {@code POST /api/v1/sources/urls}: web pages or documents, one item per URL. */
  public IngestResult addUrls(List<String> urls) {
    return send(
        Call.write("POST", "/api/v1/sources/urls", jsonBody(Map.of("urls", urls))),
        IngestResult.class);
  }

  /** {@code POST /api/v1/sources/youtube}: a video by its English transcript. */
  public IngestResult addYoutube(String url) {
    return send(
        Call.write("POST", "/api/v1/sources/youtube", jsonBody(Map.of("url", url))),
        IngestResult.class);
  }

  /** {@code POST /api/v1/sources/files}: files from disk, one item per file. */
  public IngestResult addFiles(Path... files) {
    return addFiles(Stream.of(files).map(FileUpload::of).toList());
  }

  /** {@code POST /api/v1/sources/files}: files from disk or memory, one item per file. */
  public IngestResult addFiles(List<FileUpload> files) {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    String boundary = "minirag-" + HexFormat.of().formatHex(random);
    List<BodyPublisher> parts = new ArrayList<>();
    for (FileUpload f : files) {
      String name = f.fileName().replaceAll("[\\r\\n]", "").replace("\"", "%22");
      parts.add(
          BodyPublishers.ofString(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                  + name
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n",
              StandardCharsets.UTF_8));
      parts.add(content(f));
      parts.add(BodyPublishers.ofString("\r\n"));
    }
    parts.add(BodyPublishers.ofString("--" + boundary + "--\r\n"));
    Body body =
        new Body(
            BodyPublishers.concat(parts.toArray(BodyPublisher[]::new)),
            "multipart/form-data; boundary=" + boundary);
    return send(Call.write("POST", "/api/v1/sources/files", body), IngestResult.class);
  }

  private static BodyPublisher content(FileUpload f) {
    if (f.content() != null) {
      return BodyPublishers.ofByteArray(f.content());
    }
    try {
      return BodyPublishers.ofFile(f.path());
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- sources: read, change, delete

  /** {@code GET /api/v1/sources}: newest first. */
  public Page<Source> listSources(SourceQuery query) {
    String path =
        "/api/v1/sources"
            + query(
                "kind", query.kind(),
                "status", query.status(),
                "q", query.q(),
                "limit", query.limit(),
                "offset", query.offset());
    return send(Call.safe("GET", path, null), pageOf(Source.class));
  }

  /** {@code GET /api/v1/sources/{id}}: the source with its chunks. */
  public Source getSource(UUID id) {
    return send(Call.safe("GET", "/api/v1/sources/" + id, null), Source.class);
  }

  /** {@code DELETE /api/v1/sources/{id}}. */
  public void deleteSource(UUID id) {
    send(Call.safe("DELETE", "/api/v1/sources/" + id, null), Void.class);
  }

  /** {@code POST /api/v1/sources/{id}/refresh}: re-fetch a URL or YouTube source now. */
  public RefreshResult refreshSource(UUID id) {
    return send(
        Call.write("POST", "/api/v1/sources/" + id + "/refresh", null), RefreshResult.class);
  }

  /** {@code POST /api/v1/sources/{id}/resync}: queue a re-sync job. */
  public JobStarted resyncSource(UUID id) {
    return send(Call.write("POST", "/api/v1/sources/" + id + "/resync", null), JobStarted.class);
  }

  // ---- search and ask

  /** {@code POST /api/v1/search} with the server's defaults. */
  public SearchResult search(String query) {
    return search(SearchRequest.of(query));
  }

  /** {@code POST /api/v1/search}. */
  public SearchResult search(SearchRequest request) {
    return send(Call.safe("POST", "/api/v1/search", jsonBody(request)), SearchResult.class);
  }

  /** {@code POST /api/v1/ask} with the server's defaults. */
  public AskResult ask(String question) {
    return ask(AskRequest.of(question));
  }

  /** {@code POST /api/v1/ask}: the whole answer at once. */
  public AskResult ask(AskRequest request) {
    return send(Call.safe("POST", "/api/v1/ask", jsonBody(request)), AskResult.class);
  }

  /**
   * {@code POST /api/v1/ask} as an event stream: each event is handed to {@code listener} as it
   * arrives; returns the whole answer (the {@code done} event).
   *
   * @throws MiniRagException for an error answer, or an {@code error} event of the stream
   */
  public AskResult askStream(AskRequest request, Consumer<AskEvent> listener) {
    try (Stream<AskEvent> events = askStream(request)) {
      AskResult[] done = new AskResult[1];
      events.forEach(
          e -> {
            listener.accept(e);
            if (e instanceof AskEvent.Done d) {
              done[0] = d.result();
            } else if (e instanceof AskEvent.Error err) {
              throw new MiniRagException(200, err.error(), null);
            }
          });
      if (done[0] == null) {
        throw new MiniRagException(
            "the answer stream ended before its done event", new IOException("stream ended"));
      }
      return done[0];
    }
  }

  /**
   * {@code POST /api/v1/ask} as a lazy stream of events: {@code token}s, then {@code citations},
   * then {@code done} (or {@code error}). Close the stream (try-with-resources) to release the
   * connection.
   *
   * @throws MiniRagException when the request is refused before the stream starts
   */
  public Stream<AskEvent> askStream(AskRequest request) {
    HttpResponse<InputStream> response =
        exchange(
            Call.safe("POST", "/api/v1/ask", jsonBody(request)).accepting(EVENT_STREAM),
            HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = response.body();
    EventStreamReader reader =
        new EventStreamReader(
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
    Spliterator<AskEvent> events =
        new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
          private boolean ended;

          @Override
          public boolean tryAdvance(Consumer<? super AskEvent> action) {
            if (ended) {
              return false;
            }
            EventStreamReader.Event e;
            try {
              e = reader.next();
            } catch (UncheckedIOException io) {
              throw new MiniRagException("the answer stream broke off", io.getCause());
            }
            if (e == null) {
              ended = true;
              return false;
            }
            AskEvent event = toEvent(e);
            ended = event instanceof AskEvent.Done || event instanceof AskEvent.Error;
            action.accept(event);
            return true;
          }
        };
    return StreamSupport.stream(events, false)
        .onClose(
            () -> {
              try {
                body.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private AskEvent toEvent(EventStreamReader.Event e) {
    try {
      return switch (e.name()) {
        case "token" -> new AskEvent.Token(json.readTree(e.data()).path("text").asText());
        case "citations" ->
            new AskEvent.Citations(
                json.readValue(e.data(), new TypeReference<List<AskResult.Citation>>() {}));
        case "done" -> new AskEvent.Done(json.readValue(e.data(), AskResult.class));
        case "error" -> new AskEvent.Error(json.readValue(e.data(), ApiError.class));
        default ->
            throw new MiniRagException(
                "unknown event in the answer stream: " + e.name(), new IOException(e.name()));
      };
    } catch (IOException io) {
      throw new MiniRagException("unreadable " + e.name() + " event in the answer stream", io);
    }
  }

  // ---- jobs and usage

  /** {@code GET /api/v1/jobs}: newest first. */
  public Page<Job> listJobs(JobQuery query) {
    String path =
        "/api/v1/jobs"
            + query(
                "kind", query.kind(),
                "status", query.status(),
                "subjectId", query.subjectId(),
                "limit", query.limit(),
                "offset", query.offset());
    return send(Call.safe("GET", path, null), pageOf(Job.class));
  }

  /** {@code GET /api/v1/jobs/{id}}. */
  public Job getJob(UUID id) {
    return send(Call.safe("GET", "/api/v1/jobs/" + id, null), Job.class);
  }

  /**
   * {@code POST /api/v1/jobs/{id}/cancel}: a queued job at once, a running one at its next batch.
   */
  public Job cancelJob(UUID id) {
    return send(Call.write("POST", "/api/v1/jobs/" + id + "/cancel", null), Job.class);
  }

  /** {@code GET /api/v1/usage}: the workspace's limits and what it used of each. */
  public Usage usage() {
    return send(Call.safe("GET", "/api/v1/usage", null), Usage.class);
  }

  // ---- plumbing

  private record Body(BodyPublisher publisher, String contentType) {}

  /**
   * One API call. {@code safe}: doing it twice does no more than doing it once, so any 429/503 may
   * be retried.
   */
  private record Call(String method, String path, Body body, boolean safe, String accept) {
    static Call safe(String method, String path, Body body) {
      return new Call(method, path, body, true, "application/json");
    }

    static Call write(String method, String path, Body body) {
      return new Call(method, path, body, false, "application/json");
    }

    Call accepting(String type) {
      return new Call(method, path, body, safe, type);
    }
  }

  private Body jsonBody(Object value) {
    try {
      return new Body(
          BodyPublishers.ofByteArray(json.writeValueAsBytes(value)), "application/json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JavaType pageOf(Class<?> item) {
    return json.getTypeFactory().constructParametricType(Page.class, item);
  }

  private <T> T send(Call call, Class<T> type) {
    return send(call, json.getTypeFactory().constructType(type));
  }

  private <T> T send(Call call, JavaType type) {
    HttpResponse<byte[]> response = exchange(call, HttpResponse.BodyHandlers.ofByteArray());
    if (type.getRawClass() == Void.class || response.body().length == 0) {
      return null;
    }
    try {
      return json.readValue(response.body(), type);
    } catch (IOException e) {
      throw new MiniRagException(
          "unreadable answer from " + call.method() + " " + call.path() + ": " + e.getMessage(), e);
    }
  }

  /** Sends {@code call}, retrying as the class comment says; returns a 2xx response. */
  private <B> HttpResponse<B> exchange(Call call, BodyHandler<B> handler) {
    HttpRequest request = request(call);
    for (int attempt = 1; ; attempt++) {
      HttpResponse<B> response;
      try {
        response = http.send(request, handler);
      } catch (IOException e) {
        throw new MiniRagException(
            call.method() + " " + call.path() + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MiniRagException("interrupted: " + call.method() + " " + call.path(), e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response;
      }
      MiniRagException error = error(response);
      Duration wait = retryWait(call, error, attempt);
      if (wait == null) {
        throw error;
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw error;
      }
    }
  }

  /** How long to wait before trying {@code call} again after {@code error}, or null: do not. */
  private Duration retryWait(Call call, MiniRagException error, int attempt) {
    if (attempt >= maxAttempts || (error.status() != 429 && error.status() != 503)) {
      return null;
    }
    Duration asked = error.retryAfter().orElse(null);
    if (asked == null && !call.safe()) {
      return null;
    }
    Duration wait = asked != null ? asked : initialBackoff.multipliedBy(1L << (attempt - 1));
    return wait.compareTo(maxRetryWait) > 0 ? null : wait;
  }

  private HttpRequest request(Call call) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(base.getPath() + call.path()))
            .timeout(requestTimeout)
            .header("Accept", call.accept())
            .header("User-Agent", "mini-rag-java-client");
    if (apiKey != null) {
      b.header("X-API-Key", apiKey);
    }
    if (call.body() != null) {
      b.header("Content-Type", call.body().contentType());
      b.method(call.method(), call.body().publisher());
    } else {
      b.method(call.method(), BodyPublishers.noBody());
    }
    return b.build();
  }

  private MiniRagException error(HttpResponse<?> response) {
    byte[] bytes = bodyBytes(response);
    String headerId = response.headers().firstValue("X-Request-Id").orElse(null);
    Duration retryAfter =
        RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
    ApiError shape = null;
    try {
      JsonNode node = json.readTree(bytes);
      if (node != null && node.isObject() && node.hasNonNull("message")) {
        shape = json.treeToValue(node, ApiError.class);
      }
    } catch (IOException e) {
      // not our error shape (a proxy's page, say): described below from the status
    }
    if (shape == null) {
      String text = new String(bytes, StandardCharsets.UTF_8).strip();
      shape =
          new ApiError(
              response.statusCode(),
              "HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + abbreviate(text)),
              null,
              headerId);
    } else if (shape.code() == 0 || (shape.requestId() == null && headerId != null)) {
      shape =
          new ApiError(
              shape.code() == 0 ? response.statusCode() : shape.code(),
              shape.message(),
              shape.details(),
              shape.requestId() == null ? headerId : shape.requestId());
    }
    return new MiniRagException(response.statusCode(), shape, retryAfter);
  }

  private static byte[] bodyBytes(HttpResponse<?> response) {
    Object body = response.body();
    if (body instanceof byte[] b) {
      return b;
    }
    if (body instanceof InputStream in) {
      try (in) {
        return in.readNBytes(1 << 20);
      } catch (IOException e) {
        return new byte[0];
      }
    }
    return new byte[0];
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private static String query(Object... pairs) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        continue;
      }
      q.append(q.length() == 0 ? '?' : '&')
          .append(pairs[i])
          .append('=')
          .append(
              URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8)
                  .replace("+", "%20"));
    }
    return q.toString();
  }

  /** Settings of a {@link MiniRagClient}; every one has a default but the base URL. */
  public static final class Builder {
    private final String baseUrl;
    private String apiKey;
    private HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(120);
    private int maxAttempts = 3;
    private Duration maxRetryWait = Duration.ofSeconds(30);
    private Duration initialBackoff = Duration.ofMillis(500);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    private Builder(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** An API key ({@code mrk_…}), sent as {@code X-API-Key}; it picks the workspace. */
    public Builder apiKey(String value) {
      this.apiKey = value;
      return this;
    }

    /** Your own {@link HttpClient} (proxy, TLS, executor); the connect timeout is then yours. */
    public Builder httpClient(HttpClient value) {
      this.httpClient = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /** How long one attempt may take until the response headers arrive (default 120 s). */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    /** Attempts per call, the first included (default 3; 1 turns retrying off). */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * The longest wait before a retry (default 30 s): an answer asking for longer fails at once,
     * with {@link MiniRagException#retryAfter()} saying how long.
     */
    public Builder maxRetryWait(Duration value) {
      this.maxRetryWait = value;
      return this;
    }

    /**
     * The first wait when a read is refused without {@code Retry-After} (default 0.5 s, doubled).
     */
    public Builder initialBackoff(Duration value) {
      this.initialBackoff = value;
      return this;
    }

    Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    public MiniRagClient build() {
      return new MiniRagClient(this);
    }
  }
}
