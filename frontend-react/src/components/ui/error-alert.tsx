import type { ReactNode } from 'react';

type ErrorAlertProps = {
  title: string;
  message: string;
  requestId?: string | undefined;
  /** An action that really does something, such as retrying the request. */
  action?: ReactNode;
};

export function ErrorAlert({
  title,
  message,
  requestId,
  action,
}: ErrorAlertProps) {
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">{title}</p>
      <p>{message}</p>
      {requestId ? (
        <p className="muted">
          Request id: <code>{requestId}</code>
        </p>
      ) : null}
      {action}
    </div>
  );
}
