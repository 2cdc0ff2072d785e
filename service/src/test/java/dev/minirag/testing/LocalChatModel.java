package dev.minirag.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local server speaking the OpenAI chat-completions protocol (streamed server-sent events), which
 * answers with a scripted reply split into tokens and records the prompts it was sent.
 */
public class LocalChatModel implements BeforeAllCallback, AfterAllCallback {
  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile List<String> tokens = List.of("No answer.");
  private volatile long pauseMillis;

  public LocalChatModel() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public void reply(String... pieces) {
    tokens = List.of(pieces);
  }

  /** Waits this long before each token, like a slow or stuck model. */
  public void pauseBetweenTokens(long millis) {
    pauseMillis = millis;
  }

  public List<String> requests() {
    return requests;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          try (exchange) {
            requests.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
              for (String t : tokens) {
                if (pauseMillis > 0) {
                  try {
                    Thread.sleep(pauseMillis);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
                String json =
                    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                        + t.replace("\"", "\\\"")
                        + "\"}}]}";
                out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
              }
              out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
          }
        });
    server.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop(0);
  }
}
