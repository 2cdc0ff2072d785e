import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';

import { useAuditEvents, type AuditEvent } from '../api/get-audit-events';
import {
  AuditFilters,
  toInstants,
  type AuditFilterValues,
} from './audit-filters';
import { OffsetPager } from '@/components/ui/offset-pager';

export const AUDIT_PAGE_SIZE = 50;

const filterKeys = ['action', 'actor', 'workspace', 'from', 'to'] as const;

/** The audit log, newest first; filters and page live in the URL. */
export function AuditPanel() {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(
    filterKeys.map((k) => [k, params.get(k) ?? '']),
  ) as AuditFilterValues;
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const events = useAuditEvents({
    action: values.action,
    actor: values.actor,
    workspace: values.workspace,
    ...toInstants(values.from, values.to),
    limit: AUDIT_PAGE_SIZE,
    offset,
  });

  const apply = (next: AuditFilterValues, nextOffset = 0) => {
    const search = new URLSearchParams();
    for (const key of filterKeys) {
      if (next[key]) {
        search.set(key, next[key]);
      }
    }
    if (nextOffset) {
      search.set('offset', String(nextOffset));
    }
    setParams(search);
  };

  const items = events.data?.items ?? [];
  const filtered = filterKeys.some((k) => values[k]);

  return (
    <>
      <AuditFilters
        key={params.toString()}
        value={values}
        onApply={(next) => {
          apply(next);
        }}
      />
      <QueryState
        query={events}
        loadingLabel="Loading audit events…"
        errorTitle="Could not load the audit log"
      />
      {events.isSuccess && items.length === 0 ? (
        <p className="muted">
          {filtered
            ? 'No audit events match these filters.'
            : 'No audit events yet.'}
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">
              Audit events {offset + 1}–{offset + items.length}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Actor</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <AuditRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <OffsetPager
        offset={offset}
        limit={AUDIT_PAGE_SIZE}
        count={items.length}
        onChange={(next) => {
          apply(values, next);
        }}
      />
    </>
  );
}

const short = (id: string) => id.slice(0, 8);

function actorLabel(event: AuditEvent) {
  if (event.actorKeyId) {
    return `key ${short(event.actorKeyId)}`;
  }
  if (event.actorUserId) {
    return `user ${short(event.actorUserId)}`;
  }
  return 'system';
}

function AuditRow({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-${event.id}`;
  return (
    <>
      <tr>
        <td>{formatDateTime(event.occurredAt)}</td>
        <th scope="row">{event.action}</th>
        <td>{actorLabel(event)}</td>
        <td>{event.target ? <code>{event.target}</code> : '—'}</td>
        <td>
          <Button
            className="button-secondary"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`${open ? 'Hide' : 'Show'} details of ${event.action} at ${formatDateTime(event.occurredAt)}`}
            onClick={() => {
              setOpen(!open);
            }}
          >
            {open ? 'Hide' : 'Show'}
          </Button>
        </td>
      </tr>
      {open ? (
        <tr id={detailsId}>
          <td colSpan={5}>
            <dl className="facts">
              <Detail label="Actor user">{event.actorUserId}</Detail>
              <Detail label="Actor key">{event.actorKeyId}</Detail>
              <Detail label="Workspace">{event.workspaceId}</Detail>
              <Detail label="IP address">{event.ip}</Detail>
              <Detail label="User agent">{event.userAgent}</Detail>
              <Detail label="Request id">{event.requestId}</Detail>
              <div className="fact">
                <dt>Details</dt>
                <dd>
                  <pre className="audit-details">
                    {JSON.stringify(event.details ?? {}, null, 2)}
                  </pre>
                </dd>
              </div>
            </dl>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function Detail({
  label,
  children,
}: {
  label: string;
  children: string | null | undefined;
}) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children ? <code>{children}</code> : '—'}</dd>
    </div>
  );
}
