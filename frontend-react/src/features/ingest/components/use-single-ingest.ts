import { useState } from 'react';

import { useToast } from '@/components/ui/toast';
import type { IngestItem } from '@/lib/schemas';

import { outcomeOfError, outcomeOfItem } from '../utils/messages';
import type { ResultRow } from './result-list';

/** Sends one item, keeps its result row, and says how it went in a toast. */
export function useSingleIngest(what: string) {
  const [rows, setRows] = useState<ResultRow[]>([]);
  const [busy, setBusy] = useState(false);
  const { notify } = useToast();

  const run = async (
    label: string,
    send: () => Promise<{ items: IngestItem[] }>,
  ) => {
    setBusy(true);
    const key = `${label}-${Date.now()}`;
    setRows((current) => [{ key, label }, ...current]);
    let row: ResultRow;
    try {
      const result = await send();
      const item = result.items[0];
      row = {
        key,
        label,
        outcome: item
          ? outcomeOfItem(item)
          : outcomeOfError(new Error('The service sent no result.')),
      };
    } catch (error) {
      row = { key, label, outcome: outcomeOfError(error) };
    }
    setRows((current) => current.map((r) => (r.key === key ? row : r)));
    setBusy(false);
    const status = row.outcome?.status ?? 'failed';
    notify(
      status === 'failed'
        ? `${what} “${label}” failed: ${row.outcome?.message ?? ''}`
        : `${what} “${label}”: ${status}.`,
      status === 'failed' ? 'error' : 'success',
    );
    return row;
  };

  return { rows, busy, run };
}
