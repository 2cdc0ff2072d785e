package dev.minirag.cli;

import dev.minirag.audit.AuditActions;
import dev.minirag.tenancy.Workspace;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparsers;

/** {@code workspaces create --name N --owner-email E}: prints the workspace id. */
public class WorkspacesCommand extends IdentityCommand {

  public WorkspacesCommand() {
    super("workspaces", "Manage workspaces: create");
  }

  @Override
  protected void actions(Subparsers subs) {
    var create =
        action(
            subs, "create", "Create a workspace owned by the user with this email; prints its id");
    create.addArgument("--name").required(true);
    create.addArgument("--owner-email").dest("owner_email").required(true);
  }

  @Override
  protected void run(String action, Namespace ns, Services s, PrintStream out) {
    if (!"create".equals(action)) {
      throw new IllegalArgumentException("unknown action " + action);
    }
    Workspace ws = s.tenancy().createForEmail(ns.getString("owner_email"), ns.getString("name"));
    s.audit()
        .record(null, null, AuditActions.WORKSPACE_CREATE, ws.id(), ws.id().toString(), viaCli());
    out.println(ws.id());
  }
}
