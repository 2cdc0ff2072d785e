package dev.minirag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.audit.AuditActions;
import dev.minirag.backup.ExportService;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * `export --workspace ID config.yml FILE`: the workspace as one archive (docs/export-format.md);
 * prints counts as JSON.
 */
public class ExportCommand extends ServiceCommand {

  public ExportCommand() {
    super("export", "Export a workspace's sources, documents, chunks and vectors to a zip archive");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--workspace", "--workspace-id")
        .dest("workspace")
        .required(true)
        .help("workspace id (UUID)");
    subparser
        .addArgument("archive")
        .help("the archive to write (replaced only when the export succeeds)");
  }

  /** Reads PostgreSQL only. */
  @Override
  boolean usesIndex() {
    return false;
  }

  @Override
  void run(Core core, Namespace namespace, MiniRagConfiguration configuration) throws Exception {
    UUID workspace = core.workspaces().forOperator(namespace.getString("workspace"));
    Path target = Path.of(namespace.getString("archive")).toAbsolutePath();
    // Written beside the target and moved into place: a failed export never leaves a half archive
    // under its name.
    Path partial = Files.createTempFile(target.getParent(), ".export-", ".partial");
    try {
      ExportService.ExportSummary summary;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
        summary =
            context()
                .backups()
                .exports()
                .export(workspace, out, new ProgressLine("export", "lines", System.err));
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Map<String, Object> details = new java.util.LinkedHashMap<>(summary.auditDetails());
      details.put("via", "cli");
      context()
          .backups()
          .audit()
          .record(
              null, null, AuditActions.WORKSPACE_EXPORT, workspace, workspace.toString(), details);
      details.put("file", target.toString());
      details.put("bytes", Files.size(target));
      System.out.println(new ObjectMapper().writeValueAsString(details));
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
