import { useState, type SyntheticEvent } from 'react';

import { Button } from '@/components/ui/button';

import { auditActions } from '../api/get-audit-events';

/** The filter values as kept in the URL: dates are calendar days (UTC), both inclusive. */
export type AuditFilterValues = {
  action: string;
  actor: string;
  workspace: string;
  from: string;
  to: string;
};

export const emptyAuditFilters: AuditFilterValues = {
  action: '',
  actor: '',
  workspace: '',
  from: '',
  to: '',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type AuditFiltersProps = {
  value: AuditFilterValues;
  onApply: (value: AuditFilterValues) => void;
};

export function AuditFilters({ value, onApply }: AuditFiltersProps) {
  const [draft, setDraft] = useState(value);
  const [problems, setProblems] = useState<Partial<AuditFilterValues>>({});

  const set = (field: keyof AuditFilterValues, next: string) => {
    setDraft((current) => ({ ...current, [field]: next }));
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const next = {
      ...draft,
      actor: draft.actor.trim(),
      workspace: draft.workspace.trim(),
    };
    // The service takes ids only; say so here rather than let it answer 404.
    const found: Partial<AuditFilterValues> = {};
    if (next.actor && !UUID.test(next.actor)) {
      found.actor = 'Enter a user id (a UUID), as shown in the details.';
    }
    if (next.workspace && !UUID.test(next.workspace)) {
      found.workspace = 'Enter a workspace id (a UUID).';
    }
    if (next.from && next.to && next.to < next.from) {
      found.to = 'The end date is before the start date.';
    }
    setProblems(found);
    if (Object.keys(found).length === 0) {
      onApply(next);
    }
  };

  return (
    <form className="admin-form" aria-label="Audit filters" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <select
          id="audit-action"
          value={draft.action}
          onChange={(event) => {
            set('action', event.target.value);
          }}
        >
          <option value="">Any action</option>
          {auditActions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </div>
      <TextFilter
        id="audit-actor"
        label="Actor (user id)"
        value={draft.actor}
        problem={problems.actor}
        onChange={(v) => {
          set('actor', v);
        }}
      />
      <TextFilter
        id="audit-workspace"
        label="Workspace id"
        value={draft.workspace}
        problem={problems.workspace}
        onChange={(v) => {
          set('workspace', v);
        }}
      />
      <TextFilter
        id="audit-from"
        label="From (UTC)"
        type="date"
        value={draft.from}
        onChange={(v) => {
          set('from', v);
        }}
      />
      <TextFilter
        id="audit-to"
        label="To (UTC, inclusive)"
        type="date"
        value={draft.to}
        problem={problems.to}
        onChange={(v) => {
          set('to', v);
        }}
      />
      <div className="field">
        <Button type="submit">Apply filters</Button>
      </div>
      <div className="field">
        <Button
          className="button-secondary"
          onClick={() => {
            setDraft(emptyAuditFilters);
            setProblems({});
            onApply(emptyAuditFilters);
          }}
        >
          Clear filters
        </Button>
      </div>
    </form>
  );
}

type TextFilterProps = {
  id: string;
  label: string;
  value: string;
  type?: 'text' | 'date';
  problem?: string | undefined;
  onChange: (value: string) => void;
};

function TextFilter({
  id,
  label,
  value,
  type = 'text',
  problem,
  onChange,
}: TextFilterProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      {problem ? (
        <p id={`${id}-problem`} className="hint result-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** Calendar days to the service's [from, to) instants: the end day is included. */
export function toInstants(from: string, to: string) {
  let end: string | undefined;
  if (to) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    end = next.toISOString().replace('.000Z', 'Z');
  }
  return { from: from ? `${from}T00:00:00Z` : undefined, to: end };
}
