import type { Citation } from '../api/ask';

type AnswerTextProps = {
  text: string;
  citations: Citation[];
  onOpen: (citation: Citation) => void;
};

/** The answer with each known `[n]` marker turned into a citation chip. */
export function AnswerText({ text, citations, onOpen }: AnswerTextProps) {
  const parts = text.split(/(\[\d+\])/);
  return (
    <p className="answer-text">
      {parts.map((part, index) => {
        const match = /^\[(\d+)\]$/.exec(part);
        const citation = match
          ? citations.find((c) => c.n === Number(match[1]))
          : undefined;
        if (!citation) {
          return part;
        }
        return (
          <button
            // Markers repeat; their position in the text keeps them apart.
            key={index}
            type="button"
            className="chip chip-inline"
            aria-label={`Citation ${citation.n}: ${citation.title ?? 'source'}`}
            onClick={() => {
              onOpen(citation);
            }}
          >
            [{citation.n}]
          </button>
        );
      })}
    </p>
  );
}
