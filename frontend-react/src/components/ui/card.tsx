import { useId, type ReactNode } from 'react';

type CardProps = {
  title: string;
  children: ReactNode;
};

/** A titled region: its heading names it for assistive technology. */
export function Card({ title, children }: CardProps) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
