package dev.minirag.documents;

import dev.minirag.access.Caller;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.documents.SourcesResource.BatchResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;

/**
 * Batches of URLs and uploaded files as the API takes them: the workspace's ingest gate first, one
 * result per item, every item counted and every stored source audited. Shared by {@link
 * SourcesResource} and the predecessor's aliases, so both answer alike.
 */
public class SourceIntake {
  private final IngestService ingest;
  private final Uploads uploads;
  private final AuditLog audit;
  private final IngestMetrics metrics;

  public SourceIntake(
      IngestService ingest, Uploads uploads, AuditLog audit, IngestMetrics metrics) {
    this.ingest = ingest;
    this.uploads = uploads;
    this.audit = audit;
    this.metrics = metrics;
  }

  public BatchResult addUrls(Caller caller, List<String> urls) {
    UUID workspace = caller.workspace();
    ingest.admit(workspace);
    return audited(
        caller,
        SourceKind.URL,
        urls.stream().map(u -> ingest.addUrl(workspace, caller.userId(), u.strip())).toList());
  }

  public BatchResult addFiles(Caller caller, List<FormDataBodyPart> files) {
    UUID workspace = caller.workspace();
    ingest.admit(workspace);
    if (files == null || files.isEmpty()) {
      throw new ApiException(422, "no files: send one or more multipart parts named `files`");
    }
    if (files.size() > uploads.maxFiles()) {
      throw new ApiException(413, "too many files: at most " + uploads.maxFiles() + " per request");
    }
    return audited(
        caller,
        SourceKind.FILE,
        files.stream().map(part -> uploads.ingest(workspace, caller.userId(), part)).toList());
  }

  public ItemResult addText(Caller caller, String title, String text, String externalId) {
    ingest.admit(caller.workspace());
    return single(
        caller,
        SourceKind.TEXT,
        ingest.addText(caller.workspace(), caller.userId(), title, text, externalId));
  }

  public ItemResult addYoutube(Caller caller, String url) {
    ingest.admit(caller.workspace());
    return single(
        caller,
        SourceKind.YOUTUBE,
        ingest.addYoutube(caller.workspace(), caller.userId(), url.strip()));
  }

  private ItemResult single(Caller caller, SourceKind kind, ItemResult item) {
    return audited(caller, kind, List.of(item)).items().get(0);
  }

  /** Duplicates and failures store nothing, so only accepted items are audit events. */
  private BatchResult audited(Caller caller, SourceKind kind, List<ItemResult> items) {
    for (ItemResult item : items) {
      metrics.record(kind, item);
      if (item.status() == IngestOutcome.ACCEPTED) {
        audit.record(
            caller,
            AuditActions.SOURCE_INGEST,
            caller.workspace(),
            item.sourceId().toString(),
            Map.of("input", item.input()));
      }
    }
    return new BatchResult(items);
  }
}
