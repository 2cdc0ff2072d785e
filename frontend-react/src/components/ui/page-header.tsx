import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { useDocumentTitle } from '@/hooks/use-document-title';

export type Crumb = { label: string; to?: string };

type PageHeaderProps = {
  title: string;
  /** Trail above the heading; the current page is added last. */
  crumbs?: Crumb[];
  lead?: ReactNode;
};

/** The page's h1, its breadcrumb trail and document.title. */
export function PageHeader({ title, crumbs = [], lead }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumbs">
          <li>
            <Link to="/">Mini-RAG</Link>
          </li>
          {crumbs.map((crumb) => (
            <li key={crumb.label}>
              {crumb.to ? (
                <Link to={crumb.to}>{crumb.label}</Link>
              ) : (
                crumb.label
              )}
            </li>
          ))}
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </header>
  );
}
