package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.auth.LoginLinks;
import dev.minirag.auth.SessionDao;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.testing.LocalSite;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's Playwright suite in Debian's Chromium against this running service, signed in
 * through the development one-time sign-in link (plain-HTTP localhost, development mode). The admin
 * also owns a second workspace with its own source, and a reader of the default workspace signs in
 * through their own link, so the suite can check workspace switching and role-aware screens.
 */
class ConsoleBrowserIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  /**
   * A web page to ingest by URL; long enough (over the inline limit) to go to a background worker.
   */
  @RegisterExtension static final LocalSite SITE = new LocalSite();

  static final String PAGE_TITLE = "E2E harbour handbook";

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "security.jwtSecret",
              SECRET,
              "security.devMode",
              "true",
              "auth.cookieSecure",
              "false",
              "auth.publicBaseUrl",
              "http://localhost:8080",
              "ingest.fetchAllowList",
              "127.0.0.1/32"));

  @Test
  void playwrightSuitePasses() throws Exception {
    Path console = TestApp.repoRoot().resolve("frontend-react");
    assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (bin/test installs it)").exists();
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    var admin = f.users.findByEmail("admin@localhost").orElseThrow();
    LoginLinks links =
        new LoginLinks(f.jdbi.onDemand(SessionDao.class), "", true, Clock.systemUTC());
    String loginPath = links.issue(admin.id());
    assertThat(loginPath).startsWith("/api/v1/auth/dev-login?token=");

    Api api = new Api(APP.getLocalPort());
    var adminSession = f.session(admin).headers();
    String defaultSource = "E2E default workspace notes";
    addText(api, adminSession, admin.defaultWorkspaceId(), defaultSource);
    String secondName = "E2E second workspace";
    UUID second = f.tenancy.create(admin.id(), secondName, null).id();
    String secondSource = "E2E second workspace notes";
    addText(api, adminSession, second, secondSource);
    var reader = f.member(admin.defaultWorkspaceId(), "reader@example.test", WorkspaceRole.READER);
    String readerLoginPath = links.issue(reader.id());
    // Someone with an account whom admin.spec adds by email; someone without one, invited to the
    // second workspace (to accept) and the default one (to decline), who has signed in once since.
    String memberEmail = f.signIn("member@example.test").email();
    f.invitations.invite(second, "invitee@example.test", WorkspaceRole.EDITOR, true, admin.id());
    f.invitations.invite(
        admin.defaultWorkspaceId(), "invitee@example.test", WorkspaceRole.READER, true, admin.id());
    String inviteeLoginPath = links.issue(f.signIn("invitee@example.test").id());

    // A second link for the admin: the signed-out test signs in through the screen and returns.
    String returnLoginPath = links.issue(admin.id());
    SITE.put("/handbook.html", "text/html; charset=utf-8", handbook());

    Map<String, String> env = new LinkedHashMap<>();
    env.put("BASE_URL", "http://127.0.0.1:" + APP.getLocalPort());
    env.put("LOGIN_PATH", loginPath);
    env.put("READER_LOGIN_PATH", readerLoginPath);
    env.put("INVITEE_LOGIN_PATH", inviteeLoginPath);
    env.put("E2E_MEMBER_EMAIL", memberEmail);
    env.put("RETURN_LOGIN_PATH", returnLoginPath);
    env.put("E2E_DEFAULT_SOURCE", defaultSource);
    env.put("E2E_SECOND_WORKSPACE", secondName);
    env.put("E2E_SECOND_SOURCE", secondSource);
    env.put("E2E_URL", SITE.url("/handbook.html"));
    env.put("E2E_URL_TITLE", PAGE_TITLE);
    // api-docs.spec authorizes Swagger UI with a key of the admin's default workspace.
    env.put(
        "E2E_API_KEY",
        f.key(admin.defaultWorkspaceId(), "e2e-api-docs", java.util.List.of("read", "write")));
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    env.put("CI", "true");
    // -De2e.specs=e2e/api-docs.spec.ts runs only the named spec files (space-separated).
    java.util.List<String> command =
        new java.util.ArrayList<>(java.util.List.of("npx", "--no-install", "playwright", "test"));
    String specs = System.getProperty("e2e.specs", "").trim();
    if (!specs.isEmpty()) {
      command.addAll(java.util.List.of(specs.split("\\s+")));
    }
    int exit = TestApp.runProcess(console, env, command.toArray(String[]::new));
    assertThat(exit).as("Playwright exit code (its report is above)").isZero();
  }

  /** About 60 paragraphs of ~900 characters: more chunks than the inline limit of 32. */
  private static String handbook() {
    StringBuilder html =
        new StringBuilder(
            "<html><head><title>"
                + PAGE_TITLE
                + "</title></head><body><h1>"
                + PAGE_TITLE
                + "</h1>");
    for (int i = 1; i <= 60; i++) {
      html.append("<h2>Berth ").append(i).append("</h2><p>");
      for (int j = 0; j < 6; j++) {
        html.append("Berth ")
            .append(i)
            .append(" takes vessels up to ")
            .append(20 + i + j)
            .append(
                " metres; the harbour master assigns it at the morning briefing, and ropes are checked twice a day. ");
      }
      html.append("</p>");
    }
    return html.append("</body></html>").toString();
  }

  private static void addText(Api api, Map<String, String> session, UUID workspace, String title) {
    Api.Resp r =
        api.send(
            "POST",
            "/api/v1/sources/text",
            Api.with(session, "X-Workspace-Id", workspace.toString()),
            Map.of(
                "title",
                title,
                "text",
                title + ": the tide tables are pinned by the harbour door."));
    assertThat(r.status()).as(r.toString()).isBetween(200, 202);
  }
}
