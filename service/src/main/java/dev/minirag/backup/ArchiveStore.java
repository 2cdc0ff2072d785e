package dev.minirag.backup;

import dev.minirag.backup.ArchiveStoreDao.StoredArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives of export and import jobs, kept in PostgreSQL so that any node can run the job and any
 * node can serve the download (docs/decisions/006-backup-archives.md). Written and read one part
 * (at most {@link #PART_BYTES}) at a time. Local files exist only while an import job reads its
 * archive (a zip is read by random access): in the work directory, owner-only, deleted after.
 */
public class ArchiveStore {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveStore.class);
  static final int PART_BYTES = 1024 * 1024;

  /** Archives removed per sweep: a sweep is bounded work whatever has piled up. */
  static final int SWEEP_LIMIT = 100;

  public static final String EXPORT = "export";
  public static final String IMPORT = "import";

  private final ArchiveStoreDao dao;
  private final Path workDir;
  private final Duration retention;

  public ArchiveStore(ArchiveStoreDao dao, Path workDir, Duration retention) {
    this.dao = dao;
    this.workDir = workDir;
    this.retention = retention;
  }

  public Duration retention() {
    return retention;
  }

  /**
   * Removes archives older than the retention (at most {@link #SWEEP_LIMIT}); a failure is logged,
   * not raised.
   */
  public int sweep() {
    try {
      int removed = dao.deleteOlderThan(retention.toMillis(), SWEEP_LIMIT);
      if (removed > 0) {
        LOG.info("Removed {} stored workspace archive(s) older than {}", removed, retention);
      }
      return removed;
    } catch (RuntimeException e) {
      LOG.warn("Removing old workspace archives failed; the next export or upload retries", e);
      return 0;
    }
  }

  /**
   * A new, incomplete archive; {@link Writer#complete()} makes it servable, closing without it
   * removes it.
   */
  public Writer create(UUID workspace, String kind, UUID job) {
    return new Writer(workspace, dao.create(workspace, kind, job));
  }

  /**
   * Stores an upload, refusing it (413, nothing kept) past {@code maxBytes}.
   *
   * @return the stored archive's id
   */
  public UUID store(UUID workspace, InputStream in, long maxBytes) throws IOException {
    try (Writer out = create(workspace, IMPORT, null)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (out.size() + n > maxBytes) {
          throw ArchiveRefused.tooLarge("it is larger than the " + maxBytes + "-byte limit");
        }
        out.write(buffer, 0, n);
      }
      return out.complete();
    }
  }

  public Optional<StoredArchive> find(UUID workspace, UUID id) {
    return dao.find(workspace, id).filter(StoredArchive::complete);
  }

  public Optional<StoredArchive> forJob(UUID workspace, UUID job) {
    return dao.forJob(workspace, job).filter(StoredArchive::complete);
  }

  public void delete(UUID workspace, UUID id) {
    dao.delete(workspace, id);
  }

  public void deleteForJob(UUID workspace, UUID job) {
    dao.deleteForJob(workspace, job);
  }

  /** The archive's bytes, read one part at a time. */
  public InputStream open(UUID workspace, UUID id) {
    return new PartsInput(workspace, id);
  }

  /** Copies a stored archive to an owner-only file in the work directory; the caller deletes it. */
  public Path copyToFile(UUID workspace, UUID id) throws IOException {
    Files.createDirectories(workDir);
    Path file =
        Files.createTempFile(
            workDir,
            "import-",
            ".zip",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (InputStream in = open(workspace, id);
        OutputStream out = Files.newOutputStream(file)) {
      in.transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /** Buffers one part and inserts it when full; each insert is its own statement. */
  public final class Writer extends OutputStream {
    private final UUID workspace;
    private final UUID id;
    private final byte[] part = new byte[PART_BYTES];
    private int filled;
    private int seq;
    private long size;
    private boolean completed;
    private boolean closed;

    private Writer(UUID workspace, UUID id) {
      this.workspace = workspace;
      this.id = id;
    }

    public UUID id() {
      return id;
    }

    public long size() {
      return size;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        int n = Math.min(len, PART_BYTES - filled);
        System.arraycopy(b, off, part, filled, n);
        filled += n;
        size += n;
        off += n;
        len -= n;
        if (filled == PART_BYTES) {
          flushPart();
        }
      }
    }

    private void flushPart() {
      if (filled > 0) {
        byte[] data = filled == PART_BYTES ? part.clone() : java.util.Arrays.copyOf(part, filled);
        dao.insertPart(workspace, id, seq++, data);
        filled = 0;
      }
    }

    /** Writes the last part and marks the archive complete; returns its id. */
    public UUID complete() {
      flushPart();
      dao.complete(workspace, id, size);
      completed = true;
      return id;
    }

    /** Without {@link #complete()} first: the partial archive is removed. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (!completed) {
        dao.delete(workspace, id);
      }
    }
  }

  private final class PartsInput extends InputStream {
    private final UUID workspace;
    private final UUID id;
    private byte[] part = new byte[0];
    private int pos;
    private int seq;
    private boolean end;

    PartsInput(UUID workspace, UUID id) {
      this.workspace = workspace;
      this.id = id;
    }

    private boolean fill() {
      while (!end && pos >= part.length) {
        Optional<byte[]> next = dao.part(workspace, id, seq++);
        if (next.isEmpty()) {
          end = true;
        } else {
          part = next.get();
          pos = 0;
        }
      }
      return !end || pos < part.length;
    }

    @Override
    public int read() {
      return fill() && pos < part.length ? part[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!fill() || pos >= part.length) {
        return -1;
      }
      int n = Math.min(len, part.length - pos);
      System.arraycopy(part, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
