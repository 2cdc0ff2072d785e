import { useState, type SyntheticEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { QueryState } from '@/components/ui/query-state';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/api-client';
import { formatLimitAmount, limitLabel, type UsageItem } from '@/lib/limits';

import type { Plan } from '../api/get-plans';
import type { WorkspaceUsage } from '../api/get-workspace-usage';
import { useSetOrganizationPlan } from '../api/set-organization-plan';
import {
  useSetWorkspaceLimits,
  type LimitOverrides,
} from '../api/set-workspace-limits';

const MB = 1024 * 1024;

/** The upload limit is entered in MB; the service counts bytes. */
const inMegabytes = (name: string) => name === 'uploadBytesPerDay';

function initialValue(item: UsageItem): string {
  if (!item.overridden) {
    return '';
  }
  return String(inMegabytes(item.limit) ? item.max / MB : item.max);
}

/** The value to send for a field: null to inherit, a whole number 0 or more, or 'invalid'. */
function parseField(name: string, text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') {
    return null;
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0) {
    return 'invalid';
  }
  if (inMegabytes(name)) {
    return Math.round(value * MB);
  }
  return Number.isInteger(value) ? value : 'invalid';
}

type PlansQuery = {
  data: Plan[] | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
};

/** Overrides of one workspace's limits and the plan of its organization. */
export function LimitsDialog({
  row,
  plans,
  onClose,
}: {
  row: WorkspaceUsage;
  plans: PlansQuery;
  onClose: () => void;
}) {
  const plan = plans.data?.find((p) => p.name === row.usage.plan);
  return (
    <Dialog title={`Limits of ${row.workspaceName}`} onClose={onClose}>
      <PlanForm row={row} plans={plans} />
      <OverridesForm row={row} plan={plan} onSaved={onClose} />
      <div className="actions">
        <Button className="button-secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}

function PlanForm({ row, plans }: { row: WorkspaceUsage; plans: PlansQuery }) {
  const mutation = useSetOrganizationPlan();
  const { notify } = useToast();
  const [choice, setChoice] = useState(row.usage.plan);
  const names = plans.data?.map((p) => p.name) ?? [];
  // The current plan may no longer be configured; it stays selectable so the form says the truth.
  const options = names.includes(row.usage.plan)
    ? names
    : [row.usage.plan, ...names];

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    mutation.mutate(
      { organizationId: row.organizationId, plan: choice },
      {
        onSuccess: (result) => {
          notify(
            `The organization of ${row.workspaceName} is now on plan “${result.plan}”.`,
            'success',
          );
        },
      },
    );
  };

  return (
    <form className="admin-form" onSubmit={onSubmit}>
      <QueryState
        query={plans}
        loadingLabel="Loading plans…"
        errorTitle="Could not load the plans"
      />
      {plans.data ? (
        <>
          <div className="field">
            <label htmlFor="limits-plan">Plan of the organization</label>
            <select
              id="limits-plan"
              aria-describedby="limits-plan-hint"
              value={choice}
              onChange={(event) => {
                setChoice(event.target.value);
              }}
            >
              {options.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <p id="limits-plan-hint" className="muted">
              Applies to every workspace of this organization.
            </p>
          </div>
          <Button
            type="submit"
            disabled={mutation.isPending || choice === row.usage.plan}
          >
            {mutation.isPending ? 'Saving…' : 'Save plan'}
          </Button>
        </>
      ) : null}
      {mutation.isError ? (
        <ErrorAlert
          title="Could not change the plan"
          {...describeError(mutation.error)}
        />
      ) : null}
    </form>
  );
}

function planHint(item: UsageItem, plan: Plan | undefined): string {
  const used = `used ${formatLimitAmount(item.limit, item.used)}`;
  const planMax = plan?.limits[item.limit];
  if (!plan || planMax === undefined) {
    return `Now ${item.unlimited ? 'unlimited' : formatLimitAmount(item.limit, item.max)}, ${used}.`;
  }
  const planValue =
    planMax === 0 ? 'unlimited' : formatLimitAmount(item.limit, planMax);
  return `Plan ${plan.name}: ${planValue}, ${used}.`;
}

function OverridesForm({
  row,
  plan,
  onSaved,
}: {
  row: WorkspaceUsage;
  plan: Plan | undefined;
  onSaved: () => void;
}) {
  const mutation = useSetWorkspaceLimits();
  const { notify } = useToast();
  const items = row.usage.limits;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(items.map((item) => [item.limit, initialValue(item)])),
  );
  const [invalid, setInvalid] = useState<string[]>([]);
  const [unchanged, setUnchanged] = useState(false);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const overrides: LimitOverrides = {};
    const bad: string[] = [];
    for (const item of items) {
      const next = parseField(item.limit, values[item.limit] ?? '');
      if (next === 'invalid') {
        bad.push(item.limit);
        continue;
      }
      const current = item.overridden ? item.max : null;
      if (next !== current) {
        overrides[item.limit] = next;
      }
    }
    setInvalid(bad);
    setUnchanged(bad.length === 0 && Object.keys(overrides).length === 0);
    if (bad.length > 0 || Object.keys(overrides).length === 0) {
      return;
    }
    mutation.mutate(
      { workspaceId: row.usage.workspaceId, overrides },
      {
        onSuccess: () => {
          notify(`Limits of ${row.workspaceName} saved.`, 'success');
          onSaved();
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      <fieldset className="limits-fields">
        <legend>Overrides of this workspace</legend>
        <p className="muted">
          Empty inherits the plan&rsquo;s value, 0 means unlimited.
        </p>
        {items.map((item) => {
          const id = `limit-${item.limit}`;
          const isInvalid = invalid.includes(item.limit);
          return (
            <div className="field" key={item.limit}>
              <label htmlFor={id}>
                {limitLabel(item.limit)}
                {inMegabytes(item.limit) ? ' (MB)' : ''}
              </label>
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={0}
                step={inMegabytes(item.limit) ? 'any' : 1}
                placeholder="Inherit"
                aria-describedby={`${id}-hint`}
                aria-invalid={isInvalid || undefined}
                value={values[item.limit] ?? ''}
                onChange={(event) => {
                  setValues({ ...values, [item.limit]: event.target.value });
                }}
              />
              <p id={`${id}-hint`} className="muted">
                {isInvalid
                  ? 'Enter a whole number, 0 or more, or leave it empty. '
                  : ''}
                {planHint(item, plan)}
              </p>
            </div>
          );
        })}
      </fieldset>
      {invalid.length > 0 ? (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">Check the highlighted limits</p>
          <p>
            {invalid.map(limitLabel).join(', ')}: a whole number, 0 or more.
          </p>
        </div>
      ) : null}
      {unchanged ? (
        <p role="status" className="muted">
          Nothing changed.
        </p>
      ) : null}
      {mutation.isError ? (
        <ErrorAlert
          title="Could not save the limits"
          {...describeError(mutation.error)}
        />
      ) : null}
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save limits'}
      </Button>
    </form>
  );
}
