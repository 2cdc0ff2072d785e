package dev.minirag.cli;

import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.ask.AskService;
import dev.minirag.ask.Citation;
import dev.minirag.ask.ExtractiveAnswerer;
import dev.minirag.common.CommandErrors;
import dev.minirag.documents.ItemResult;
import dev.minirag.eval.AnswerScore;
import dev.minirag.eval.AnswerSet;
import dev.minirag.eval.Machine;
import dev.minirag.search.SearchResult;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code eval-answers --pages DIR --questions FILE [--smoke] [--json FILE] config.yml}: uploads a
 * manual's HTML pages into a temporary workspace as files, asks every question through the ask
 * service the API uses, and reports how often the answer states the accepted fact, whether the
 * citations point at a right page, how often it abstains, and how long asking took.
 */
public class AnswerEvalCommand extends ConfiguredCommand<MiniRagConfiguration> {

  static final int MAX_PAGES = 5_000;

  public AnswerEvalCommand() {
    super(
        "eval-answers",
        "Measure answer quality (contains-fact, citation@1/@5, abstention, latency) on a manual and a question set");
  }

  @Override
  public void configure(Subparser p) {
    super.configure(p);
    p.addArgument("--pages")
        .required(true)
        .help("directory of the manual's HTML pages (top level *.html)");
    p.addArgument("--questions")
        .required(true)
        .help("question set, JSON lines (see bench/answers/README.md)");
    p.addArgument("--page-list").help("only these pages: a file with one page name per line");
    p.addArgument("--smoke")
        .action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("only the questions marked smoke");
    p.addArgument("--json").help("write the results as JSON to this file");
    p.addArgument("--workspace")
        .help(
            "ask over this existing workspace (its file sources named as the pages) instead of ingesting");
    p.addArgument("--keep")
        .action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help(
            "keep the workspace the pages were ingested into (its id is printed), for --workspace later");
    p.addArgument("--without")
        .help(
            "ablation: the offline answerer with these signals off, comma-separated"
                + " (dense, type, rank, label, paragraph, abstain, sides, summary, option, named, optterm, entry, subcmd, qwords, faq); each set is run after the full answerer, on the same workspace");
    p.addArgument("--with")
        .help(
            "variants: the offline answerer with these numeric settings changed, comma-separated, each"
                + " a setting=value or several joined by '+' (passages=8+embedded=24; settings: passages,"
                + " embedded, lexical, dense, type, rank, label, paragraph, abstain, faq); run like --without");
  }

  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap, Namespace ns, MiniRagConfiguration config)
      throws Exception {
    PrintStream out = System.out;
    AnswerSet set = AnswerSet.load(Path.of(ns.getString("questions")), ns.getBoolean("smoke"));
    List<Path> pages = pages(Path.of(ns.getString("pages")), ns.getString("page_list"));
    // Built before any work, so an unknown signal or setting is refused at once.
    ExtractiveAnswerer.Settings full =
        ExtractiveAnswerer.Settings.defaults(
            config.getAnswer().getMaxSentences(), config.getAnswer().getMaxChars());
    Map<String, ExtractiveAnswerer.Settings> variants =
        variants(full, ns.getString("without"), ns.getString("with"));
    config
        .getIngest()
        .setInlineChunkLimit(
            Integer.MAX_VALUE); // every page is searchable before the first question
    out.printf(
        Locale.ROOT,
        "eval-answers %s: %d pages, %d questions, model %s, answerer %s%n",
        set.name(),
        pages.size(),
        set.questions().size(),
        config.getEmbedding().getModel(),
        config.getAnswer().getProvider());
    try (InProcessApp app = new InProcessApp(bootstrap, config).startEngines()) {
      Core core = app.core();
      String existing = ns.getString("workspace");
      UUID ws =
          existing != null
              ? UUID.fromString(existing)
              : core.workspaces()
                  .createTemporary("eval-answers " + set.name() + " " + Instant.now());
      try {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dataset", set.name());
        long started = System.nanoTime();
        Map<UUID, String> files = existing != null ? files(core, ws) : ingest(core, ws, pages, out);
        core.index().catchUp();
        report.put(
            "ingest",
            Map.of(
                "pages",
                existing != null ? files.size() : pages.size(),
                "seconds",
                round((System.nanoTime() - started) / 1e9)));
        AnswerScore score = new AnswerScore(full.passages());
        List<Map<String, Object>> results = new ArrayList<>();
        ask(core.ask(), ws, set, files, score, results);
        // After the timed questions, so its query embeddings do not warm their cache.
        Map<String, List<String>> retrieved = retrieved(core, config, ws, set);
        locate(set, retrieved, score, results);
        report.putAll(score.summary());
        out.println();
        out.print(score.table());
        if (!variants.isEmpty()) {
          report.put("ablation", ablation(core, config, ws, set, files, retrieved, variants, out));
        }
        report.put("config", EvalCommand.configReport(config));
        report.put("answerer", config.getAnswer().getProvider());
        report.put("machine", Machine.facts());
        report.put("date", Instant.now().toString());
        report.put("results", results);
        if (ns.getString("json") != null) {
          EvalCommand.writeJson(
              bootstrap.getObjectMapper(), Path.of(ns.getString("json")), report, out);
        }
      } finally {
        if (existing == null && !ns.getBoolean("keep")) {
          core.workspaces().delete(ws);
          core.index().catchUp();
          out.println("removed the temporary workspace " + ws);
        } else {
          out.println("kept the workspace " + ws);
        }
      }
    }
  }

  private static void ask(
      AskService ask,
      UUID ws,
      AnswerSet set,
      Map<UUID, String> files,
      AnswerScore score,
      List<Map<String, Object>> results) {
    for (AnswerSet.Question q : set.questions()) {
      long t0 = System.nanoTime();
      AskService.AskResult r = ask.ask(ws, q.question(), null, null, token -> {});
      double ms = (System.nanoTime() - t0) / 1e6;
      // The answer's citations first, then the other passages it was drawn from, in rank order.
      Set<String> cited = new LinkedHashSet<>();
      for (Citation c : r.citations()) {
        cited.add(files.get(c.sourceId()));
      }
      List<String> shown = new ArrayList<>(cited);
      for (AskService.RetrievedHit h : r.retrieval().hits()) {
        String f = files.get(h.sourceId());
        if (!shown.contains(f)) {
          shown.add(f);
        }
      }
      AnswerScore.Outcome o = score.add(q, r.answer(), r.abstained(), shown, cited.size(), ms);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", q.id());
      row.put("kind", q.kind());
      row.put("correct", o.correct());
      row.put("abstained", r.abstained());
      row.put("support", r.support());
      row.put("citation1", o.citation1());
      row.put("citation5", o.citation5());
      row.put("sources", shown.subList(0, Math.min(5, shown.size())));
      row.put("ms", round(ms));
      row.put("answer", r.answer());
      results.add(row);
    }
  }

  /** Where each question's fact stands among its retrieved passages, in the rows and the score. */
  private static void locate(
      AnswerSet set,
      Map<String, List<String>> retrieved,
      AnswerScore score,
      List<Map<String, Object>> results) {
    for (int i = 0; i < set.questions().size(); i++) {
      AnswerSet.Question q = set.questions().get(i);
      Integer factPassage = q.statedIn(retrieved.get(q.id()));
      score.located(q, factPassage);
      results.get(i).put("factPassage", factPassage);
    }
  }

  /**
   * Each question's retrieved passage texts, in rank order, by question id: the same search the ask
   * path runs, done apart from the timed questions.
   */
  private static Map<String, List<String>> retrieved(
      Core core, MiniRagConfiguration config, UUID ws, AnswerSet set) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (AnswerSet.Question q : set.questions()) {
      out.put(
          q.id(),
          core
              .search()
              .search(
                  ws, AskService.retrieval(q.question(), config.getAnswer().getDefaultK(), null))
              .hits()
              .stream()
              .map(SearchResult.Hit::text)
              .toList());
    }
    return out;
  }

  /** The offline answerer's variants by name: "without dense", "with passages=8". */
  static Map<String, ExtractiveAnswerer.Settings> variants(
      ExtractiveAnswerer.Settings full, String without, String with) {
    Map<String, ExtractiveAnswerer.Settings> out = new LinkedHashMap<>();
    if (without != null) {
      for (String signal : without.split(",")) {
        out.put("without " + signal.strip(), full.without(signal.strip()));
      }
    }
    if (with != null) {
      for (String assignments : with.split(",")) {
        out.put("with " + assignments.strip(), full.with(assignments.strip()));
      }
    }
    return out;
  }

  /** The offline answerer again, once per variant, on the same workspace. */
  private static Map<String, Object> ablation(
      Core core,
      MiniRagConfiguration config,
      UUID ws,
      AnswerSet set,
      Map<UUID, String> files,
      Map<String, List<String>> retrieved,
      Map<String, ExtractiveAnswerer.Settings> variants,
      PrintStream out) {
    Map<String, Object> runs = new LinkedHashMap<>();
    variants.forEach(
        (name, settings) -> {
          AskService ask =
              new AskService(
                  core.search(),
                  new ExtractiveAnswerer(settings, core.embedder()),
                  config.getAnswer().getDefaultK());
          AnswerScore score = new AnswerScore(settings.passages());
          List<Map<String, Object>> results = new ArrayList<>();
          ask(ask, ws, set, files, score, results);
          locate(set, retrieved, score, results);
          Map<String, Object> summary = score.summary();
          // Each question's outcome, so a variant can be compared with the default answer by
          // answer.
          summary.put("results", results);
          runs.put(name, summary);
          out.println();
          out.println(name + ":");
          out.print(score.table());
        });
    return runs;
  }

  /** An existing workspace's file sources by id → file name. */
  private static Map<UUID, String> files(Core core, UUID ws) {
    Map<UUID, String> files = new LinkedHashMap<>();
    for (int offset = 0; ; offset += 200) {
      List<dev.minirag.documents.SourceView> page =
          core.sources()
              .list(ws, dev.minirag.documents.SourceKind.FILE, null, null, 200, offset)
              .items();
      page.forEach(s -> files.put(s.id(), s.fileName()));
      if (page.size() < 200) {
        return files;
      }
    }
  }

  /** Uploads each page as a file, as a person would; returns source id → page name. */
  private static Map<UUID, String> ingest(Core core, UUID ws, List<Path> pages, PrintStream out)
      throws Exception {
    Map<UUID, String> files = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Path page : pages) {
        futures.add(
            pool.submit(
                () -> {
                  String name = page.getFileName().toString();
                  ItemResult r =
                      core.ingest().addFile(ws, null, name, "text/html", Files.readAllBytes(page));
                  if (r.sourceId() != null) {
                    files.putIfAbsent(
                        r.sourceId(), name); // a duplicate page answers as its first copy
                  } else {
                    out.printf(Locale.ROOT, "  skipped %s: %s%n", name, r.error());
                  }
                  return null;
                }));
      }
      int done = 0;
      for (Future<?> f : futures) {
        f.get();
        if (++done % 50 == 0 || done == futures.size()) {
          out.printf(Locale.ROOT, "  ingested %d/%d pages%n", done, futures.size());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return files;
  }

  static List<Path> pages(Path dir, String listFile) throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--pages: not a directory: " + dir);
    }
    Set<String> only = null;
    if (listFile != null) {
      only = new LinkedHashSet<>();
      for (String line : Files.readAllLines(Path.of(listFile))) {
        if (!line.isBlank()) {
          only.add(line.strip());
        }
      }
    }
    Set<String> wanted = only;
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> pages =
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().endsWith(".html"))
              .filter(f -> wanted == null || wanted.contains(f.getFileName().toString()))
              .sorted()
              .toList();
      if (pages.isEmpty()) {
        throw new IllegalArgumentException("--pages: no matching .html pages in " + dir);
      }
      if (pages.size() > MAX_PAGES) {
        throw new IllegalArgumentException("--pages: more than " + MAX_PAGES + " pages");
      }
      return pages;
    }
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.report(cli.getStdErr(), e, () -> super.onError(cli, namespace, e));
  }
}
