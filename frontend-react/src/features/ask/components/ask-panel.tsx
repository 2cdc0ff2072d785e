import {
  useEffect,
  useRef,
  useState,
  type SyntheticEvent,
  type KeyboardEvent,
} from 'react';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Loading } from '@/components/ui/loading';
import { describeError } from '@/lib/api-client';

import type { Citation } from '../api/ask';
import { AnswerText } from './answer-text';
import { ChunkPreviewDialog } from './chunk-preview-dialog';
import { CitationList } from './citation-list';
import { useAsk } from './use-ask';
import { WhyPanel } from './why-panel';

const isMod = (event: { metaKey: boolean; ctrlKey: boolean }) =>
  event.metaKey || event.ctrlKey;

/** Question box (Ctrl/Cmd+Enter sends, Ctrl/Cmd+K focuses it), streamed answer and citations. */
export function AskPanel() {
  const [question, setQuestion] = useState('');
  const [preview, setPreview] = useState<Citation | null>(null);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const { state, ask } = useAsk();

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (isMod(event) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        boxRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  const submit = () => {
    const text = question.trim();
    if (text && state.phase !== 'streaming') {
      void ask(text);
    }
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    submit();
  };

  const onBoxKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isMod(event) && event.key === 'Enter') {
      event.preventDefault();
      submit();
    }
  };

  return (
    <>
      <form className="ask-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="ask-question">Your question</label>
          <textarea
            id="ask-question"
            ref={boxRef}
            rows={3}
            aria-describedby="ask-hint"
            value={question}
            onChange={(event) => {
              setQuestion(event.target.value);
            }}
            onKeyDown={onBoxKeyDown}
          />
          <p id="ask-hint" className="muted hint">
            Press Ctrl+Enter (⌘+Enter on a Mac) to ask; Ctrl+K (⌘+K) jumps back
            here.
          </p>
        </div>
        <Button
          type="submit"
          disabled={state.phase === 'streaming' || !question.trim()}
        >
          {state.phase === 'streaming' ? 'Answering…' : 'Ask'}
        </Button>
      </form>

      <section className="answer card" aria-labelledby="answer-heading">
        <h2 id="answer-heading">Answer</h2>
        {state.phase === 'idle' ? (
          <p className="muted">
            Ask a question about your sources; the answer cites the passages it
            comes from.
          </p>
        ) : (
          <>
            {state.phase === 'streaming' && state.text === '' ? (
              <Loading label="Searching your sources…" />
            ) : null}
            <div aria-live="polite" aria-busy={state.phase === 'streaming'}>
              {state.text ? (
                <AnswerText
                  text={state.text}
                  citations={state.citations}
                  onOpen={setPreview}
                />
              ) : null}
            </div>
            {state.phase === 'done' && state.citations.length === 0 ? (
              <p className="muted">
                No source passage supports an answer to this question.
              </p>
            ) : null}
            {state.phase === 'error' ? (
              <ErrorAlert
                title="The answer failed"
                {...describeError(state.error)}
                action={<Button onClick={submit}>Try again</Button>}
              />
            ) : null}
            <CitationList
              citations={state.citations}
              onOpen={setPreview}
              heading={
                state.result?.abstained ? 'Closest passages' : 'Sources cited'
              }
            />
            {state.phase === 'done' && state.result ? (
              <WhyPanel result={state.result} />
            ) : null}
          </>
        )}
      </section>

      {preview ? (
        <ChunkPreviewDialog
          citation={preview}
          onClose={() => {
            setPreview(null);
          }}
        />
      ) : null}
    </>
  );
}
