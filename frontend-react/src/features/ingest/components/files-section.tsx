import { useState, type DragEvent } from 'react';

import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

import { uploadFile } from '../api/upload-file';
import { outcomeOfError, outcomeOfItem, summarize } from '../utils/messages';
import { ResultList, type ResultRow } from './result-list';

type Entry = ResultRow & { file: File };

let counter = 0;

/** Drop or pick files; each file is uploaded on its own, with its own progress and result. */
export function FilesSection() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [dragging, setDragging] = useState(false);
  const { notify } = useToast();

  const patch = (key: string, change: Partial<Entry>) => {
    setEntries((current) =>
      current.map((entry) =>
        entry.key === key ? { ...entry, ...change } : entry,
      ),
    );
  };

  const upload = async (batch: Entry[]) => {
    const outcomes = await Promise.all(
      batch.map(async (entry) => {
        try {
          const result = await uploadFile(entry.file, (progress) => {
            patch(entry.key, { progress });
          });
          const item = result.items[0];
          const outcome = item
            ? outcomeOfItem(item)
            : outcomeOfError(new Error('The service sent no result.'));
          patch(entry.key, { outcome });
          return outcome;
        } catch (error) {
          const outcome = outcomeOfError(error);
          patch(entry.key, { outcome });
          return outcome;
        }
      }),
    );
    notify(
      `Files: ${summarize(outcomes)}.`,
      outcomes.some((o) => o.status === 'failed') ? 'error' : 'success',
    );
  };

  const addFiles = (files: FileList | File[]) => {
    const batch = Array.from(files).map<Entry>((file) => ({
      key: `file-${++counter}`,
      label: file.name,
      file,
      progress: 0,
    }));
    if (batch.length === 0) {
      return;
    }
    setEntries((current) => [...current, ...batch]);
    void upload(batch);
  };

  const retryFailed = () => {
    const failed = entries.filter(
      (entry) => entry.outcome?.status === 'failed',
    );
    const reset = failed.map((entry) => ({
      ...entry,
      outcome: undefined,
      progress: 0,
    }));
    setEntries((current) =>
      current.map((entry) => reset.find((r) => r.key === entry.key) ?? entry),
    );
    void upload(reset);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  };

  const failedCount = entries.filter(
    (e) => e.outcome?.status === 'failed',
  ).length;
  const busy = entries.some((e) => !e.outcome);

  return (
    <section className="card" aria-labelledby="ingest-files">
      <h2 id="ingest-files">Files</h2>
      <div
        className={dragging ? 'dropzone dropzone-active' : 'dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => {
          setDragging(false);
        }}
        onDrop={onDrop}
      >
        <p>Drop files here, or</p>
        <label htmlFor="ingest-file-input">Choose files</label>{' '}
        <input
          id="ingest-file-input"
          type="file"
          multiple
          onChange={(event) => {
            if (event.target.files) {
              addFiles(event.target.files);
            }
            event.target.value = '';
          }}
        />
        <p className="muted">
          PDF, DOCX, PPTX, XLSX, HTML, Markdown, plain text, EPUB, WebVTT, SRT.
        </p>
      </div>
      <ResultList label="File results" rows={entries} />
      {failedCount > 0 && !busy ? (
        <Button onClick={retryFailed}>Retry failed ({failedCount})</Button>
      ) : null}
    </section>
  );
}
