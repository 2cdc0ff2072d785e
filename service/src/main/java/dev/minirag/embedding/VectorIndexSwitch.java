package dev.minirag.embedding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At startup, makes the HNSW index use the configured storage ({@code SEARCH_VECTOR_STORAGE}), so a
 * changed setting takes effect by restarting the nodes. Runs before the node serves: a node whose
 * query shape did not match the index would scan every vector.
 */
public final class VectorIndexSwitch {

  private static final Logger LOG = LoggerFactory.getLogger(VectorIndexSwitch.class);

  private final VectorIndexDao dao;

  public VectorIndexSwitch(VectorIndexDao dao) {
    this.dao = dao;
  }

  public VectorIndexDao.Outcome apply(VectorStorage storage) {
    var before = dao.current();
    if (before.isPresent() && before.get() != storage) {
      LOG.info(
          "Vector index: rebuilding {} from {} to {} storage (SEARCH_VECTOR_STORAGE); writes to"
              + " chunks wait until it is done, searches keep the old index meanwhile",
          VectorStorage.INDEX,
          before.get().wire(),
          storage.wire());
    }
    long t0 = System.nanoTime();
    VectorIndexDao.Outcome outcome = dao.ensure(storage);
    double seconds = (System.nanoTime() - t0) / 1e9;
    switch (outcome) {
      case SWITCHED ->
          LOG.info(
              "Vector index: {} now uses {} storage, rebuilt in {} s",
              VectorStorage.INDEX,
              storage.wire(),
              String.format(java.util.Locale.ROOT, "%.1f", seconds));
      case UNCHANGED ->
          LOG.info(
              "Vector index: {} uses {} storage{}",
              VectorStorage.INDEX,
              storage.wire(),
              before.isPresent() && before.get() != storage
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
