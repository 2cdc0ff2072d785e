package dev.minirag.documents.fetch;

import static dev.minirag.documents.fetch.LocalServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minirag.documents.IngestConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranscriptFetcherTest {

  private static final FetchConfig SHORT =
      new IngestConfig()
          .fetch()
          .withAllowList(List.of("127.0.0.1"))
          .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

  private static final String VTT =
      "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nNever gonna give you up\n";

  private final LocalServer server = new LocalServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fetchesTheVttFromTheTimedTextEndpoint() {
    server.on(
        "/api/timedtext",
        ex -> {
          String query = ex.getRequestURI().getQuery();
          if (query.contains("v=dQw4w9WgXcQ")
              && query.contains("lang=en")
              && query.contains("fmt=vtt")) {
            send(ex, 200, "text/vtt; charset=utf-8", VTT);
          } else {
            send(ex, 200, "text/vtt", "");
          }
        });
    TranscriptFetcher fetcher = new TranscriptFetcher(SHORT, server.uri("/api/timedtext"));

    FetchedResource r = fetcher.fetch("dQw4w9WgXcQ", "en");

    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(VTT);
    assertThat(r.contentType()).startsWith("text/vtt");
  }

  @Test
  void anEmptyAnswerMeansNoTranscript() {
    server.on("/api/timedtext", ex -> send(ex, 200, "text/html", ""));
    TranscriptFetcher fetcher = new TranscriptFetcher(SHORT, server.uri("/api/timedtext"));

    FetchException e =
        catchThrowableOfType(FetchException.class, () -> fetcher.fetch("dQw4w9WgXcQ", "de"));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.getMessage())
        .contains("no transcript")
        .contains("\"de\"")
        .contains("upload the transcript as a .vtt file instead");
  }

  @Test
  void anUnreachableYouTubeSaysToUploadAVtt() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<URI> unreachable =
        List.of(
            URI.create("http://127.0.0.1:" + closedPort + "/api/timedtext"),
            URI.create("https://www.youtube.invalid/api/timedtext"));

    for (URI base : unreachable) {
      TranscriptFetcher fetcher = new TranscriptFetcher(SHORT, base);

      FetchException e =
          catchThrowableOfType(FetchException.class, () -> fetcher.fetch("dQw4w9WgXcQ", "en"));

      assertThat(e.status()).as(base.toString()).isEqualTo(502);
      assertThat(e.getMessage())
          .isEqualTo(
              "YouTube could not be reached from this server; "
                  + "upload the transcript as a .vtt file instead.");
    }
  }

  @Test
  void refusesMalformedIdsWithoutAnyRequest() {
    TranscriptFetcher fetcher = new TranscriptFetcher(SHORT, server.uri("/api/timedtext"));

    FetchException e =
        catchThrowableOfType(FetchException.class, () -> fetcher.fetch("../../admin", "en"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(server.requests()).isZero();
  }
}
