package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Api;
import dev.minirag.testing.Http;
import dev.minirag.testing.LocalChatModel;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAI-compatible answerer against a local server speaking that protocol. */
class ChatAnswererIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @RegisterExtension static final LocalChatModel MODEL = new LocalChatModel();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "answer.provider",
              "openai",
              "answer.openaiBaseUrl",
              MODEL.baseUrl(),
              "answer.openaiModel",
              "local-test-model",
              "answer.openaiApiKey",
              "test-key-not-secret"));

  private static final Http http = new Http(APP);
  private static final Api api = new Api(http);

  @org.junit.jupiter.api.BeforeAll
  static void signIn() {
    http.as(TestCallers.owner(APP, DB).headers());
  }

  @Test
  void citationsAreCheckedAgainstWhatWasRetrieved() {
    String id =
        api.addText(
            "Bridge report", "The suspension bridge opened in 1937 and spans 1,280 metres.");
    MODEL.reply("The bridge opened in ", "1937 [1]", " and is very long [9].");
    JsonNode answer =
        api.post("/api/v1/ask", Map.of("question", "When did the bridge open?", "k", 3), 200);
    assertThat(answer.get("answerer").asText()).isEqualTo("llm:local-test-model");
    assertThat(answer.get("answer").asText())
        .isEqualTo("The bridge opened in 1937 [1] and is very long [9].");
    assertThat(answer.get("citations")).hasSize(1);
    assertThat(answer.at("/citations/0/sourceId").asText()).isEqualTo(id);
    assertThat(answer.at("/citations/0/n").asInt()).isEqualTo(1);
    assertThat(answer.get("rejectedCitations").toString()).isEqualTo("[9]");
    assertThat(answer.get("abstained").asBoolean()).isFalse();

    String prompt = MODEL.requests().get(MODEL.requests().size() - 1);
    assertThat(prompt)
        .contains("\"stream\":true")
        .contains("[1] Bridge report")
        .contains("1,280 metres")
        .contains("When did the bridge open?")
        .contains("local-test-model");
  }

  @Test
  void anAnswerThatCitesNothingRetrievedIsReportedAsNotFound() {
    api.addText("Harbour notes", "The harbour wall is nine metres high.");
    MODEL.reply("I could not find that in the documents.");
    JsonNode answer =
        api.post("/api/v1/ask", Map.of("question", "Who painted the lighthouse?", "k", 3), 200);
    assertThat(answer.get("abstained").asBoolean()).isTrue();
    assertThat(answer.get("citations")).isEmpty();
  }

  @Test
  void theAnswerStreamsTokenByToken() {
    api.addText("Canal notes", "The canal locks raise boats by eleven metres in total.");
    MODEL.reply("Eleven ", "metres ", "[1]");
    var req = APP.client().target(http.url("/api/v1/ask")).request("text/event-stream");
    http.defaults().forEach(req::header);
    Response r = req.post(Entity.json(Map.of("question", "How far do the locks raise boats?")));
    String body = r.readEntity(String.class);
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(body)
        .contains("event: token\ndata: {\"text\":\"Eleven \"}")
        .contains("event: token\ndata: {\"text\":\"metres \"}")
        .contains("event: citations")
        .contains("event: done");
    assertThat(body.indexOf("Eleven ")).isLessThan(body.indexOf("event: citations"));
  }
}
