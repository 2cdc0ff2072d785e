package dev.minirag.documents;

import static dev.minirag.testing.JsonValues.longAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Fixtures;
import dev.minirag.testing.Http;
import dev.minirag.testing.LocalSite;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.media.multipart.file.StreamDataBodyPart;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingestion endpoints end to end: real extraction, chunking, embedding, Postgres and Lucene. */
class SourcesIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @RegisterExtension static final LocalSite SITE = new LocalSite();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "ingest.fetchAllowList",
              "127.0.0.1/32",
              "ingest.youtubeTranscriptUrl",
              SITE.url("/api/timedtext")));

  private static final Http http = new Http(APP);

  @org.junit.jupiter.api.BeforeAll
  static void signIn() {
    http.as(TestCallers.owner(APP, DB).headers());
  }

  private JsonNode post(String path, Object body, int expectedStatus) {
    Response r = http.send("POST", path, Entity.json(body), Map.of());
    JsonNode json = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(json.toString()).isEqualTo(expectedStatus);
    return json;
  }

  private JsonNode get(String path) {
    Response r = http.get(path);
    JsonNode json = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(json.toString()).isEqualTo(200);
    return json;
  }

  private JsonNode upload(Map<String, byte[]> files) {
    FormDataMultiPart form = new FormDataMultiPart();
    files.forEach(
        (name, bytes) ->
            form.bodyPart(
                new StreamDataBodyPart(
                    "files",
                    new java.io.ByteArrayInputStream(bytes),
                    name,
                    MediaType.APPLICATION_OCTET_STREAM_TYPE)));
    var req =
        APP.client()
            .register(MultiPartFeature.class)
            .target(http.url("/api/v1/sources/files"))
            .request();
    http.defaults().forEach(req::header);
    Response r = req.post(Entity.entity(form, form.getMediaType()));
    r.bufferEntity();
    JsonNode json = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(json.toString()).isEqualTo(200);
    return json;
  }

  private static Map<String, Object> search(String query) {
    return Map.of("query", query, "k", 5);
  }

  @Test
  void textIsStoredChunkedEmbeddedAndDeduplicated() {
    JsonNode created =
        post(
            "/api/v1/sources/text",
            Map.of(
                "title",
                "Lighthouse notes",
                "text",
                "The lighthouse keeper polished the Fresnel lens every morning. Ships relied on the beam."),
            201);
    JsonNode item = created.at("/items/0");
    assertThat(item.get("status").asText()).isEqualTo("accepted");
    assertThat(item.get("sourceStatus").asText()).isEqualTo("ready");
    String id = item.get("sourceId").asText();

    JsonNode source = get("/api/v1/sources/" + id);
    assertThat(source.get("title").asText()).isEqualTo("Lighthouse notes");
    assertThat(source.get("kind").asText()).isEqualTo("text");
    assertThat(source.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(source.get("chunks")).hasSize(1);
    assertThat(source.at("/chunks/0/embedded").asBoolean()).isTrue();
    assertThat(longAt(source, "/chunks/0/metadata/charStart")).isZero();

    JsonNode again =
        post(
            "/api/v1/sources/text",
            Map.of(
                "title",
                "Another title, same words",
                "text",
                "The lighthouse keeper polished the Fresnel lens every morning. Ships relied on the beam."),
            200);
    assertThat(again.at("/items/0/status").asText()).isEqualTo("duplicate");
    assertThat(again.at("/items/0/sourceId").asText()).isEqualTo(id);
  }

  @Test
  void filesAnswerPerItemAndOneBadFileLosesNothing() {
    byte[] random = new byte[4096];
    new java.util.Random(7).nextBytes(random);
    JsonNode result =
        upload(
            new java.util.LinkedHashMap<>(
                Map.of(
                    "report.pdf",
                        Fixtures.pdf(
                            "Page one talks about glaciers melting.",
                            "Page two covers sea level rise."),
                    "talk.vtt",
                        Fixtures.vtt(
                                "Welcome to the volcano lecture.", "Magma chambers feed eruptions.")
                            .getBytes(StandardCharsets.UTF_8),
                    "memo.docx",
                        Fixtures.docx(
                            "The quarterly budget for orchards grew.", "Apple harvest doubled."),
                    "noise.bin", random)));
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    result.get("items").forEach(i -> byName.put(i.get("input").asText(), i));
    assertThat(byName).hasSize(4);
    assertThat(byName.get("report.pdf").get("status").asText()).isEqualTo("accepted");
    assertThat(byName.get("talk.vtt").get("status").asText()).isEqualTo("accepted");
    assertThat(byName.get("memo.docx").get("status").asText()).isEqualTo("accepted");
    assertThat(byName.get("noise.bin").get("status").asText()).isEqualTo("failed");
    assertThat(byName.get("noise.bin").get("code").asInt()).isBetween(400, 499);

    JsonNode pdf = get("/api/v1/sources/" + byName.get("report.pdf").get("sourceId").asText());
    assertThat(pdf.get("mimeType").asText()).isEqualTo("application/pdf");
    List<Integer> pages = new java.util.ArrayList<>();
    pdf.get("chunks").forEach(c -> pages.add(c.at("/metadata/page").asInt()));
    assertThat(pages).contains(1, 2);

    JsonNode vtt = get("/api/v1/sources/" + byName.get("talk.vtt").get("sourceId").asText());
    assertThat(vtt.at("/chunks/0/metadata/startSeconds").isNumber()).isTrue();
    assertThat(vtt.at("/chunks/0/text").asText()).contains("volcano");
  }

  @Test
  void urlsAreFetchedRefreshedAndGuarded() {
    SITE.put(
        "/guide.html",
        "text/html",
        "<html><head><title>Beekeeping guide</title></head><body><nav>Home | About</nav>"
            + "<main><h1>Hives</h1><p>Queen bees lay up to two thousand eggs a day in spring.</p></main></body></html>");
    JsonNode result =
        post(
            "/api/v1/sources/urls",
            Map.of(
                "urls",
                List.of(
                    SITE.url("/guide.html"),
                    "http://169.254.169.254/latest/meta-data/",
                    "http://10.0.0.1/",
                    "http://[::1]/",
                    "ftp://example.com/file",
                    SITE.url("/missing.html"))),
            200);
    JsonNode items = result.get("items");
    assertThat(items).hasSize(6);
    assertThat(items.get(0).get("status").asText()).isEqualTo("accepted");
    for (int i = 1; i < 6; i++) {
      assertThat(items.get(i).get("status").asText())
          .as(items.get(i).toString())
          .isEqualTo("failed");
      assertThat(items.get(i).get("error").textValue()).isNotBlank();
    }
    String id = items.get(0).get("sourceId").asText();
    JsonNode source = get("/api/v1/sources/" + id);
    assertThat(source.get("title").asText()).isEqualTo("Beekeeping guide");
    assertThat(source.get("uri").asText()).isEqualTo(SITE.url("/guide.html"));
    assertThat(source.at("/chunks/0/text").asText()).contains("Queen bees").doesNotContain("About");

    JsonNode unchanged = post("/api/v1/sources/" + id + "/refresh", Map.of(), 200);
    assertThat(unchanged.get("outcome").asText()).isEqualTo("unchanged");

    SITE.put(
        "/guide.html",
        "text/html",
        "<html><head><title>Beekeeping guide</title></head><body>"
            + "<main><h1>Hives</h1><p>Drones do not sting; worker bees forage for nectar.</p></main></body></html>");
    JsonNode updated = post("/api/v1/sources/" + id + "/refresh", Map.of(), 200);
    assertThat(updated.get("outcome").asText()).isEqualTo("updated");
    JsonNode after = get("/api/v1/sources/" + id);
    assertThat(after.at("/chunks/0/text").asText()).contains("Drones").doesNotContain("Queen");
    // "bees" still finds the page, now with its new text only.
    assertThat(post("/api/v1/search", search("queen bees eggs"), 200).get("hits").toString())
        .contains(id)
        .doesNotContain("Queen bees lay");
    assertThat(post("/api/v1/search", search("drones sting"), 200).at("/hits/0/sourceId").asText())
        .isEqualTo(id);
  }

  @Test
  void youtubeTranscriptsKeepTimestampsAndFailClearly() {
    SITE.put(
        "/api/timedtext",
        "text/vtt",
        Fixtures.vtt("Today we bake sourdough bread.", "Feed the starter twice daily."));
    JsonNode ok =
        post("/api/v1/sources/youtube", Map.of("url", "https://youtu.be/dQw4w9WgXcQ"), 201);
    String id = ok.at("/items/0/sourceId").asText();
    JsonNode source = get("/api/v1/sources/" + id);
    assertThat(source.get("kind").asText()).isEqualTo("youtube");
    assertThat(source.get("externalId").asText()).isEqualTo("dQw4w9WgXcQ");
    assertThat(source.at("/chunks/0/metadata/endSeconds").isNumber()).isTrue();

    JsonNode bad =
        post("/api/v1/sources/youtube", Map.of("url", "https://example.com/watch?v=abc"), 422);
    assertThat(bad.get("message").asText()).containsIgnoringCase("youtube");
  }

  @Test
  void deleteRemovesTheSourceFromBothIndexes() {
    String id =
        post(
                "/api/v1/sources/text",
                Map.of(
                    "title",
                    "Comet facts",
                    "text",
                    "Halley's comet returns roughly every seventy-six years."),
                201)
            .at("/items/0/sourceId")
            .asText();
    assertThat(
            post("/api/v1/search", search("Halley comet returns"), 200)
                .at("/hits/0/sourceId")
                .asText())
        .isEqualTo(id);
    // Each mode finds it first, so that each finding nothing after the delete means something.
    for (String mode : List.of("bm25", "dense", "hybrid")) {
      assertThat(
              post(
                      "/api/v1/search",
                      Map.of("query", "Halley comet returns", "k", 5, "mode", mode),
                      200)
                  .get("hits")
                  .toString())
          .as(mode)
          .contains(id);
    }

    Response deleted = http.send("DELETE", "/api/v1/sources/" + id, null, Map.of());
    assertThat(deleted.getStatus()).isEqualTo(204);
    Jdbi jdbi = Jdbi.create(DB.dataSource());
    for (String action : List.of("source.ingest", "source.delete")) {
      assertThat(
              count(
                  jdbi,
                  "SELECT count(*) FROM audit_events WHERE action = '"
                      + action
                      + "' AND target = '"
                      + id
                      + "' AND actor_key_id IS NOT NULL AND request_id IS NOT NULL"))
          .as(action)
          .isEqualTo(1);
    }
    assertThat(http.get("/api/v1/sources/" + id).getStatus()).isEqualTo(404);
    for (String mode : List.of("bm25", "dense", "hybrid")) {
      JsonNode hits =
          post("/api/v1/search", Map.of("query", "Halley comet returns", "k", 5, "mode", mode), 200)
              .get("hits");
      assertThat(hits.toString()).as(mode).doesNotContain(id);
    }
    assertThat(http.send("DELETE", "/api/v1/sources/" + id, null, Map.of()).getStatus())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/sources/not-a-uuid").getStatus()).isEqualTo(404);
  }

  @Test
  void listIsPagedAndFiltered() {
    post(
        "/api/v1/sources/text",
        Map.of("title", "Zebra migration", "text", "Zebras cross the Mara river in July."),
        201);
    JsonNode page = get("/api/v1/sources?kind=text&q=zebra&limit=5");
    assertThat(page.get("total").asLong()).isEqualTo(1);
    assertThat(page.at("/items/0/title").asText()).isEqualTo("Zebra migration");
    assertThat(page.get("limit").asInt()).isEqualTo(5);
    assertThat(http.get("/api/v1/sources?kind=video").getStatus()).isEqualTo(400);
    assertThat(http.get("/api/v1/sources?limit=0").getStatus()).isEqualTo(400);
    assertThat(get("/api/sources?kind=text").get("total").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aFailureInsideTheWriteTransactionLeavesNothingHalfWritten() throws Exception {
    // A real failure inside the chunk-writing transaction, raised by the database itself.
    DB.asSuperuser(
        """
        CREATE FUNCTION explode() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.text LIKE '%EXPLODE%' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER explode BEFORE INSERT ON chunks FOR EACH ROW EXECUTE FUNCTION explode();
        """);
    Jdbi jdbi = Jdbi.create(DB.dataSource());
    try {
      // Small document, embedded before answering: the source, its document and its chunks are one
      // transaction, so nothing at all is kept.
      JsonNode small =
          post(
              "/api/v1/sources/text",
              Map.of("title", "Tide pools", "text", paragraphs(3) + "EXPLODE at the end."),
              500);
      assertThat(small.get("requestId").textValue()).isNotBlank();
      assertThat(small.toString()).doesNotContain("simulated crash");
      assertThat(count(jdbi, "SELECT count(*) FROM sources WHERE title = 'Tide pools'")).isZero();

      // Large document, embedded by a worker: the source shows the failure, and no chunk was
      // written.
      JsonNode item =
          post(
                  "/api/v1/sources/text",
                  Map.of(
                      "title", "Tide pools, long", "text", paragraphs(450) + "EXPLODE at the end."),
                  201)
              .at("/items/0");
      assertThat(item.get("sourceStatus").asText()).isEqualTo("pending");
      String id = item.get("sourceId").asText();
      JsonNode source = get("/api/v1/sources/" + id);
      for (int i = 0; i < 300 && !source.get("status").asText().equals("failed"); i++) {
        Thread.sleep(100);
        source = get("/api/v1/sources/" + id);
      }
      assertThat(source.get("status").asText()).isEqualTo("failed");
      assertThat(source.get("error").textValue()).isNotBlank().doesNotContain("simulated crash");
      assertThat(
              count(
                  jdbi,
                  "SELECT count(*) FROM chunks WHERE source_id = '" + UUID.fromString(id) + "'"))
          .isZero();
    } finally {
      DB.asSuperuser("DROP TRIGGER explode ON chunks; DROP FUNCTION explode()");
    }
  }

  private static String paragraphs(int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append("Paragraph ")
          .append(i)
          .append(
              " describes tidal pools, their anemones and the hermit crabs that hide there.\n\n");
    }
    return text.toString();
  }

  private static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
