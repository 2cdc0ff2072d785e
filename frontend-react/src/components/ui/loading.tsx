type LoadingProps = {
  /** Read by screen readers and shown next to the spinner. */
  label: string;
};

/** A polite live region that says what is loading. */
export function Loading({ label }: LoadingProps) {
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
