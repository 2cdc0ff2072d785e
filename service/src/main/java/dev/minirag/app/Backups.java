package dev.minirag.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.audit.AuditLog;
import dev.minirag.backup.ArchiveStore;
import dev.minirag.backup.ArchiveStoreDao;
import dev.minirag.backup.BackupConfig;
import dev.minirag.backup.BackupDao;
import dev.minirag.backup.ExportJobHandler;
import dev.minirag.backup.ExportJobsResource;
import dev.minirag.backup.ExportResource;
import dev.minirag.backup.ExportService;
import dev.minirag.backup.ImportJobHandler;
import dev.minirag.backup.ImportResource;
import dev.minirag.backup.ImportService;
import dev.minirag.documents.IngestGate;
import dev.minirag.quota.QuotaService;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Workspace export and import, wired on the retrieval core: its model re-embeds, its index is told
 * of imports. The audit log is here for the commands, which record what they did themselves.
 */
public record Backups(
    ExportService exports,
    ImportService imports,
    ExportResource exportResource,
    ExportJobsResource exportJobsResource,
    ImportResource importResource,
    AuditLog audit) {

  /**
   * Also registers the export and import job handlers with the core's queue (before its workers
   * start).
   */
  static Backups build(
      MiniRagConfiguration config,
      Jdbi jdbi,
      Core core,
      AuditLog audit,
      QuotaService quota,
      IngestGate gate,
      ObjectMapper json) {
    BackupConfig bc = config.getBackup();
    BackupDao backupDao = jdbi.onDemand(BackupDao.class);
    ExportService exports = new ExportService(backupDao);
    ImportService imports =
        new ImportService(
            backupDao,
            core.embedder(),
            config.getEmbedding().getBatchSize(),
            quota,
            gate,
            bc.limits(),
            workspace -> Core.catchUp(core.index()));
    ArchiveStore store =
        new ArchiveStore(
            jdbi.onDemand(ArchiveStoreDao.class),
            Path.of(bc.getArchiveDir()),
            Duration.ofMillis(bc.getArchiveRetention().toMilliseconds()));
    core.jobHandlers()
        .register(new ExportJobHandler(exports, store, audit))
        .register(new ImportJobHandler(imports, store, audit, json));
    return new Backups(
        exports,
        imports,
        new ExportResource(exports, audit),
        new ExportJobsResource(core.jobs(), store, audit),
        new ImportResource(imports, store, core.jobs(), audit),
        audit);
  }
}
