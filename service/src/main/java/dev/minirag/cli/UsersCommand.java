package dev.minirag.cli;

import dev.minirag.audit.AuditActions;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code users create-admin --email E}, {@code users release-email --email E} and {@code users
 * login-link --email E} (development only).
 */
public class UsersCommand extends IdentityCommand {

  public UsersCommand() {
    super("users", "Manage users: create-admin, release-email, login-link");
  }

  @Override
  protected void actions(Subparsers subs) {
    action(subs, "create-admin", "Create (or promote) a system administrator; prints the user id")
        .addArgument("--email")
        .required(true);
    action(
            subs,
            "release-email",
            "Move the account holding this email, if no provider verified it for that account, to <id>@released.invalid"
                + " (its owner can then sign in); prints the user id")
        .addArgument("--email")
        .required(true);
    action(
            subs,
            "login-link",
            "Development only: print a one-time, expiring sign-in link for the user")
        .addArgument("--email")
        .required(true);
  }

  @Override
  protected void run(String action, Namespace ns, Services s, PrintStream out) {
    switch (action) {
      case "create-admin" -> {
        User u = s.users().createAdmin(ns.getString("email"));
        s.audit()
            .record(
                null,
                null,
                AuditActions.USER_CREATE,
                u.defaultWorkspaceId(),
                u.id().toString(),
                java.util.Map.of("via", "cli", "systemAdmin", true));
        out.println(u.id());
      }
      case "release-email" -> {
        User u = s.users().releaseEmail(ns.getString("email"));
        s.audit()
            .record(
                null,
                null,
                AuditActions.USER_EMAIL_RELEASE,
                null,
                u.id().toString(),
                java.util.Map.of(
                    "via",
                    "cli",
                    "from",
                    UserService.normalize(ns.getString("email")),
                    "to",
                    u.email()));
        out.println(u.id());
      }
      case "login-link" -> {
        if (!s.links().enabled()) {
          throw new IllegalStateException(
              "login-link needs MINIRAG_DEV_MODE=true and no OAuth provider configured");
        }
        User u =
            s.users()
                .findByEmail(ns.getString("email"))
                .orElseThrow(() -> new IllegalArgumentException("no user with that email"));
        out.println(s.links().issue(u.id()));
      }
      default -> throw new IllegalArgumentException("unknown action " + action);
    }
  }
}
