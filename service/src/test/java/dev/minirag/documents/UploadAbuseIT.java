package dev.minirag.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile uploads ({@link AbusiveFiles}) posted through the real upload endpoint of the packaged
 * jar running with a 256 MB heap that exits on the first OutOfMemoryError. Each must be refused
 * with a 4xx in the error shape, with the reason named, or ingested within the limits (chunks at
 * most {@code INGEST_MAX_CHUNKS_PER_SOURCE}, text at most {@code INGEST_MAX_EXTRACTED_CHARS});
 * after each the node must still answer its health check. The node runs no job worker, so a large
 * accepted document waits as a queued embed job rather than competing with the next upload for the
 * CPU.
 */
class UploadAbuseIT {
  static final String SECRET = TestApp.randomSecret();

  /** Set below its default so the test also shows the variable is read. */
  static final int MAX_CHUNKS = 5_000;

  static final int MAX_CHARS = 2_000_000;

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper json = new ObjectMapper();
  static JarNode node;
  static Jdbi jdbi;
  static String key;

  /**
   * What each case must answer: a refusal with its status and a phrase of its message, or {@code
   * accepted}. A case left out of this map fails the test, so a new abusive file must say what it
   * expects.
   */
  static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

  record Expected(int code, String phrase) {
    static Expected accepted() {
      return new Expected(0, null);
    }
  }

  static {
    EXPECTED.put("docx zip bomb", new Expected(413, "zip bomb"));
    EXPECTED.put("xlsx zip bomb", new Expected(413, "zip bomb"));
    EXPECTED.put("epub zip bomb", new Expected(413, "zip bomb"));
    EXPECTED.put("zip of 100k entries", new Expected(413, "more than 10000 files"));
    EXPECTED.put("PK00 + zip of 100k entries", new Expected(422, "not a readable zip container"));
    EXPECTED.put("PK00 + docx zip bomb", new Expected(413, "zip bomb"));
    EXPECTED.put("billion laughs in docx", new Expected(422, "DTD or entities"));
    EXPECTED.put("billion laughs in epub", new Expected(422, "DTD or entities"));
    EXPECTED.put("billion laughs .xml", new Expected(415, "Unsupported file type"));
    EXPECTED.put("billion laughs .html", new Expected(415, "Unsupported file type"));
    EXPECTED.put("XXE in docx", new Expected(422, "DTD or entities"));
    EXPECTED.put("pdf claiming 100k pages", Expected.accepted());
    EXPECTED.put("pdf of 6k one-word pages", new Expected(413, "more than 5000 chunks"));
    EXPECTED.put("pdf of one page 8k times", new Expected(413, "more than 5000 chunks"));
    EXPECTED.put("pdf page tree cycle", Expected.accepted());
    EXPECTED.put("xlsx of 1M shared strings", Expected.accepted());
    EXPECTED.put("0-byte file", new Expected(422, "empty"));
    EXPECTED.put(".pdf that is HTML", Expected.accepted());
    EXPECTED.put("polyglot pdf + zip", new Expected(422, "could not be read"));
    EXPECTED.put("2 MB single element html", Expected.accepted());
    EXPECTED.put("html of 20k headings", new Expected(413, "more than 5000 chunks"));
    EXPECTED.put("vtt of 100k cues", Expected.accepted());
  }

