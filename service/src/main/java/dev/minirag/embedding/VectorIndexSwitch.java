package dev.minirag.embedding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At startup, makes the HNSW index the configured one ({@code SEARCH_VECTOR_STORAGE}, {@code
 * SEARCH_HNSW_M}, {@code SEARCH_HNSW_EF_CONSTRUCTION}), so a changed setting takes effect by
 * restarting the nodes. Runs before the node serves: a node whose query shape did not match the
 * index would scan every vector.
 */
public final class VectorIndexSwitch {

  private static final Logger LOG = LoggerFactory.getLogger(VectorIndexSwitch.class);

  private final VectorIndexDao dao;

  public VectorIndexSwitch(VectorIndexDao dao) {
    this.dao = dao;
  }

  public VectorIndexDao.Outcome apply(HnswIndex wanted) {
    var before = dao.current();
    boolean differs = before.isPresent() && !before.get().equals(wanted);
    if (differs) {
      LOG.info(
          "Vector index: rebuilding {} from ({}) to ({}); writes to chunks wait until it is done,"
              + " searches keep the old index meanwhile",
          VectorStorage.INDEX,
          before.get().describe(),
          wanted.describe());
    }
    long t0 = System.nanoTime();
    VectorIndexDao.Outcome outcome = dao.ensure(wanted);
    double seconds = (System.nanoTime() - t0) / 1e9;
    switch (outcome) {
      case SWITCHED ->
          LOG.info(
              "Vector index: {} is now ({}), rebuilt in {} s",
              VectorStorage.INDEX,
              wanted.describe(),
              String.format(java.util.Locale.ROOT, "%.1f", seconds));
      case UNCHANGED ->
          LOG.info(
              "Vector index: {} is ({}){}",
              VectorStorage.INDEX,
              wanted.describe(),
              differs
                  ? " (another node switched it while this one waited "
                      + String.format(java.util.Locale.ROOT, "%.1f", seconds)
                      + " s)"
                  : "");
      case NO_INDEX ->
          LOG.warn(
              "Vector index: no {} (reembed creates it when it finishes); searches scan every vector",
              VectorStorage.INDEX);
    }
    return outcome;
  }
}
