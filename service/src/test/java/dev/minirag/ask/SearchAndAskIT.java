package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Api;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Search and ask over HTTP: both legs, fusion, filters, citations, streaming and bad input. */
class SearchAndAskIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP = TestApp.create(DB);

  private static final Http HTTP = new Http(APP);
  private static final Api API = new Api(HTTP);
  private static String lighthouse;
  private static String orchard;

  @BeforeAll
  static void documents() {
    HTTP.as(TestCallers.owner(APP, DB).headers());
    lighthouse =
        API.addText(
            "Lighthouse log",
            "The keeper polished the Fresnel lens every morning at dawn. "
                + "In 1901 a storm broke the lantern glass. Ships relied on the beam to pass the reef safely.");
    orchard =
        API.addText(
            "Orchard handbook",
            "Apple trees are pruned in late winter while they are dormant. "
                + "Pollination needs bees; a single hive serves about one acre of orchard.");
    API.addText(
        "Volcano primer",
        "Magma rises through the crust and collects in chambers below the volcano.");
  }

  @Test
  void searchReportsBothLegsAndTheFusedScore() {
    JsonNode result =
        API.post("/api/v1/search", Map.of("query", "who polished the lens", "k", 3), 200);
    assertThat(result.get("mode").asText()).isEqualTo("hybrid");
    assertThat(result.get("fusion").asText()).isEqualTo("convex");
    JsonNode top = result.at("/hits/0");
    assertThat(top.get("sourceId").asText()).isEqualTo(lighthouse);
    assertThat(top.get("sourceTitle").asText()).isEqualTo("Lighthouse log");
    assertThat(top.get("bm25Rank").asInt()).isEqualTo(1);
    assertThat(top.get("vectorRank").asInt()).isPositive();
    assertThat(top.get("score").asDouble()).isPositive();
    assertThat(result.at("/timings/totalMs").isNumber()).isTrue();

    JsonNode rrf =
        API.post("/api/v1/search", Map.of("query", "who polished the lens", "fusion", "rrf"), 200);
    assertThat(rrf.get("fusion").asText()).isEqualTo("rrf");
    assertThat(rrf.at("/hits/0/sourceId").asText()).isEqualTo(lighthouse);

    JsonNode bm25 =
        API.post("/api/v1/search", Map.of("query", "pruned dormant", "mode", "bm25"), 200);
    assertThat(bm25.at("/hits/0/sourceId").asText()).isEqualTo(orchard);
    assertThat(
            bm25.at("/hits/0/vectorRank").isNull() || bm25.at("/hits/0/vectorRank").isMissingNode())
        .isTrue();

    JsonNode dense =
        API.post(
            "/api/v1/search",
            Map.of("query", "fruit tree care in the cold season", "mode", "dense", "k", 1),
            200);
    assertThat(dense.at("/hits/0/sourceId").asText()).isEqualTo(orchard);
  }

  @Test
  void filtersNarrowTheSearch() {
    JsonNode only =
        API.post(
            "/api/v1/search",
            Map.of(
                "query",
                "bees lens magma",
                "k",
                10,
                "filters",
                Map.of("sourceIds", List.of(orchard))),
            200);
    assertThat(only.get("hits")).isNotEmpty();
    only.get("hits").forEach(h -> assertThat(h.get("sourceId").asText()).isEqualTo(orchard));

    JsonNode future =
        API.post(
            "/api/v1/search",
            Map.of("query", "bees", "filters", Map.of("createdAfter", "2999-01-01T00:00:00Z")),
            200);
    assertThat(future.get("hits")).isEmpty();

    JsonNode urlsOnly =
        API.post(
            "/api/v1/search",
            Map.of("query", "bees", "filters", Map.of("kinds", List.of("url"))),
            200);
    assertThat(urlsOnly.get("hits")).isEmpty();
  }

  @Test
  void badSearchInputGetsTheErrorShape() {
    API.post("/api/v1/search", Map.of("query", "  "), 422);
    API.post("/api/v1/search", Map.of("query", "bees", "k", 0), 422);
    API.post("/api/v1/search", Map.of("query", "bees", "k", 1000), 422);
    API.post("/api/v1/search", Map.of("query", "bees", "mode", "telepathy"), 422);
    API.post("/api/v1/search", Map.of("query", "x".repeat(5000)), 422);
    API.post("/api/v1/search", Map.of("query", "bees", "filters", Map.of("colour", "red")), 400);
    API.post(
        "/api/v1/search",
        Map.of("query", "bees", "filters", Map.of("kinds", List.of("video"))),
        422);
    JsonNode unknown =
        API.post(
            "/api/v1/search",
            Map.of(
                "query",
                "bees",
                "filters",
                Map.of("sourceIds", List.of(UUID.randomUUID().toString()))),
            404);
    assertThat(unknown.get("message").asText()).contains("Unknown source");
    // The service keeps answering normally afterwards.
    API.post("/api/v1/search", Map.of("query", "bees"), 200);
  }

  @Test
  void askAnswersWithVerbatimSentencesAndCitations() {
    JsonNode answer =
        API.post(
            "/api/v1/ask", Map.of("question", "What did the keeper polish every morning?"), 200);
    assertThat(answer.get("answerer").asText()).isEqualTo("extractive");
    assertThat(answer.get("answer").asText())
        .contains("The keeper polished the Fresnel lens every morning at dawn.")
        .contains("[1]");
    JsonNode citation = answer.at("/citations/0");
    assertThat(citation.get("n").asInt()).isEqualTo(1);
    assertThat(citation.get("sourceId").asText()).isEqualTo(lighthouse);
    assertThat(citation.get("title").asText()).isEqualTo("Lighthouse log");
    String chunkText = API.get("/api/v1/sources/" + lighthouse, 200).at("/chunks/0/text").asText();
    String snippet = citation.get("snippet").asText();
    assertThat(
            chunkText.substring(
                citation.get("snippetStart").asInt(), citation.get("snippetEnd").asInt()))
        .isEqualTo(snippet);
    assertThat(answer.at("/retrieval/hits/0/bm25Rank").asInt()).isEqualTo(1);
    assertThat(answer.at("/timings/totalMs").isNumber()).isTrue();
  }

  @Test
  void askWithoutAnAnswerSaysSo() {
    JsonNode answer =
        API.post("/api/v1/ask", Map.of("question", "quantum chromodynamics lattice gauge"), 200);
    assertThat(answer.get("answer").asText()).contains("could not find");
    assertThat(answer.get("abstained").asBoolean()).isTrue();
    // What it offers instead are the closest passages, to read, each with a highlightable sentence.
    assertThat(answer.get("citations"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.get("snippet").textValue()).isNotBlank());
  }

  @Test
  void badAskInputGetsTheErrorShape() {
    API.post("/api/v1/ask", Map.of("question", ""), 422);
    API.post("/api/v1/ask", Map.of("question", "y".repeat(2001)), 422);
    API.post("/api/v1/ask", Map.of("question", "bees", "k", 0), 422);
    API.post(
        "/api/v1/ask",
        Map.of(
            "question",
            "bees",
            "filters",
            Map.of("sourceIds", List.of(UUID.randomUUID().toString()))),
        404);
  }

  @Test
  void askStreamsTokensThenCitationsThenDone() {
    var req = APP.client().target(HTTP.url("/api/v1/ask")).request("text/event-stream");
    HTTP.defaults().forEach(req::header);
    Response r = req.post(Entity.json(Map.of("question", "How many acres does one hive serve?")));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getMediaType().toString()).startsWith("text/event-stream");
    String body = r.readEntity(String.class);
    List<String> events = new ArrayList<>();
    body.lines().filter(l -> l.startsWith("event: ")).forEach(l -> events.add(l.substring(7)));
    assertThat(events).first().isEqualTo("token");
    assertThat(events.subList(events.size() - 2, events.size()))
        .containsExactly("citations", "done");
    assertThat(body).contains("one acre of orchard");
  }

  @Test
  void legacyAliasesBehaveLikeTheirSuccessors() {
    Response ask =
        HTTP.send(
            "POST",
            "/ask",
            Entity.json(Map.of("query", "What did the keeper polish every morning?")),
            Map.of());
    assertThat(ask.getStatus()).isEqualTo(200);
    assertThat(ask.getHeaderString("Deprecation")).isEqualTo("true");
    assertThat(ask.readEntity(JsonNode.class).get("answer").asText()).contains("Fresnel lens");

    Response sources = HTTP.get("/api/sources?q=orchard");
    assertThat(sources.getStatus()).isEqualTo(200);
    assertThat(sources.getHeaderString("Link")).contains("/api/v1/sources");
    assertThat(sources.readEntity(JsonNode.class).at("/items/0/id").asText()).isEqualTo(orchard);

    Response urls =
        HTTP.send(
            "POST",
            "/api/ingest_urls",
            Entity.json(Map.of("urls", List.of("http://10.1.2.3/"))),
            Map.of());
    assertThat(urls.getStatus()).isEqualTo(200);
    assertThat(urls.readEntity(JsonNode.class).at("/items/0/status").asText()).isEqualTo("failed");

    // A null among the URLs (found by the endpoint fuzzer) is refused, not a server error.
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    withNull.add("mailto:x@y");
    Response nullUrl =
        HTTP.send("POST", "/api/ingest_urls", Entity.json(Map.of("urls", withNull)), Map.of());
    assertThat(nullUrl.getStatus()).isEqualTo(422);
    assertThat(nullUrl.readEntity(JsonNode.class).get("message").asText()).contains("null");
  }
}
