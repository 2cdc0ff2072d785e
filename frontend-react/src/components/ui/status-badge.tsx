const tone: Record<string, string> = {
  ready: 'badge-ok',
  accepted: 'badge-ok',
  pending: 'badge-info',
  embedding: 'badge-info',
  duplicate: 'badge-degraded',
  failed: 'badge-error',
  queued: 'badge-info',
  running: 'badge-info',
  succeeded: 'badge-ok',
  canceled: 'badge-degraded',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${tone[status] ?? ''}`}>{status}</span>;
}
