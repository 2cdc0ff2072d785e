type ProgressBarProps = { label: string; value: number };

/** A labelled progress bar; `value` is 0..1. */
export function ProgressBar({ label, value }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress">
      <progress aria-label={label} max={100} value={percent}>
        {percent}%
      </progress>
      <span className="muted">{percent}%</span>
    </div>
  );
}
