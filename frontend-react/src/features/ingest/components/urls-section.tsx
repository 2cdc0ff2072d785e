import { useState, type SyntheticEvent } from 'react';

import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

import { addUrls } from '../api/add-urls';
import { outcomeOfError, outcomeOfItem, summarize } from '../utils/messages';
import { ResultList, type ResultRow } from './result-list';

/** One URL per line, sent together; each line gets its own result. */
export function UrlsSection() {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<ResultRow[]>([]);
  const [busy, setBusy] = useState(false);
  const { notify } = useToast();

  const send = async (urls: string[], keep: ResultRow[]) => {
    setBusy(true);
    const pending = urls.map((url, i) => ({ key: `${url}-${i}`, label: url }));
    setRows([...keep, ...pending]);
    let fresh: ResultRow[];
    try {
      const result = await addUrls(urls);
      fresh = pending.map((row, i) => {
        const item = result.items[i];
        return {
          ...row,
          outcome: item
            ? outcomeOfItem(item)
            : outcomeOfError(new Error('The service sent no result.')),
        };
      });
    } catch (error) {
      const outcome = outcomeOfError(error);
      fresh = pending.map((row) => ({ ...row, outcome }));
    }
    setRows([...keep, ...fresh]);
    setBusy(false);
    const outcomes = fresh.flatMap((row) => (row.outcome ? [row.outcome] : []));
    notify(
      `URLs: ${summarize(outcomes)}.`,
      outcomes.some((o) => o.status === 'failed') ? 'error' : 'success',
    );
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const urls = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    if (urls.length === 0 || busy) {
      return;
    }
    void send(urls, []);
  };

  const failed = rows.filter((row) => row.outcome?.status === 'failed');

  return (
    <section className="card" aria-labelledby="ingest-urls">
      <h2 id="ingest-urls">Web pages</h2>
      <form onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="ingest-urls-input">URLs, one per line</label>
          <textarea
            id="ingest-urls-input"
            rows={4}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
            }}
          />
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add URLs'}
        </Button>
      </form>
      <ResultList label="URL results" rows={rows} />
      {failed.length > 0 && !busy ? (
        <Button
          onClick={() => {
            void send(
              failed.map((row) => row.label),
              rows.filter((row) => row.outcome?.status !== 'failed'),
            );
          }}
        >
          Retry failed ({failed.length})
        </Button>
      ) : null}
    </section>
  );
}
