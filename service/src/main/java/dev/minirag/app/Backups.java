package dev.minirag.app;

import dev.minirag.audit.AuditLog;
import dev.minirag.backup.BackupDao;
import dev.minirag.backup.ExportResource;
import dev.minirag.backup.ExportService;
import dev.minirag.backup.ImportResource;
import dev.minirag.backup.ImportService;
import dev.minirag.documents.IngestGate;
import dev.minirag.quota.QuotaService;
import org.jdbi.v3.core.Jdbi;

/**
 * Workspace export and import, wired on the retrieval core: its model re-embeds, its index is told
 * of imports. The audit log is here for the commands, which record what they did themselves.
 */
public record Backups(ExportService exports, ImportService imports, ExportResource exportResource, ImportResource importResource,
    AuditLog audit) {

  static Backups build(MiniRagConfiguration config, Jdbi jdbi, Core core, AuditLog audit, QuotaService quota, IngestGate gate) {
    ExportService exports = new ExportService(jdbi.onDemand(BackupDao.class));
    ImportService imports = new ImportService(jdbi, core.embedder(), config.getEmbedding().getBatchSize(), quota, gate,
        config.getBackup().limits(), workspace -> Core.catchUp(core.index()));
    return new Backups(exports, imports, new ExportResource(exports, audit), new ImportResource(imports, audit), audit);
  }
}
