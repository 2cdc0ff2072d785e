package dev.minirag.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.media.multipart.file.StreamDataBodyPart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounded work per request over HTTP: bodies over their caps get 413 in the one error shape without
 * being read whole, too many files get 413, and a full fetch pool gets 503 with Retry-After, on the
 * batch endpoint (per item) and on a single-item endpoint (as the response). Nothing is stored.
 */
class RequestBoundsIT {

  private static final int MAX_JSON = 16 * 1024;
  private static final int MAX_REQUEST = 64 * 1024;

  /** A site that holds each request until released, to keep the only fetch slot busy. */
  private static final HttpServer SLOW_SITE = slowSite();

  private static CountDownLatch arrived = new CountDownLatch(1);
  private static CountDownLatch release = new CountDownLatch(1);

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "ingest.maxJsonBody",
              MAX_JSON + "B",
              "ingest.maxRequestSize",
              MAX_REQUEST + "B",
              "ingest.maxFilesPerRequest",
              "3",
              "ingest.fetchMaxConcurrent",
              "1",
              "ingest.fetchAllowList",
              "127.0.0.1/32",
              "ingest.youtubeTranscriptUrl",
              slowUrl("/api/timedtext")));

  private static final Http http = new Http(APP);
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void signIn() {
    http.as(TestCallers.owner(APP, DB).headers());
  }

  @AfterAll
  static void stopSite() {
    release.countDown();
    SLOW_SITE.stop(0);
  }

  @Test
  void jsonOverTheCapIsRefusedWith413() {
    Response r =
        http.send(
            "POST",
            "/api/v1/sources/text",
            Entity.json(Map.of("title", "big", "text", "x".repeat(MAX_JSON))),
            Map.of());

    assertErrorShape(r.getStatus(), r.readEntity(JsonNode.class), 413, "JSON body");
    assertNothingStored();
  }

  @Test
  void jsonUnderTheCapIsAccepted() {
    Response r =
        http.send(
            "POST",
            "/api/v1/sources/text",
            Entity.json(Map.of("title", "small", "text", "A short note about lighthouses.")),
            Map.of());

    assertThat(r.getStatus()).as(r.readEntity(String.class)).isEqualTo(201);
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedBeforeTheBodyIsSent() throws Exception {
    // Content-Length says 1 GB and no byte of it is sent: only an up-front check can answer.
    String head =
        "POST /api/v1/sources/text HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000000000\r\n"
            + authHeaders()
            + "\r\n";
    Raw answer = raw(head.getBytes(StandardCharsets.US_ASCII));

    assertErrorShape(answer.status, answer.json(), 413, "JSON body");
  }

  @Test
  void aChunkedBodyIsRefusedOnceItPassesTheCap() throws Exception {
    // Twice the cap in chunks and no final chunk: the answer must come while the body is still
    // open.
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        ("POST /api/v1/sources/text HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + authHeaders()
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    byte[] chunk =
        ("{\"title\":\"t\",\"text\":\"" + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
    for (int sent = 0; sent < 2 * MAX_JSON; sent += chunk.length) {
      request.writeBytes(
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(chunk);
      request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      chunk = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    }
    Raw answer = raw(request.toByteArray());

    assertErrorShape(answer.status, answer.json(), 413, "JSON body");
    assertNothingStored();
  }

  @Test
  void moreFilesThanAllowedAreRefusedWith413() {
    Response r =
        upload(
            Map.of(
                "a.txt", bytes("alpha notes"),
                "b.txt", bytes("beta notes"),
                "c.txt", bytes("gamma notes"),
                "d.txt", bytes("delta notes")));

    assertErrorShape(r.getStatus(), r.readEntity(JsonNode.class), 413, "at most 3");
    assertNothingStored();
  }

  @Test
  void anUploadOverTheRequestCapIsRefusedWith413() {
    Response r =
        upload(
            Map.of(
                "a.txt",
                bytes("a ".repeat(MAX_REQUEST / 3)),
                "b.txt",
                bytes("b ".repeat(MAX_REQUEST / 3))));

    assertErrorShape(r.getStatus(), r.readEntity(JsonNode.class), 413, "request body");
    assertNothingStored();
  }

  @Test
  void aFullFetchPoolAnswers503WithRetryAfter() throws Exception {
    arrived = new CountDownLatch(1);
    release = new CountDownLatch(1);
    // Its own client: this request lasts as long as the site stalls, plus a first embedding.
    java.net.http.HttpRequest.Builder first =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.url("/api/v1/sources/urls")))
            .timeout(java.time.Duration.ofSeconds(90))
            .header("Content-Type", "application/json")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(
                        Map.of("urls", java.util.List.of(slowUrl("/slow.txt"))))));
    http.defaults().forEach(first::header);
    CompletableFuture<java.net.http.HttpResponse<String>> holder =
        java.net.http.HttpClient.newHttpClient()
            .sendAsync(first.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    try {
      assertThat(arrived.await(20, TimeUnit.SECONDS))
          .as("the first fetch reached the site")
          .isTrue();

      // A single-item endpoint answers the refusal itself, header included.
      Response single =
          http.send(
              "POST",
              "/api/v1/sources/youtube",
              Entity.json(Map.of("url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")),
              Map.of());
      assertErrorShape(single.getStatus(), single.readEntity(JsonNode.class), 503, "try again");
      assertThat(single.getHeaderString("Retry-After")).isEqualTo("5");

      // A batch answers 200 and says per item.
      Response batch =
          http.send(
              "POST",
              "/api/v1/sources/urls",
              Entity.json(Map.of("urls", java.util.List.of(slowUrl("/other.txt")))),
              Map.of());
      JsonNode item = batch.readEntity(JsonNode.class).at("/items/0");
      assertThat(batch.getStatus()).isEqualTo(200);
      assertThat(item.get("status").asText()).isEqualTo("failed");
      assertThat(item.get("code").asInt()).isEqualTo(503);
      assertThat(item.has("headers")).isFalse();
    } finally {
      release.countDown();
    }
    // The slot is given back when the held fetch ends: it completes and its page is stored.
    String firstBody = holder.get(90, TimeUnit.SECONDS).body();
    assertThat(JSON.readTree(firstBody).at("/items/0/status").asText())
        .as(firstBody)
        .isEqualTo("accepted");
  }

  private static void assertErrorShape(int status, JsonNode body, int expected, String says) {
    assertThat(status).as(body.toString()).isEqualTo(expected);
    assertThat(body.get("code").asInt()).isEqualTo(expected);
    assertThat(body.get("message").asText()).containsIgnoringCase(says);
    assertThat(body.get("requestId").textValue()).isNotBlank();
  }

  private static void assertNothingStored() {
    JsonNode page = http.get("/api/v1/sources?q=notes").readEntity(JsonNode.class);
    assertThat(page.get("total").asLong()).as(page.toString()).isZero();
    JsonNode big = http.get("/api/v1/sources?q=big").readEntity(JsonNode.class);
    assertThat(big.get("total").asLong()).as(big.toString()).isZero();
  }

  private static Response upload(Map<String, byte[]> files) {
    FormDataMultiPart form = new FormDataMultiPart();
    files.forEach(
        (name, content) ->
            form.bodyPart(
                new StreamDataBodyPart(
                    "files", new ByteArrayInputStream(content), name, MediaType.TEXT_PLAIN_TYPE)));
    var req =
        APP.client()
            .register(MultiPartFeature.class)
            .target(http.url("/api/v1/sources/files"))
            .request();
    http.defaults().forEach(req::header);
    Response r = req.post(Entity.entity(form, form.getMediaType()));
    r.bufferEntity();
    return r;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String authHeaders() {
    StringBuilder out = new StringBuilder();
    http.defaults().forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
    return out.toString();
  }

  private record Raw(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  /** Writes {@code request} as is, then reads the answer without closing the request body. */
  private static Raw raw(byte[] request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readUntil(in, "\r\n\r\n");
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      String body;
      int length = contentLength(head);
      if (length >= 0) {
        body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      } else {
        body = dechunk(in);
      }
      return new Raw(status, body);
    }
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).strip());
      }
    }
    return -1;
  }

  private static String dechunk(InputStream in) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int size = Integer.parseInt(readUntil(in, "\r\n").strip().split(";")[0], 16);
      if (size == 0) {
        return body.toString(StandardCharsets.UTF_8);
      }
      body.writeBytes(in.readNBytes(size));
      readUntil(in, "\r\n");
    }
  }

  private static String readUntil(InputStream in, String end) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("connection closed after: " + out);
      }
      out.write(b);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static HttpServer slowSite() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.createContext(
          "/",
          exchange -> {
            arrived.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            byte[] body =
                "Notes fetched slowly from a patient site.".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String slowUrl(String path) {
    return "http://127.0.0.1:" + SLOW_SITE.getAddress().getPort() + path;
  }
}
