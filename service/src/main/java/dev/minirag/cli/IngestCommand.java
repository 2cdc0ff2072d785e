package dev.minirag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.documents.IngestOutcome;
import dev.minirag.documents.ItemResult;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    subparser
        .addArgument("--json")
        .action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("print one JSON object per input, then a summary object, on stdout");
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
    configuration.getIngest().setInlineChunkLimit(Integer.MAX_VALUE);
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
    boolean asJson = namespace.getBoolean("json");
    ObjectMapper json = new ObjectMapper();
    // Listed first, so progress can say how many are left.
    List<String> inputs = new ArrayList<>();
    for (String input : namespace.<String>getList("inputs")) {
      inputs.addAll(expand(input));
    }
    IngestProgress progress = new IngestProgress(inputs.size(), System.err);
    Map<IngestOutcome, Integer> counts = new EnumMap<>(IngestOutcome.class);
    for (IngestOutcome outcome : IngestOutcome.values()) {
      counts.put(outcome, 0);
    }
    for (String input : inputs) {
      ItemResult r = ingest(core, workspace, input);
      counts.merge(r.status(), 1, Integer::sum);
      if (asJson) {
        System.out.println(json.writeValueAsString(r));
      } else {
        System.out.println(IngestProgress.describe(r));
      }
      progress.done(r.input());
    }
    progress.finish();
    int failed = counts.get(IngestOutcome.FAILED);
    String summary =
        String.format(
            "%d accepted, %d duplicate, %d failed (workspace %s)",
            counts.get(IngestOutcome.ACCEPTED),
            counts.get(IngestOutcome.DUPLICATE),
            failed,
            workspace);
    if (asJson) {
      Map<String, Object> s = new LinkedHashMap<>();
      counts.forEach((outcome, n) -> s.put(outcome.wire(), n));
      s.put("workspace", workspace);
      System.out.println(json.writeValueAsString(Map.of("summary", s)));
    } else {
      System.out.println(summary);
    }
    if (failed > 0) {
      throw new IllegalStateException(failed + " input(s) failed");
    }
  }

  private static boolean isUrl(String input) {
    return input.startsWith("http://") || input.startsWith("https://");
  }

  /**
   * A URL stays itself; a directory becomes its files, in name order. A directory named through a
   * symbolic link is walked where the link points; links inside it are not followed (no cycles).
   */
  private static List<String> expand(String input) throws java.io.IOException {
    if (isUrl(input)) {
      return List.of(input);
    }
    Path path = Path.of(input);
    if (Files.isDirectory(path)) {
      Path dir = path.toRealPath();
      try (Stream<Path> files = Files.walk(dir)) {
        List<String> found =
            files
                .filter(Files::isRegularFile)
                .sorted()
                .map(f -> path.resolve(dir.relativize(f)).toString())
                .toList();
        if (found.isEmpty()) {
          throw new IllegalArgumentException(input + " holds no files");
        }
        return found;
      }
    }
    return List.of(input);
  }

  private static ItemResult ingest(Core core, UUID workspace, String input) throws Exception {
    if (isUrl(input)) {
      return core.ingest().addUrl(workspace, null, input);
    }
    Path file = Path.of(input);
    if (!Files.isRegularFile(file)) {
      return ItemResult.failed(input, 404, "no such file, directory or URL");
    }
    return core.ingest()
        .addFile(workspace, null, file.getFileName().toString(), null, Files.readAllBytes(file));
  }
}
