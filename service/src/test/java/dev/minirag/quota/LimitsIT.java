package dev.minirag.quota;

import static dev.minirag.testing.JsonValues.longAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.Api;
import dev.minirag.testing.Http;
import dev.minirag.testing.LocalSite;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.media.multipart.file.StreamDataBodyPart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every limit hit through HTTP: status, headers, body, and that nothing was stored or counted
 * twice.
 */
class LimitsIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @RegisterExtension static final LocalSite SITE = new LocalSite();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          dev.minirag.MiniRagApplication.class,
          DB,
          Map.of("ingest.fetchAllowList", "127.0.0.1/32"));

  private static IdentityFixtures fixtures;
  private static Map<String, String> admin;

  @BeforeAll
  static void systemAdmin() {
    fixtures = new IdentityFixtures(DB, APP.getConfiguration().getSecurity().getJwtSecret());
    User user = fixtures.users.createAdmin("root-" + UUID.randomUUID() + "@example.com");
    admin = fixtures.session(user).headers();
  }

  /** A new workspace (and key) whose limits a system admin sets through the API. */
  private static TestCallers.Owner workspaceWith(Map<String, Long> limits) {
    TestCallers.Owner owner = TestCallers.owner(APP, DB);
    Response r =
        new Http(APP)
            .send(
                "PUT",
                "/api/v1/admin/workspaces/" + owner.workspaceId() + "/limits",
                Entity.json(limits),
                admin);
    assertThat(r.getStatus()).as(r.readEntity(String.class)).isEqualTo(200);
    return owner;
  }

  private static Http as(TestCallers.Owner owner) {
    return new Http(APP).as(owner.headers());
  }

  private static Response postText(Http http, String title, String text) {
    return http.send(
        "POST",
        "/api/v1/sources/text",
        Entity.json(Map.of("title", title, "text", text)),
        Map.of());
  }

  private static JsonNode refused(Response r, String limit, long used, long max) {
    JsonNode body = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(body.toString()).isEqualTo(429);
    assertThat(body.get("code").asInt()).isEqualTo(429);
    assertThat(body.get("message").asText()).contains(limit);
    assertThat(body.at("/details/limit").asText()).isEqualTo(limit);
    assertThat(longAt(body, "/details/used")).isEqualTo(used);
    assertThat(longAt(body, "/details/max")).isEqualTo(max);
    assertThat(body.get("requestId").textValue()).isNotBlank();
    assertThat(r.getHeaderString("RateLimit-Limit")).isEqualTo(Long.toString(max));
    assertThat(r.getHeaderString("RateLimit-Remaining")).isEqualTo("0");
    return body;
  }

  private static long sources(UUID workspace) {
    return fixtures.count("SELECT count(*) FROM sources WHERE workspace_id = ?", workspace);
  }

  private static long secondsToMidnightUtc() {
    Instant midnight =
        LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return java.time.Duration.between(Instant.now(), midnight).toSeconds();
  }

  @Test
  void storedSourcesRefuseTheNextSourceWithoutStoringIt() {
    TestCallers.Owner owner = workspaceWith(Map.of("storedSources", 2L));
    Http http = as(owner);
    assertThat(postText(http, "One", "Herons stand still in shallow water.").getStatus())
        .isEqualTo(201);
    assertThat(postText(http, "Two", "Kingfishers dive from a perch.").getStatus()).isEqualTo(201);
    Response third = postText(http, "Three", "Cormorants dry their wings in the sun.");
    JsonNode body = refused(third, "storedSources", 2, 2);
    assertThat(body.at("/details/resetAt").isNull()).isTrue();
    // Waiting does not free a stored limit, so no Retry-After is promised.
    assertThat(third.getHeaderString("Retry-After")).isNull();
    assertThat(sources(owner.workspaceId())).isEqualTo(2);

    // Deleting a source frees a place, which the trigger-kept counter sees at once.
    String id = new Api(http).get("/api/v1/sources", 200).at("/items/0/id").asText();
    assertThat(http.send("DELETE", "/api/v1/sources/" + id, null, Map.of()).getStatus())
        .isEqualTo(204);
    assertThat(postText(http, "Three", "Cormorants dry their wings in the sun.").getStatus())
        .isEqualTo(201);
  }

  @Test
  void aBatchUploadFailsOnlyTheItemsPastTheLimit() throws Exception {
    TestCallers.Owner owner = workspaceWith(Map.of("storedSources", 2L));
    Http http = as(owner);
    assertThat(postText(http, "One", "Otters hold hands while they sleep.").getStatus())
        .isEqualTo(201);
    try (FormDataMultiPart form = new FormDataMultiPart()) {
      for (String name : List.of("a.txt", "b.txt")) {
        form.bodyPart(
            new StreamDataBodyPart(
                "files",
                new java.io.ByteArrayInputStream(
                    ("Notes in " + name + ": beavers build dams of mud and sticks.").getBytes()),
                name,
                MediaType.TEXT_PLAIN_TYPE));
      }
      Response r =
          APP.client()
              .register(MultiPartFeature.class)
              .target(http.url("/api/v1/sources/files"))
              .request()
              .headers(new jakarta.ws.rs.core.MultivaluedHashMap<>(owner.headers()))
              .post(Entity.entity(form, form.getMediaType()));
      JsonNode items = r.readEntity(JsonNode.class).get("items");
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(items.get(0).get("status").asText()).isEqualTo("accepted");
      assertThat(items.get(1).get("status").asText()).isEqualTo("failed");
      assertThat(items.get(1).get("code").asInt()).isEqualTo(429);
      assertThat(items.get(1).at("/details/limit").asText()).isEqualTo("storedSources");
      assertThat(items.get(1).get("error").asText()).contains("storedSources");
    }
    String titles =
        fixtures.jdbi.withHandle(
            h ->
                h.createQuery("SELECT string_agg(title, ',') FROM sources WHERE workspace_id = ?")
                    .bind(0, owner.workspaceId())
                    .mapTo(String.class)
                    .one());
    assertThat(sources(owner.workspaceId())).as(titles).isEqualTo(2);
  }

  @Test
  void storedChunksRefuseADocumentThatWouldPassThemBeforeEmbeddingIt() {
    TestCallers.Owner owner = workspaceWith(Map.of("storedChunks", 3L));
    Http http = as(owner);
    assertThat(postText(http, "Short", "Moss grows on the north side of trees.").getStatus())
        .isEqualTo(201);
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      longText
          .append("Paragraph ")
          .append(i)
          .append(" describes how glaciers carve valleys over thousands of years. ");
    }
    refused(postText(http, "Long", longText.toString()), "storedChunks", 1, 3);
    assertThat(sources(owner.workspaceId())).isEqualTo(1);
    assertThat(
            fixtures.count(
                "SELECT count(*) FROM chunks WHERE workspace_id = ?", owner.workspaceId()))
        .isEqualTo(1);
  }

  @Test
  void aRefreshThatWouldGrowPastTheChunkLimitKeepsTheOldContent() {
    TestCallers.Owner owner = workspaceWith(Map.of("storedChunks", 3L));
    Http http = as(owner);
    SITE.put(
        "/growing.html", "text/html", "<html><body><p>Swifts sleep on the wing.</p></body></html>");
    JsonNode item =
        new Api(http)
            .post("/api/v1/sources/urls", Map.of("urls", List.of(SITE.url("/growing.html"))), 200)
            .at("/items/0");
    assertThat(item.get("status").asText()).isEqualTo("accepted");
    String id = item.get("sourceId").asText();
    StringBuilder longer = new StringBuilder("<html><body>");
    for (int i = 0; i < 60; i++) {
      longer
          .append("<p>Paragraph ")
          .append(i)
          .append(": swifts can stay aloft for ten months without landing at all.</p>");
    }
    SITE.put("/growing.html", "text/html", longer.append("</body></html>").toString());
    refused(
        http.send("POST", "/api/v1/sources/" + id + "/refresh", null, Map.of()),
        "storedChunks",
        1,
        3);
    JsonNode source = new Api(http).get("/api/v1/sources/" + id, 200);
    assertThat(source.get("chunks")).hasSize(1);
    assertThat(source.get("chunks").get(0).get("text").asText())
        .contains("Swifts sleep on the wing");
    assertThat(
            fixtures.count(
                "SELECT chunks FROM workspace_usage WHERE workspace_id = ?", owner.workspaceId()))
        .isEqualTo(1);
  }

  @Test
  void uploadBytesPerDayCountOnlyWhatWasStoredAndResetAtMidnightUtc() {
    TestCallers.Owner owner = workspaceWith(Map.of("uploadBytesPerDay", 100L));
    Http http = as(owner);
    String sixty = "Sixty bytes of text about lighthouses and their keepers...";
    assertThat(postText(http, "First", sixty).getStatus()).isEqualTo(201);
    Response r = postText(http, "Second", sixty.replace("Sixty", "Fifty"));
    JsonNode body = refused(r, "uploadBytesPerDay", sixty.length(), 100);
    long retryAfter = Long.parseLong(r.getHeaderString("Retry-After"));
    assertThat(retryAfter).isBetween(secondsToMidnightUtc() - 5, secondsToMidnightUtc() + 5);
    assertThat(r.getHeaderString("RateLimit-Reset")).isEqualTo(r.getHeaderString("Retry-After"));
    assertThat(Instant.parse(body.at("/details/resetAt").asText()))
        .isEqualTo(
            LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(sources(owner.workspaceId())).isEqualTo(1);
    // A duplicate stores nothing, so it costs nothing either.
    assertThat(postText(http, "Again", sixty).getStatus()).isEqualTo(200);
    JsonNode usage = new Api(http).get("/api/v1/usage", 200);
    assertThat(item(usage, "uploadBytesPerDay").get("used").asLong()).isEqualTo(sixty.length());
  }

  @Test
  void asksPerDayAnswerTheLimitThenRefuseWithRetryAfterAndAlertOncePerCrossing() {
    TestCallers.Owner owner = workspaceWith(Map.of("asksPerDay", 5L));
    Http http = as(owner);
    Api api = new Api(http);
    api.addText("Bees", "A hive of bees keeps its brood at thirty-five degrees.");
    for (int i = 0; i < 5; i++) {
      api.post("/api/v1/ask", Map.of("question", "How warm do bees keep the brood?"), 200);
    }
    Response r =
        http.send(
            "POST", "/api/v1/ask", Entity.json(Map.of("question", "And the queen?")), Map.of());
    refused(r, "asksPerDay", 5, 5);
    assertThat(Long.parseLong(r.getHeaderString("Retry-After"))).isPositive();
    // The 80 % mark (4 of 5) and the 100 % mark were each crossed once; refusals add no rows.
    assertThat(
            fixtures.count(
                "SELECT count(*) FROM audit_events WHERE action = 'quota.threshold' AND workspace_id = ?"
                    + " AND details->>'percent' = '80'",
                owner.workspaceId()))
        .isEqualTo(1);
    assertThat(
            fixtures.count(
                "SELECT count(*) FROM audit_events WHERE action = 'quota.threshold' AND workspace_id = ?"
                    + " AND details->>'percent' = '100'",
                owner.workspaceId()))
        .isEqualTo(1);
    String metrics = new Http(APP).get("/metrics").readEntity(String.class);
    assertThat(metrics)
        .containsPattern("minirag_quota_rejections_total\\{limit=\"asksPerDay\",\\} [1-9]");
    // The only scrape of this app, so the gauge is computed now: this workspace is at 100 % of
    // asksPerDay.
    assertThat(metrics)
        .containsPattern("minirag_quota_workspaces\\{limit=\"asksPerDay\",level=\"100\",\\} [1-9]");
  }

  @Test
  void searchesPerDayRefuseTheNextSearch() {
    TestCallers.Owner owner = workspaceWith(Map.of("searchesPerDay", 2L));
    Http http = as(owner);
    Api api = new Api(http);
    api.post("/api/v1/search", Map.of("query", "anything"), 200);
    api.post("/api/v1/search", Map.of("query", "anything"), 200);
    refused(
        http.send("POST", "/api/v1/search", Entity.json(Map.of("query", "anything")), Map.of()),
        "searchesPerDay",
        2,
        2);
    // Another workspace is not affected.
    new Api(as(TestCallers.owner(APP, DB)))
        .post("/api/v1/search", Map.of("query", "anything"), 200);
  }

  @Test
  void anEvaluationRunCountsOneSearchPerQueryAndModeAndIsRefusedWhole() {
    TestCallers.Owner owner = workspaceWith(Map.of("searchesPerDay", 5L));
    Http http = as(owner);
    String id = new Api(http).addText("Owls", "Owls hunt at night and swallow their prey whole.");
    Map<String, Object> run =
        Map.of(
            "queries",
            Map.of("q1", "owls hunting", "q2", "night birds"),
            "judgments",
            Map.of("q1", Map.of(id, 1), "q2", Map.of(id, 1)));
    // 2 queries x 3 modes = 6 searches > 5: nothing runs and nothing is counted.
    refused(http.send("POST", "/api/v1/eval", Entity.json(run), Map.of()), "searchesPerDay", 0, 5);
    Map<String, Object> bm25Only = new HashMap<>(run);
    bm25Only.put("modes", List.of("bm25"));
    assertThat(http.send("POST", "/api/v1/eval", Entity.json(bm25Only), Map.of()).getStatus())
        .isEqualTo(200);
    assertThat(item(new Api(http).get("/api/v1/usage", 200), "searchesPerDay").get("used").asLong())
        .isEqualTo(2);
  }

  @Test
  void requestsPerMinutePerKeyAndPerSignedInUserCarryRateLimitHeaders() {
    TestCallers.Owner owner = workspaceWith(Map.of("requestsPerMinute", 3L));
    Http http = as(owner);
    for (int remaining = 2; remaining >= 0; remaining--) {
      Response ok = http.get("/api/v1/sources");
      assertThat(ok.getStatus()).isEqualTo(200);
      assertThat(ok.getHeaderString("RateLimit-Limit")).isEqualTo("3");
      assertThat(ok.getHeaderString("RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
    }
    Response limited = http.get("/api/v1/sources");
    refused(limited, "requestsPerMinute", 3, 3);
    assertThat(Long.parseLong(limited.getHeaderString("Retry-After"))).isBetween(1L, 60L);

    // The signed-in owner has a bucket of their own, under the same workspace limit.
    IdentityFixtures.Session session =
        fixtures.session(fixtures.users.find(owner.userId()).orElseThrow());
    Http person = new Http(APP).as(session.headers());
    for (int i = 0; i < 3; i++) {
      assertThat(person.get("/api/v1/sources").getStatus()).isEqualTo(200);
    }
    refused(person.get("/api/v1/sources"), "requestsPerMinute", 3, 3);
  }

  @Test
  void usageShowsEveryLimitAndPlansChangeThem() {
    TestCallers.Owner owner = TestCallers.owner(APP, DB);
    Api api = new Api(as(owner));
    api.addText("Ferns", "Ferns reproduce by spores rather than seeds.");
    JsonNode usage = api.get("/api/v1/usage", 200);
    assertThat(usage.get("plan").asText()).isEqualTo("default");
    assertThat(usage.get("limits")).hasSize(6);
    assertThat(item(usage, "storedSources").get("used").asLong()).isEqualTo(1);
    assertThat(item(usage, "storedSources").get("unlimited").asBoolean()).isTrue();
    assertThat(item(usage, "storedSources").get("remaining").isNull()).isTrue();
    assertThat(item(usage, "asksPerDay").get("resetsAt").asText()).endsWith("T00:00:00Z");

    UUID org =
        UUID.fromString(
            fixtures.jdbi.withHandle(
                h ->
                    h.createQuery("SELECT organization_id FROM workspaces WHERE id = ?")
                        .bind(0, owner.workspaceId())
                        .mapTo(String.class)
                        .one()));
    Http root = new Http(APP).as(admin);
    assertThat(
            root.send(
                    "PUT",
                    "/api/v1/admin/organizations/" + org + "/plan",
                    Entity.json(Map.of("plan", "free")),
                    Map.of())
                .getStatus())
        .isEqualTo(200);
    Response unknown =
        root.send(
            "PUT",
            "/api/v1/admin/organizations/" + org + "/plan",
            Entity.json(Map.of("plan", "gold")),
            Map.of());
    assertThat(unknown.getStatus()).isEqualTo(422);
    // Non-admins cannot change limits, even of their own workspace.
    assertThat(
            new Http(APP)
                .as(owner.headers())
                .send(
                    "PUT",
                    "/api/v1/admin/workspaces/" + owner.workspaceId() + "/limits",
                    Entity.json(Map.of("storedSources", 0L)),
                    Map.of())
                .getStatus())
        .isEqualTo(403);

    Map<String, Long> clear = new HashMap<>();
    clear.put("asksPerDay", 7L);
    JsonNode changed =
        root.send(
                "PUT",
                "/api/v1/admin/workspaces/" + owner.workspaceId() + "/limits",
                Entity.json(clear),
                Map.of())
            .readEntity(JsonNode.class);
    assertThat(changed.get("plan").asText()).isEqualTo("free");
    assertThat(item(changed, "asksPerDay").get("max").asLong()).isEqualTo(7);
    assertThat(item(changed, "asksPerDay").get("overridden").asBoolean()).isTrue();
    assertThat(item(changed, "storedSources").get("max").asLong()).isEqualTo(500);
    assertThat(item(changed, "storedSources").get("remaining").asLong()).isEqualTo(499);

    clear.put("asksPerDay", null);
    clear.put("notALimit", 1L);
    assertThat(
            root.send(
                    "PUT",
                    "/api/v1/admin/workspaces/" + owner.workspaceId() + "/limits",
                    Entity.json(clear),
                    Map.of())
                .getStatus())
        .isEqualTo(422);

    JsonNode all = new Api(root).get("/api/v1/admin/usage?limit=500", 200);
    assertThat(all.get("items").findValuesAsText("workspaceId"))
        .contains(owner.workspaceId().toString());
    assertThat(
            fixtures.count(
                "SELECT count(*) FROM audit_events WHERE action = 'workspace.limits_change' AND workspace_id = ?",
                owner.workspaceId()))
        .isEqualTo(1);
  }

  static JsonNode item(JsonNode usage, String limit) {
    for (JsonNode i : usage.get("limits")) {
      if (i.get("limit").asText().equals(limit)) {
        return i;
      }
    }
    throw new AssertionError("no " + limit + " in " + usage);
  }
}
