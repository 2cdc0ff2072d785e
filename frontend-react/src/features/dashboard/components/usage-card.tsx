import { Card } from '@/components/ui/card';
import { Fact, Facts } from '@/components/ui/facts';
import { QueryState } from '@/components/ui/query-state';
import {
  formatLimitAmount,
  formatResetTime,
  formatUsage,
  limitLabel,
  type UsageItem,
} from '@/lib/limits';

import { useUsage } from '../api/get-usage';

import './usage.css';

/** What frees a limit again, in words. */
function resetNote(item: UsageItem): string | null {
  if (item.unlimited) {
    return null;
  }
  switch (item.period) {
    case 'day': {
      const at = formatResetTime(item.resetsAt);
      return at ? `Resets at ${at}` : 'Resets daily';
    }
    case 'minute':
      return 'Per key or signed-in user; refills every minute';
    case 'stored':
      return 'Frees up when sources are deleted';
    default:
      return null;
  }
}

function Gauge({ item }: { item: UsageItem }) {
  const label = limitLabel(item.limit);
  const usage = formatUsage(item.limit, item.used, item.max);
  const note = resetNote(item);
  return (
    <li className="gauge">
      <div className="gauge-head">
        <span className="gauge-label">{label}</span>
        <span>{item.unlimited ? 'Unlimited' : usage}</span>
      </div>
      {item.unlimited ? (
        <p className="muted">{formatLimitAmount(item.limit, item.used)} used</p>
      ) : (
        <meter
          aria-label={`${label}: ${usage}`}
          min={0}
          max={item.max}
          value={Math.min(item.used, item.max)}
          low={item.max * 0.8}
          high={item.max * 0.95}
          optimum={0}
        >
          {usage}
        </meter>
      )}
      {note ? <p className="muted">{note}</p> : null}
    </li>
  );
}

/** One gauge per limit of the workspace (GET /v1/usage), with the plan it is on. */
export function UsageCard() {
  const usage = useUsage();
  return (
    <Card title="Usage and limits">
      <QueryState
        query={usage}
        loadingLabel="Loading usage…"
        errorTitle="Could not load the usage"
      />
      {usage.data ? (
        <>
          <Facts>
            <Fact label="Plan">{usage.data.plan}</Fact>
            <Fact label="Limits">
              {usage.data.enforced
                ? 'Enforced'
                : 'Not enforced on this instance'}
            </Fact>
          </Facts>
          <ul className="gauges" aria-label="Limits of this workspace">
            {usage.data.limits.map((item) => (
              <Gauge key={item.limit} item={item} />
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
