package dev.minirag.search;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/reindex} on the admin port: rebuilds this node's Lucene index from PostgreSQL
 * while it keeps serving from the previous contents.
 */
public class ReindexTask extends Task {

  private final LuceneIndex index;

  public ReindexTask(LuceneIndex index) {
    super("reindex");
    this.index = index;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
    long started = System.nanoTime();
    long seq = index.rebuild();
    output.printf(
        "rebuilt %d chunks up to change %d in %d ms%n",
        index.numDocs(), seq, (System.nanoTime() - started) / 1_000_000);
  }
}
