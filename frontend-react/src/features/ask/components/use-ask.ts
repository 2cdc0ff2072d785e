import { useCallback, useEffect, useRef, useState } from 'react';

import { streamAnswer, type AskResponse, type Citation } from '../api/ask';

export type AskState =
  | { phase: 'idle' }
  | {
      phase: 'streaming' | 'done' | 'error';
      question: string;
      text: string;
      citations: Citation[];
      result?: AskResponse;
      error?: unknown;
    };

/** Streams one answer at a time; a new question (or leaving the page) aborts the previous one. */
export function useAsk() {
  const [state, setState] = useState<AskState>({ phase: 'idle' });
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      controllerRef.current?.abort();
    },
    [],
  );

  const ask = useCallback(async (question: string) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setState({ phase: 'streaming', question, text: '', citations: [] });
    const update = (change: Partial<Extract<AskState, { text: string }>>) => {
      if (!controller.signal.aborted) {
        setState((current) =>
          current.phase === 'idle' ? current : { ...current, ...change },
        );
      }
    };
    try {
      const result = await streamAnswer(question, {
        signal: controller.signal,
        onToken: (token) => {
          if (!controller.signal.aborted) {
            setState((current) =>
              current.phase === 'idle'
                ? current
                : { ...current, text: current.text + token },
            );
          }
        },
        onCitations: (citations) => {
          update({ citations });
        },
      });
      update({
        phase: 'done',
        result,
        text: result.answer,
        citations: result.citations,
      });
    } catch (error) {
      update({ phase: 'error', error });
    }
  }, []);

  return { state, ask };
}
