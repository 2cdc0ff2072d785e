package dev.minirag.cli;

import dev.minirag.apikeys.ApiKeyService;
import dev.minirag.apikeys.ApiKeyView;
import dev.minirag.audit.AuditActions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code api-keys create --workspace ID --scopes read,write --name N [--expires-days D]} prints
 * only the key; {@code api-keys list --workspace ID} prints one tab-separated line per key; {@code
 * api-keys revoke ID}.
 */
public class ApiKeysCommand extends IdentityCommand {

  public ApiKeysCommand() {
    super("api-keys", "Manage API keys: create, list, revoke");
  }

  @Override
  protected void actions(Subparsers subs) {
    var create = action(subs, "create", "Create a key; prints only the key (shown once)");
    create.addArgument("--workspace").required(true);
    create.addArgument("--scopes").setDefault("read");
    create.addArgument("--name").required(true);
    create.addArgument("--expires-days").dest("expires_days").type(Integer.class);
    action(subs, "list", "List a workspace's keys: id, prefix, name, scopes, status")
        .addArgument("--workspace")
        .required(true);
    // The key id comes before the config file: api-keys revoke ID config.yml
    var revoke = subs.addParser("revoke").help("Revoke a key by id");
    revoke.addArgument("id");
    addFileArgument(revoke);
  }

  @Override
  protected void run(String action, Namespace ns, Services s, PrintStream out) {
    switch (action) {
      case "create" -> {
        UUID ws = UUID.fromString(ns.getString("workspace"));
        s.tenancy().find(ws).orElseThrow(() -> new IllegalArgumentException("no such workspace"));
        ApiKeyService.Created c =
            s.keys()
                .create(
                    ws,
                    ns.getString("name"),
                    Arrays.asList(ns.getString("scopes").split(",")),
                    ns.getInt("expires_days"),
                    null);
        s.audit()
            .record(
                null,
                null,
                AuditActions.KEY_CREATE,
                ws,
                c.key().id().toString(),
                Map.of("via", "cli", "prefix", c.key().prefix(), "scopes", c.key().scopes()));
        out.println(c.plaintext());
      }
      case "list" -> {
        for (ApiKeyView k : s.keys().list(UUID.fromString(ns.getString("workspace")))) {
          String status =
              k.revokedAt() != null
                  ? "revoked"
                  : k.expiresAt() != null && k.expiresAt().isBefore(java.time.Instant.now())
                      ? "expired"
                      : "active";
          out.println(
              String.join(
                  "\t",
                  k.id().toString(),
                  "mrk_" + k.prefix(),
                  k.name(),
                  String.join(",", k.scopes()),
                  status,
                  k.expiresAt() == null ? "-" : k.expiresAt().toString()));
        }
      }
      case "revoke" -> {
        UUID id = UUID.fromString(ns.getString("id"));
        if (!s.keys().revokeAny(id)) {
          throw new IllegalArgumentException("no active key with that id");
        }
        s.audit().record(null, null, AuditActions.KEY_REVOKE, null, id.toString(), viaCli());
        System.err.println("revoked " + id);
      }
      default -> throw new IllegalArgumentException("unknown action " + action);
    }
  }
}
