package dev.minirag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.documents.ItemResult;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * `ingest [--workspace ID] config.yml PATH|URL...`: files, directories (recursively) and URLs, one
 * JSON line per item.
 */
public class IngestCommand extends ServiceCommand {

  public IngestCommand() {
    super(
        "ingest",
        "Ingest files, directories and URLs into a workspace (default: the default workspace)");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--workspace", "--workspace-id")
        .dest("workspace")
        .help("workspace id (UUID)");
    // After the configuration file: `ingest config.yml PATH|URL...`.
    subparser.addArgument("inputs").nargs("+").help("files, directories or http(s) URLs");
  }

  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap,
      Namespace namespace,
      MiniRagConfiguration configuration)
      throws Exception {
    // A command waits for its work: every source is embedded before it returns.
    configuration.getIngest().inlineChunkLimit = Integer.MAX_VALUE;
    super.run(bootstrap, namespace, configuration);
  }

  /** Ingest writes PostgreSQL only: servers' indexes catch up from the change log. */
  @Override
  boolean usesIndex() {
    return false;
  }

  @Override
  void run(Core core, Namespace namespace, MiniRagConfiguration configuration) throws Exception {
    UUID workspace = core.workspaces().forOperator(namespace.getString("workspace"));
    // The same 402 as over HTTP: an operator cannot ingest for an organization whose payment
    // lapsed.
    core.ingest().admit(workspace);
    ObjectMapper json = new ObjectMapper();
    int accepted = 0;
    int duplicates = 0;
    int failed = 0;
    for (String input : namespace.<String>getList("inputs")) {
      for (ItemResult r : ingest(core, workspace, input)) {
        System.out.println(json.writeValueAsString(r));
        switch (r.status()) {
          case "accepted" -> accepted++;
          case "duplicate" -> duplicates++;
          default -> failed++;
        }
      }
    }
    System.err.printf(
        "%d accepted, %d duplicate, %d failed (workspace %s)%n",
        accepted, duplicates, failed, workspace);
    if (failed > 0) {
      throw new IllegalStateException(failed + " input(s) failed");
    }
  }

  private static List<ItemResult> ingest(Core core, UUID workspace, String input) throws Exception {
    if (input.startsWith("http://") || input.startsWith("https://")) {
      return List.of(core.ingest().addUrl(workspace, null, input));
    }
    Path path = Path.of(input);
    List<ItemResult> results = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.walk(path)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          results.add(file(core, workspace, file));
        }
      }
    } else if (Files.isRegularFile(path)) {
      results.add(file(core, workspace, path));
    } else {
      results.add(ItemResult.failed(input, 404, "no such file, directory or URL"));
    }
    return results;
  }

  private static ItemResult file(Core core, UUID workspace, Path file) throws Exception {
    return core.ingest()
        .addFile(workspace, null, file.getFileName().toString(), null, Files.readAllBytes(file));
  }
}
