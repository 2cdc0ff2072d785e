import { useState, type SyntheticEvent } from 'react';

import { Button } from '@/components/ui/button';

import { addYoutube } from '../api/add-youtube';
import { ResultList } from './result-list';
import { useSingleIngest } from './use-single-ingest';

export function YoutubeSection() {
  const [url, setUrl] = useState('');
  const { rows, busy, run } = useSingleIngest('YouTube video');
  const last = rows[0];

  const submit = async () => {
    const value = url.trim();
    const row = await run(value, () => addYoutube(value));
    if (row.outcome?.status !== 'failed') {
      setUrl('');
    }
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!busy && url.trim()) {
      void submit();
    }
  };

  return (
    <section className="card" aria-labelledby="ingest-youtube">
      <h2 id="ingest-youtube">YouTube video</h2>
      <form onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="ingest-youtube-url">Video URL</label>
          <input
            id="ingest-youtube-url"
            type="url"
            required
            placeholder="https://youtu.be/…"
            value={url}
            onChange={(event) => {
              setUrl(event.target.value);
            }}
          />
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Fetching transcript…' : 'Add video'}
        </Button>
        {last?.outcome?.status === 'failed' && !busy && url ? (
          <Button className="button-secondary" onClick={() => void submit()}>
            Retry failed
          </Button>
        ) : null}
      </form>
      <p className="muted">
        The English transcript is fetched. If this server cannot reach YouTube,
        upload the transcript as a .vtt file instead.
      </p>
      <ResultList label="YouTube results" rows={rows} />
    </section>
  );
}
