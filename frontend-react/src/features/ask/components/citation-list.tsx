import type { Citation } from '../api/ask';

import { locationOf, nameOf } from './chunk-preview-dialog';

export function CitationList({
  citations,
  onOpen,
  heading = 'Sources cited',
}: {
  citations: Citation[];
  onOpen: (citation: Citation) => void;
  /** "Closest passages" when the answer found nothing: they are offered, not cited as support. */
  heading?: string;
}) {
  if (citations.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="citations-heading">
      <h3 id="citations-heading">{heading}</h3>
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
              [{citation.n}] {nameOf(citation)}
              {locationOf(citation) ? (
                <>
                  {' · '}
                  <span className="muted">{locationOf(citation)}</span>
                </>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
