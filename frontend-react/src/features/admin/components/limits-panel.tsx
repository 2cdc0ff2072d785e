import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { QueryState } from '@/components/ui/query-state';
import { formatUsage, limitLabel } from '@/lib/limits';

import { usePlans } from '../api/get-plans';
import { useWorkspaceUsage } from '../api/get-workspace-usage';
import { LimitsDialog } from './limits-dialog';
import { OffsetPager } from '@/components/ui/offset-pager';

export const LIMITS_PAGE_SIZE = 25;

/** Every workspace's plan and usage; per workspace, overrides and the organization's plan. */
export function LimitsPanel() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const usage = useWorkspaceUsage({ limit: LIMITS_PAGE_SIZE, offset });
  const plans = usePlans();
  const [editing, setEditing] = useState<string | null>(null);

  const items = usage.data?.items ?? [];
  // Read from the latest page, so the dialog shows a saved plan's limits at once.
  const editedRow = items.find((row) => row.usage.workspaceId === editing);

  return (
    <>
      <p className="muted">
        An empty override inherits the plan&rsquo;s value; 0 means unlimited.
        Daily limits reset at 00:00 UTC.
      </p>
      <QueryState
        query={usage}
        loadingLabel="Loading usage…"
        errorTitle="Could not load the usage"
      />
      {usage.isSuccess && items.length === 0 ? (
        <p className="muted">No workspaces on this page.</p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">
              Workspaces {offset + 1}–{offset + items.length}
            </caption>
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Plan</th>
                <th scope="col">Usage</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.usage.workspaceId}>
                  <th scope="row">{row.workspaceName}</th>
                  <td>
                    {row.usage.plan}
                    {row.usage.enforced ? null : (
                      <span className="muted"> (not enforced)</span>
                    )}
                  </td>
                  <td>
                    <ul className="plain-list usage-list">
                      {row.usage.limits.map((item) => (
                        <li key={item.limit}>
                          {limitLabel(item.limit)}:{' '}
                          {formatUsage(item.limit, item.used, item.max)}
                          {item.overridden ? (
                            <strong className="override-mark"> override</strong>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <Button
                      aria-label={`Edit limits of ${row.workspaceName}`}
                      onClick={() => {
                        setEditing(row.usage.workspaceId);
                      }}
                    >
                      Edit limits
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <OffsetPager
        offset={offset}
        limit={LIMITS_PAGE_SIZE}
        count={items.length}
        onChange={(next) => {
          setParams(next ? { offset: String(next) } : {});
        }}
      />
      {editedRow ? (
        <LimitsDialog
          row={editedRow}
          plans={plans}
          onClose={() => {
            setEditing(null);
          }}
        />
      ) : null}
    </>
  );
}
