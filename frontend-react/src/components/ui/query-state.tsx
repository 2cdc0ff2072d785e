import { describeError } from '@/lib/api-client';

import { Button } from './button';
import { ErrorAlert } from './error-alert';
import { Loading } from './loading';

/** The part of a TanStack query this needs: whether it is loading or failed, and a retry. */
type LoadingQuery = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
};

/** A query's loading line, or its error with "Try again"; nothing once it has data. */
export function QueryState({
  query,
  loadingLabel,
  errorTitle,
}: {
  query: LoadingQuery;
  loadingLabel: string;
  errorTitle: string;
}) {
  if (query.isPending) {
    return <Loading label={loadingLabel} />;
  }
  if (query.isError) {
    return (
      <ErrorAlert
        title={errorTitle}
        {...describeError(query.error)}
        action={<Button onClick={() => void query.refetch()}>Try again</Button>}
      />
    );
  }
  return null;
}
