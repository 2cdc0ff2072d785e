package dev.minirag.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TypeScript client (client/typescript): its checked-in OpenAPI snapshot, from which its types
 * are generated, is the document the service serves; and its own test suite passes against the
 * running service.
 */
class TypeScriptClientIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB);

  static final Path PACKAGE = TestApp.repoRoot().resolve("client/typescript");

  @Test
  void theSnapshotTheTypesAreGeneratedFromIsTheServedDocument() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String served =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/openapi.json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    JsonNode live = json.readTree(served);
    Path snapshot = PACKAGE.resolve("openapi.json");
    JsonNode checkedIn = Files.exists(snapshot) ? json.readTree(snapshot.toFile()) : null;
    if (checkedIn != null && comparable(live).equals(comparable(checkedIn))) {
      return;
    }
    // The live document, for the one command that updates the snapshot and the generated types.
    Path written = TestApp.repoRoot().resolve("service/target/openapi/openapi.json");
    Files.createDirectories(written.getParent());
    Files.writeString(written, served);
    throw new AssertionError(
        "client/typescript/openapi.json is not the OpenAPI document the service serves (the API"
            + " changed). The served document was written to service/target/openapi/openapi.json;"
            + " update the snapshot and the generated types with\n"
            + "  cd client/typescript && npm run update-schema -- ../../service/target/openapi/openapi.json\n"
            + "(or, against a running service: MINIRAG_URL=http://127.0.0.1:8080 npm run"
            + " update-schema), then commit openapi.json and src/schema.d.ts.");
  }

  /**
   * The document without {@code info.version}, which changes at every release but changes no type.
   * Objects compare by their members whatever their order.
   */
  private static JsonNode comparable(JsonNode document) {
    JsonNode copy = document.deepCopy();
    if (copy.get("info") instanceof ObjectNode info) {
      info.remove("version");
    }
    return copy;
  }

  @Test
  void itsTestsPassAgainstTheRunningService() throws Exception {
    if (!Files.isDirectory(PACKAGE.resolve("node_modules"))) {
      assertThat(
              TestApp.runProcess(
                  PACKAGE, Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"))
          .as("npm ci in client/typescript")
          .isZero();
    }
    String key = TestCallers.owner(APP, DB).headers().get("X-API-Key");
    int exit =
        TestApp.runProcess(
            PACKAGE,
            Map.of(
                "MINIRAG_URL",
                "http://127.0.0.1:" + APP.getLocalPort(),
                "MINIRAG_API_KEY",
                key,
                "CI",
                "true"),
            "npm",
            "test");
    assertThat(exit).as("npm test in client/typescript (its failures are listed above)").isZero();
  }
}
