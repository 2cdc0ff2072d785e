import type { AskResponse } from '../api/ask';

const fmt = (value: number | null | undefined, digits = 3) =>
  value == null
    ? '—'
    : Number.isInteger(value)
      ? String(value)
      : value.toFixed(digits);

function Timings({
  label,
  timings,
}: {
  label: string;
  timings: Record<string, number>;
}) {
  return (
    <p className="muted">
      {label}:{' '}
      {Object.entries(timings)
        .map(([key, ms]) => `${key.replace(/Ms$/, '')} ${ms.toFixed(1)} ms`)
        .join(' · ')}
    </p>
  );
}

/** The retrieval debug block: every hit with its BM25 and vector ranks, the fusion and timings. */
export function WhyPanel({ result }: { result: AskResponse }) {
  const retrieval = result.retrieval;
  return (
    <details className="why">
      <summary>Why this answer</summary>
      {retrieval ? (
        <>
          <p>
            Mode <strong>{retrieval.mode ?? '—'}</strong>, fusion{' '}
            <strong>{retrieval.fusion ?? '—'}</strong>
            {result.answerer ? (
              <>
                , answerer <strong>{result.answerer}</strong>
              </>
            ) : null}
            .
          </p>
          {retrieval.degraded ? (
            <p className="alert alert-info">Degraded: {retrieval.degraded}</p>
          ) : null}
          <div className="table-wrap">
            <table className="table">
              <caption className="muted">Retrieved passages</caption>
              <thead>
                <tr>
                  <th scope="col">n</th>
                  <th scope="col">Title</th>
                  <th scope="col">BM25 rank</th>
                  <th scope="col">BM25 score</th>
                  <th scope="col">Vector rank</th>
                  <th scope="col">Vector score</th>
                  <th scope="col">Fused score</th>
                </tr>
              </thead>
              <tbody>
                {retrieval.hits.map((hit) => (
                  <tr key={hit.chunkId}>
                    <td>{hit.n}</td>
                    <th scope="row">{hit.title ?? '—'}</th>
                    <td>{fmt(hit.bm25Rank)}</td>
                    <td>{fmt(hit.bm25Score)}</td>
                    <td>{fmt(hit.vectorRank)}</td>
                    <td>{fmt(hit.vectorScore)}</td>
                    <td>{fmt(hit.score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {retrieval.timings ? (
            <Timings label="Retrieval timings" timings={retrieval.timings} />
          ) : null}
        </>
      ) : (
        <p className="muted">No retrieval details were sent.</p>
      )}
      {result.timings ? (
        <Timings label="Answer timings" timings={result.timings} />
      ) : null}
    </details>
  );
}
