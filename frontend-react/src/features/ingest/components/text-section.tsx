import { useState, type SyntheticEvent } from 'react';

import { Button } from '@/components/ui/button';

import { addText } from '../api/add-text';
import { ResultList } from './result-list';
import { useSingleIngest } from './use-single-ingest';

export function TextSection() {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const { rows, busy, run } = useSingleIngest('Text');
  const last = rows[0];

  const submit = async () => {
    const input = { title: title.trim(), text };
    const row = await run(input.title, () => addText(input));
    if (row.outcome?.status !== 'failed') {
      setTitle('');
      setText('');
    }
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!busy && title.trim() && text.trim()) {
      void submit();
    }
  };

  return (
    <section className="card" aria-labelledby="ingest-text">
      <h2 id="ingest-text">Raw text</h2>
      <form onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="ingest-text-title">Title</label>
          <input
            id="ingest-text-title"
            required
            value={title}
            onChange={(event) => {
              setTitle(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="ingest-text-body">Text</label>
          <textarea
            id="ingest-text-body"
            rows={6}
            required
            value={text}
            onChange={(event) => {
              setText(event.target.value);
            }}
          />
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add text'}
        </Button>
        {last?.outcome?.status === 'failed' && !busy && title ? (
          <Button className="button-secondary" onClick={() => void submit()}>
            Retry failed
          </Button>
        ) : null}
      </form>
      <ResultList label="Text results" rows={rows} />
    </section>
  );
}
