package dev.minirag.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /api/v1/eval: a workspace scores search on its own judged queries. */
class EvalResourceIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB);

  private static final Http http = new Http(APP);

  @org.junit.jupiter.api.BeforeAll
  static void signIn() {
    http.as(dev.minirag.testing.TestCallers.owner(APP, DB).headers());
  }

  private JsonNode post(String path, Object body, int expected) {
    Response r = http.send("POST", path, Entity.json(body), Map.of());
    JsonNode json = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(json.toString()).isEqualTo(expected);
    return json;
  }

  private String addText(String title, String text) {
    return post("/api/v1/sources/text", Map.of("title", title, "text", text), 201)
        .path("items")
        .path(0)
        .path("sourceId")
        .asText();
  }

  @Test
  void scoresEachModeOnTheWorkspacesOwnJudgedQueries() {
    String leaves =
        addText(
            "Chlorophyll absorption",
            "Chlorophyll absorbs blue and red light and reflects green, so leaves look green.");
    String bones =
        addText(
            "Vitamin D and bones",
            "Vitamin D supplementation raises calcium absorption and bone mineral density in older adults.");
    addText("Glaciers", "Mountain glaciers retreated over the last century as temperatures rose.");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "queries",
        Map.of("q1", "why are leaves green", "q2", "vitamin D bone density in the elderly"));
    body.put("judgments", Map.of("q1", Map.of(leaves, 1), "q2", Map.of(bones, 2)));
    JsonNode r = post("/api/v1/eval", body, 200);
    assertThat(r.path("queries").asInt()).isEqualTo(2);
    for (String mode : List.of("bm25", "dense", "hybrid")) {
      assertThat(r.path("modes").path(mode).path("ndcg@10").asDouble()).as(mode).isEqualTo(1.0);
      assertThat(r.path("modes").path(mode).path("recall@100").asDouble()).as(mode).isEqualTo(1.0);
    }
  }

  @Test
  void refusesJudgmentsOfUnknownSourcesAndBadModes() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("queries", Map.of("q1", "anything"));
    body.put("judgments", Map.of("q1", Map.of(UUID.randomUUID().toString(), 1)));
    assertThat(post("/api/v1/eval", body, 404).path("code").asInt()).isEqualTo(404);
    body.put("modes", List.of("magic"));
    JsonNode bad = post("/api/v1/eval", body, 422);
    assertThat(bad.path("details").toString()).contains("modes");
  }
}
