package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Api;
import dev.minirag.testing.Fixtures;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.media.multipart.file.StreamDataBodyPart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Citations point at the exact place: the uploaded file's name, the subtitle cue of the cited
 * sentence (not the whole chunk's span), the PDF page, the HTML heading; and the offline answer
 * reads cleanly (the answering sentence first, no markup) or says it found nothing.
 */
class CitationsIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP = TestApp.create(DB);

  private static final Http HTTP = new Http(APP);
  private static final Api API = new Api(HTTP);
  private static final Map<String, String> IDS = new HashMap<>();

  @BeforeAll
  static void upload() {
    HTTP.as(TestCallers.owner(APP, DB).headers());
    Map<String, byte[]> files =
        Map.of(
            "bee-talk.vtt",
                Fixtures.vtt(
                        "Welcome to our talk about honey bees.",
                        "Bees visit flowers all summer long.",
                        "A worker bee lives for about six weeks in summer.",
                        "The queen can lay two thousand eggs in a single day.",
                        "Thank you for listening to this talk.")
                    .getBytes(StandardCharsets.UTF_8),
            "pump-manual.pdf",
                Fixtures.pdf(
                    "The pump ships with a ten metre hose.",
                    "Prime the pump with two litres of water before the first start."),
            "tower.html",
                ("<html><head><title>Harbour tower</title></head><body><h1>Harbour tower</h1>"
                        + "<p>The tower stands on the north pier.</p><h2>Automation</h2>"
                        + "<p>The light was automated in 1978 and the keepers left a year later.</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8),
            "notes.md",
                ("# Harbour Tower\n\nThe tower was built in 1891 of local granite.\n\n## Automation\n"
                        + "The fog signal was automated in 1983. Visitors may climb the stairs in summer.\n")
                    .getBytes(StandardCharsets.UTF_8));
    files.forEach(
        CitationsIT::upload); // one file per request: each answers once its file is embedded
    assertThat(IDS).hasSize(4).doesNotContainValue("null");
  }

  private static void upload(String name, byte[] bytes) {
    FormDataMultiPart form = new FormDataMultiPart();
    form.bodyPart(
        new StreamDataBodyPart(
            "files",
            new ByteArrayInputStream(bytes),
            name,
            MediaType.APPLICATION_OCTET_STREAM_TYPE));
    var req =
        APP.client()
            .register(MultiPartFeature.class)
            .target(HTTP.url("/api/v1/sources/files"))
            .request();
    HTTP.defaults().forEach(req::header);
    Response r = req.post(Entity.entity(form, form.getMediaType()));
    JsonNode json = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(json.toString()).isEqualTo(200);
    IDS.put(name, json.at("/items/0/sourceId").asText());
  }

  @Test
  void aSourceKeepsTheNameItWasUploadedUnder() {
    JsonNode pdf = API.get("/api/v1/sources/" + IDS.get("pump-manual.pdf"), 200);
    assertThat(pdf.get("fileName").asText()).isEqualTo("pump-manual.pdf");
    JsonNode found = API.get("/api/v1/sources?q=pump-manual", 200);
    assertThat(found.get("items")).hasSize(1);
    assertThat(found.at("/items/0/fileName").asText()).isEqualTo("pump-manual.pdf");
  }

  @Test
  void aSubtitleSentenceIsCitedWithItsOwnCue() {
    JsonNode answer =
        API.post(
            "/api/v1/ask", Map.of("question", "How many eggs can the queen lay in a day?"), 200);
    assertThat(answer.get("abstained").asBoolean()).isFalse();
    assertThat(answer.get("answer").asText())
        .startsWith("The queen can lay two thousand eggs in a single day.");
    JsonNode c = answer.at("/citations/0");
    assertThat(c.get("fileName").asText()).isEqualTo("bee-talk.vtt");
    // The fourth cue (15 s to 20 s), not the chunk's whole span (0 s to 25 s).
    assertThat(c.get("startSeconds").asDouble()).isEqualTo(15.0);
    assertThat(c.get("endSeconds").asDouble()).isEqualTo(20.0);
  }

  @Test
  void aPdfSentenceIsCitedWithItsPage() {
    JsonNode answer =
        API.post("/api/v1/ask", Map.of("question", "How much water primes the pump?"), 200);
    assertThat(answer.get("answer").asText()).startsWith("Prime the pump with two litres of water");
    assertThat(answer.at("/citations/0/fileName").asText()).isEqualTo("pump-manual.pdf");
    assertThat(answer.at("/citations/0/page").asInt()).isEqualTo(2);
  }

  @Test
  void anHtmlSentenceIsCitedWithItsHeading() {
    JsonNode answer =
        API.post("/api/v1/ask", Map.of("question", "When was the tower light automated?"), 200);
    assertThat(answer.get("answer").asText()).startsWith("The light was automated in 1978");
    assertThat(answer.at("/citations/0/fileName").asText()).isEqualTo("tower.html");
    assertThat(answer.at("/citations/0/section").asText()).isEqualTo("Automation");
  }

  @Test
  void markdownAnswersCarryNoMarkupAndLeadWithTheFact() {
    JsonNode answer =
        API.post("/api/v1/ask", Map.of("question", "When was the fog signal automated?"), 200);
    String text = answer.get("answer").asText();
    assertThat(text).startsWith("The fog signal was automated in 1983.").doesNotContain("#");
  }

  @Test
  void aQuestionTheDocumentsDoNotAnswerIsNotAnsweredWithUnrelatedSentences() {
    JsonNode answer =
        API.post(
            "/api/v1/ask",
            Map.of("question", "What is the airspeed velocity of an unladen swallow?"),
            200);
    assertThat(answer.get("abstained").asBoolean()).isTrue();
    assertThat(answer.get("answer").asText())
        .startsWith("I could not find this in your documents.");
    assertThat(answer.get("citations")).isNotEmpty(); // the closest passages, offered to read
  }
}
