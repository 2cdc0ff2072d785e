import { formatSeconds } from '@/lib/format';
import type { Chunk } from '@/lib/schemas';

function where(chunk: Chunk): string | null {
  const meta = chunk.metadata;
  if (meta?.page != null) {
    return `page ${meta.page}`;
  }
  if (meta?.startSeconds != null) {
    const end =
      meta.endSeconds != null ? `–${formatSeconds(meta.endSeconds)}` : '';
    return `${formatSeconds(meta.startSeconds)}${end}`;
  }
  return null;
}

export function ChunkList({ chunks }: { chunks: Chunk[] }) {
  return (
    <section aria-labelledby="chunks-heading" className="chunks">
      <h2 id="chunks-heading">Chunks ({chunks.length})</h2>
      {chunks.length === 0 ? (
        <p className="muted">No chunks yet.</p>
      ) : (
        <ol className="chunk-list">
          {chunks.map((chunk) => {
            const location = where(chunk);
            return (
              <li key={chunk.id} className="chunk">
                <p className="chunk-meta muted">
                  #{chunk.ordinal}
                  {location ? ` · ${location}` : ''}
                  {chunk.embedded === false ? ' · not embedded yet' : ''}
                </p>
                <p className="chunk-text">{chunk.text}</p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
