package dev.minirag.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.ApiException;
import dev.minirag.logging.TraceContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any OpenAI-compatible chat-completions endpoint, streamed. The prompt numbers the passages and
 * asks for [n] citations; every number in the answer is checked against what was retrieved, and
 * numbers that point nowhere are reported as rejected rather than shown as sources.
 */
public class ChatAnswerer implements Answerer {
  private static final Pattern CITATION = Pattern.compile("\\[(\\d+(?:\\s*,\\s*\\d+)*)]");
  static final String SYSTEM_PROMPT =
      "You answer questions using only the numbered passages provided. Cite every statement with"
          + " the passage number in square brackets, like [1] or [2][3]. If the passages do not"
          + " contain the answer, say that you could not find it in the documents. Do not use"
          + " outside knowledge.";

  private final HttpClient http;
  private final ObjectMapper json;
  private final URI endpoint;
  private final String model;
  private final String apiKey;
  private final Duration timeout;

  /** Closes a model's stream when its answer's total deadline passes, unblocking the reader. */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chat-deadline");
            t.setDaemon(true);
            return t;
          });

  /**
   * An answer longer than this is cut: a model that never stops cannot grow a response without
   * bound.
   */
  static final int MAX_ANSWER_CHARS = 32_000;

  public ChatAnswerer(
      ObjectMapper json, String baseUrl, String model, String apiKey, Duration timeout) {
    this.json = json;
    this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
    this.model = model;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public String name() {
    return "llm:" + model;
  }

  @Override
  public Answer answer(String question, List<Passage> passages, Consumer<String> tokens) {
    if (passages.isEmpty()) {
      tokens.accept(ExtractiveAnswerer.NO_ANSWER);
      return new Answer(ExtractiveAnswerer.NO_ANSWER, List.of(), List.of(), true);
    }
    String text = complete(question, passages, tokens);
    Map<Integer, Citation> cited = new LinkedHashMap<>();
    Set<Integer> rejected = new LinkedHashSet<>();
    Matcher m = CITATION.matcher(text);
    while (m.find()) {
      for (String num : m.group(1).split("\\s*,\\s*")) {
        int n = Integer.parseInt(num);
        if (n >= 1 && n <= passages.size()) {
          Passage p = passages.get(n - 1);
          cited.putIfAbsent(n, Citation.of(p, snippet(p.text()), null, null));
        } else {
          rejected.add(n);
        }
      }
    }
    // An answer that cites no retrieved passage is not grounded in them: the model either said it
    // found nothing or answered from elsewhere; either way it is reported as not found.
    return new Answer(text, List.copyOf(cited.values()), List.copyOf(rejected), cited.isEmpty());
  }

  private String complete(String question, List<Passage> passages, Consumer<String> tokens) {
    StringBuilder context = new StringBuilder();
    for (Passage p : passages) {
      context
          .append('[')
          .append(p.n())
          .append("] ")
          .append(p.title())
          .append("\n")
          .append(p.text())
          .append("\n\n");
    }
    Map<String, Object> body =
        Map.of(
            "model",
            model,
            "stream",
            true,
            "temperature",
            0,
            "messages",
            List.of(
                Map.of("role", "system", "content", SYSTEM_PROMPT),
                Map.of(
                    "role",
                    "user",
                    "content",
                    "Passages:\n\n" + context + "Question: " + question)));
    HttpRequest.Builder req =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream");
    if (apiKey != null && !apiKey.isBlank()) {
      req.header("Authorization", "Bearer " + apiKey);
    }
    TraceContext.addTo(req::header);
    // The request timeout covers only the wait for response headers; a model that then streams
    // slowly is stopped by closing its stream when the whole answer's deadline passes.
    long deadline = System.nanoTime() + timeout.toNanos();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> watchdog = null;
    try {
      req.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      HttpResponse<java.io.InputStream> res =
          http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (res.statusCode() != 200) {
        res.body().close();
        throw new ApiException(502, "The language model answered HTTP " + res.statusCode());
      }
      watchdog =
          DEADLINES.schedule(
              () -> {
                expired.set(true);
                closeQuietly(res.body());
              },
              Math.max(0, deadline - System.nanoTime()),
              TimeUnit.NANOSECONDS);
      return readStream(res, tokens);
    } catch (java.net.http.HttpTimeoutException e) {
      throw deadline();
    } catch (IOException e) {
      if (expired.get()) {
        throw deadline();
      }
      throw new ApiException(502, "The language model could not be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "Interrupted while waiting for the language model");
    } finally {
      if (watchdog != null) {
        watchdog.cancel(false);
      }
    }
  }

  private ApiException deadline() {
    return ApiException.forCaller(
        504,
        "The language model did not finish its answer within " + timeout.toSeconds() + " s",
        null);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the reader sees the closed stream; nothing else to do
    }
  }

  private String readStream(HttpResponse<java.io.InputStream> res, Consumer<String> tokens)
      throws IOException {
    StringBuilder text = new StringBuilder();
    boolean sse =
        res.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      if (!sse) {
        // Servers that ignore "stream": one JSON completion.
        JsonNode node = json.readTree(in);
        String content = node.at("/choices/0/message/content").asText("");
        tokens.accept(content);
        return content;
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
          break;
        }
        String piece = json.readTree(data).at("/choices/0/delta/content").asText("");
        if (!piece.isEmpty()) {
          text.append(piece);
          tokens.accept(piece);
        }
        if (text.length() >= MAX_ANSWER_CHARS) {
          break;
        }
      }
    }
    return text.toString();
  }

  private static String snippet(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300).replaceAll("\\s+\\S*$", "") + "…";
  }
}
