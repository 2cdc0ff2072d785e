import { useId, type ReactNode } from 'react';

export function Facts({ children }: { children: ReactNode }) {
  return <dl className="facts">{children}</dl>;
}

type FactProps = {
  label: string;
  children: ReactNode;
  testId?: string;
};

/** One term/value pair; the value is labelled by its term, so it can be found by label. */
export function Fact({ label, children, testId }: FactProps) {
  const labelId = useId();
  return (
    <div className="fact">
      <dt id={labelId}>{label}</dt>
      <dd aria-labelledby={labelId} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
