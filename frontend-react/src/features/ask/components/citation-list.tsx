import type { Citation } from '../api/ask';

export function CitationList({
  citations,
  onOpen,
}: {
  citations: Citation[];
  onOpen: (citation: Citation) => void;
}) {
  if (citations.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="citations-heading">
      <h3 id="citations-heading">Sources cited</h3>
      <ul className="chips">
        {citations.map((citation) => (
          <li key={citation.n}>
            <button
              type="button"
              className="chip"
              onClick={() => {
                onOpen(citation);
              }}
            >
              [{citation.n}] {citation.title ?? 'Untitled source'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
