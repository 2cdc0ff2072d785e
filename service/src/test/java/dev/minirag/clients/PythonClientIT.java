package dev.minirag.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.LocalSite;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Python client's own tests ({@code client/python/tests}), run with Debian's python3 against
 * this running service: the offline ones (retries after Retry-After, the error type, uploads,
 * streams) and the live ones (every operation against a real workspace and API key). Passes only if
 * every test ran and none was skipped.
 */
class PythonClientIT {

  static final Path PYTHON = Path.of("/usr/bin/python3");

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension static final LocalSite SITE = new LocalSite();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB, Map.of("ingest.fetchAllowList", "127.0.0.1/32"));

  @Test
  void pythonClientTestsPassAgainstTheService() throws Exception {
    assertThat(PYTHON).as("Debian's python3").exists();
    TestCallers.Owner owner = TestCallers.owner(APP, DB);
    SITE.put(
        "/lighthouse.html",
        "text/html; charset=utf-8",
        "<html><head><title>Lighthouse visits</title></head><body><h1>Lighthouse visits</h1>"
            + "<p>Visitors climb the 132 steps of the lighthouse on Saturdays between ten and"
            + " four; the lantern room stays closed while the keeper cleans the lens.</p>"
            + "</body></html>");

    Path dir = TestApp.repoRoot().resolve("client/python");
    ProcessBuilder pb =
        new ProcessBuilder(
                PYTHON.toString(),
                "-B",
                "-m",
                "unittest",
                "discover",
                "-v",
                "-s",
                "tests",
                "-t",
                ".")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("MINIRAG_URL", "http://127.0.0.1:" + APP.getLocalPort());
    env.put("MINIRAG_API_KEY", owner.headers().get("X-API-Key"));
    env.put("MINIRAG_TEST_PAGE_URL", SITE.url("/lighthouse.html"));
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println(line);
        lines.add(line);
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("python3 -m unittest did not finish in 10 minutes");
    }
    String output = String.join("\n", lines);
    assertThat(p.exitValue()).as("python3 -m unittest exit code (its report is above)").isZero();
    Matcher ran = Pattern.compile("(?m)^Ran (\\d+) tests? in").matcher(output);
    assertThat(ran.find()).as("unittest's summary line").isTrue();
    int count = Integer.parseInt(ran.group(1));
    System.out.printf("Python client: %d tests ran against the service%n", count);
    assertThat(output).as("no test skipped").doesNotContain("skipped");
    assertThat(count).as("offline and live tests").isGreaterThanOrEqualTo(20);
  }
}