  @BeforeAll
  static void start() throws Exception {
    node =
        JarNode.start(
            "abuse",
            DB,
            SECRET,
            work,
            Map.of(
                "INGEST_WORKERS",
                "0",
                "INGEST_EXTRACT_THREADS",
                "1",
                "INGEST_MAX_CHUNKS_PER_SOURCE",
                Integer.toString(MAX_CHUNKS)),
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
    node.awaitHealthy(180);
    jdbi = Jdbi.create(DB.dataSource());
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    User owner = f.signIn("abuse@example.test");
    key = f.key(owner.defaultWorkspaceId(), "abuse", List.of("read", "write"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void everyAbusiveUploadIsRefusedOrIngestedWithinTheLimitsAndTheNodeSurvives() throws Exception {
    List<String> table = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (AbusiveFiles.Upload upload : AbusiveFiles.all()) {
      Expected expected = EXPECTED.get(upload.label());
      assertThat(expected).as("expected outcome for " + upload.label()).isNotNull();
      long started = System.nanoTime();
      HttpResponse<String> r = post(upload);
      long millis = (System.nanoTime() - started) / 1_000_000;
      String outcome = outcomeOf(upload, expected, r, wrong);
      table.add(
          String.format(
              "%-26s %9d B  HTTP %d  %-60s %6d ms",
              upload.label(), upload.bytes().length, r.statusCode(), outcome, millis));
      assertThat(node.alive()).as(upload.label() + " killed the node:\n" + node.log()).isTrue();
      assertThat(health()).as("health after " + upload.label()).isEqualTo(200);
    }
    System.out.println("Upload abuse (file, bytes, HTTP status, outcome, time):");
    table.forEach(line -> System.out.println("  " + line));
    assertThat(node.log()).doesNotContain("OutOfMemoryError");
    assertThat(wrong).as("cases answered other than expected").isEmpty();
  }

  /** Checks one answer; returns a short description for the table, adds mismatches to wrong. */
  private static String outcomeOf(
      AbusiveFiles.Upload upload, Expected expected, HttpResponse<String> r, List<String> wrong)
      throws Exception {
    JsonNode body = json.readTree(r.body());
    if (r.statusCode() != 200) {
      // A refusal of the whole request: still the one error shape, and a 4xx.
      assertThat(r.statusCode()).as(upload.label() + ": " + r.body()).isBetween(400, 499);
      assertThat(body.path("code").asInt()).isEqualTo(r.statusCode());
      assertThat(body.path("message").asText()).isNotBlank();
      wrong.add(upload.label() + " refused as a request: " + r.body());
      return "request refused: " + body.path("message").asText();
    }
    JsonNode item = body.at("/items/0");
    String status = item.path("status").asText();
    if (status.equals("failed")) {
      int code = item.path("code").asInt();
      String error = item.path("error").asText();
      assertThat(code).as(upload.label() + ": " + item).isBetween(400, 499);
      assertThat(error).as(upload.label()).isNotBlank();
      if (code != expected.code() || !error.contains(expected.phrase())) {
        wrong.add(upload.label() + " answered " + item);
      }
      return code + " " + abbreviate(error);
    }
    assertThat(status).as(upload.label() + ": " + item).isEqualTo("accepted");
    UUID sourceId = UUID.fromString(item.path("sourceId").asText());
    Map<String, Object> stored =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT s.chunk_count, d.char_count FROM sources s
                        JOIN source_documents d ON d.source_id = s.id WHERE s.id = :id
                        """)
                    .bind("id", sourceId)
                    .mapToMap()
                    .one());
    int chunks = ((Number) stored.get("chunk_count")).intValue();
    int chars = ((Number) stored.get("char_count")).intValue();
    assertThat(chunks).as(upload.label() + " chunks").isBetween(1, MAX_CHUNKS);
    assertThat(chars).as(upload.label() + " characters").isBetween(1, MAX_CHARS);
    if (expected.code() != 0) {
      wrong.add(upload.label() + " was accepted: " + item);
    }
    return "accepted ("
        + item.path("sourceStatus").asText()
        + "), "
        + chunks
        + " chunks, "
        + chars
        + " chars";
  }

  private static String abbreviate(String s) {
    return s.length() <= 55 ? s : s.substring(0, 52) + "...";
  }

  private static HttpResponse<String> post(AbusiveFiles.Upload upload) throws Exception {
    String boundary = "abuse-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                + upload.fileName()
                + "\"\r\nContent-Type: "
                + upload.contentType()
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(upload.bytes());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url("/api/v1/sources/files")))
            .timeout(Duration.ofSeconds(90))
            .header("X-API-Key", key)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int health() throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(node.url("/api/v1/health")))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
