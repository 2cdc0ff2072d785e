package dev.minirag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.audit.AuditActions;
import dev.minirag.backup.ImportService;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * `import --workspace ID config.yml FILE`: an exported archive into an empty workspace (make one
 * with `workspaces create`); prints counts as JSON. The archive is validated whole before anything
 * is written.
 */
public class ImportCommand extends ServiceCommand {

  public ImportCommand() {
    super("import", "Import an exported archive into an empty workspace");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--workspace", "--workspace-id")
        .dest("workspace")
        .required(true)
        .help("workspace id (UUID); it must hold no sources");
    subparser.addArgument("archive").help("the archive written by `export` or the export endpoint");
  }

  /** Writes PostgreSQL only: servers' indexes catch up from the change log. */
  @Override
  boolean usesIndex() {
    return false;
  }

  @Override
  void run(Core core, Namespace namespace, MiniRagConfiguration configuration) throws Exception {
    UUID workspace = core.workspaces().forOperator(namespace.getString("workspace"));
    Path file = Path.of(namespace.getString("archive"));
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " is not a file");
    }
    ImportService.ImportSummary summary =
        context()
            .backups()
            .imports()
            .importArchive(workspace, file, new ProgressLine("import", "lines", System.err));
    Map<String, Object> details = new LinkedHashMap<>(summary.auditDetails());
    details.put("via", "cli");
    context()
        .backups()
        .audit()
        .record(
            null, null, AuditActions.WORKSPACE_IMPORT, workspace, workspace.toString(), details);
    System.out.println(
        new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .writeValueAsString(summary));
  }
}
