package dev.minirag.cli;

import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * Rebuilds this node's Lucene index from PostgreSQL. The server must be stopped (Lucene's write
 * lock).
 */
public class ReindexCommand extends ServiceCommand {

  public ReindexCommand() {
    super(
        "reindex",
        "Rebuild this node's Lucene index from PostgreSQL (stop the server first; on a running node use POST /tasks/reindex on the admin port)");
  }

  @Override
  void run(Core core, Namespace namespace, MiniRagConfiguration configuration) throws Exception {
    ProgressLine progress = new ProgressLine("reindex", "chunks", System.err);
    long seq = core.index().rebuild(progress::report);
    System.out.println(
        "Rebuilt the index at "
            + configuration.getIndex().getPath()
            + ": "
            + core.index().numDocs()
            + " chunks, change sequence "
            + seq);
  }
}
