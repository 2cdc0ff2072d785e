package dev.minirag.cli;

import com.pgvector.PGvector;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.common.CommandErrors;
import dev.minirag.common.db.PlainSql;
import dev.minirag.documents.EmbeddingPipeline;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.Embedders;
import dev.minirag.embedding.EmbeddingSettingsDao;
import dev.minirag.embedding.ReembedDao;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Rewrites every stored vector with the configured embedding model and records it, e.g. after
 * EMBEDDING_MODEL changed. A model of another dimension gets the column resized first (its HNSW
 * index is dropped and rebuilt). Run with the servers stopped; it resumes where a previous run
 * stopped only in the sense that re-running it rewrites everything again.
 */
public class ReembedCommand extends ConfiguredCommand<MiniRagConfiguration> {
  private static final int BATCH = 64;

  public ReembedCommand() {
    super(
        "reembed",
        "Re-embed every chunk with the configured embedding model (stop the servers first)");
  }

  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap, Namespace namespace, MiniRagConfiguration config)
      throws Exception {
    CommandLogs.toStderr(bootstrap, config);
    ManagedDataSource ds = config.getDatabase().build(bootstrap.getMetricRegistry(), "reembed");
    Embedder embedder = Embedders.create(config.getEmbedding());
    embedder.start();
    try {
      Jdbi jdbi = PlainSql.configure(Jdbi.create(ds).installPlugin(new SqlObjectPlugin()));
      EmbeddingSettingsDao settings = jdbi.onDemand(EmbeddingSettingsDao.class);
      ReembedDao chunks = jdbi.onDemand(ReembedDao.class);
      int dimension = embedder.dimension();
      boolean resize = settings.columnDimension().map(d -> d != dimension).orElse(true);
      if (resize) {
        System.err.println("Resizing chunks.embedding to vector(" + dimension + ")");
        chunks.resizeEmbeddings(dimension);
      }
      long total = chunks.countChunks();
      long done = 0;
      // PostgreSQL orders uuids as unsigned bytes: the nil uuid sorts first.
      UUID afterWorkspace = new UUID(0, 0);
      UUID after = new UUID(0, 0);
      ProgressLine progress = new ProgressLine("reembed", "chunks", System.err);
      while (true) {
        List<ReembedDao.Row> rows = chunks.page(afterWorkspace, after, BATCH);
        if (rows.isEmpty()) {
          break;
        }
        List<String> texts = new ArrayList<>();
        rows.forEach(r -> texts.add(EmbeddingPipeline.embeddingText(r.title(), r.text())));
        List<float[]> vectors = embedder.embedDocuments(texts);
        chunks.setEmbeddings(
            rows.stream().map(ReembedDao.Row::workspaceId).toList(),
            rows.stream().map(ReembedDao.Row::id).toList(),
            vectors.stream().map(PGvector::new).toList());
        done += rows.size();
        ReembedDao.Row last = rows.get(rows.size() - 1);
        afterWorkspace = last.workspaceId();
        after = last.id();
        progress.report(done, total);
      }
      if (resize) {
        chunks.createVectorIndex(config.getSearch().getHnswIndex(), dimension);
      }
      settings.record(embedder.model(), dimension);
      System.out.println(
          "Re-embedded "
              + done
              + " chunks with "
              + embedder.model()
              + " ("
              + dimension
              + " dimensions)");
    } finally {
      embedder.stop();
      ds.stop();
    }
  }

  /** Operator mistakes print one line on stderr, not a stack trace (see {@link CommandErrors}). */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.report(cli.getStdErr(), e, () -> super.onError(cli, namespace, e));
  }
}
