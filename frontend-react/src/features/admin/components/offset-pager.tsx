import { Button } from '@/components/ui/button';

type OffsetPagerProps = {
  offset: number;
  limit: number;
  /** Items on this page: a full page means there may be another. */
  count: number;
  onChange: (offset: number) => void;
};

/** Previous/next for the admin listings, which answer a page without a total. */
export function OffsetPager({
  offset,
  limit,
  count,
  onChange,
}: OffsetPagerProps) {
  if (offset === 0 && count < limit) {
    return null;
  }
  return (
    <nav className="pager" aria-label="Pages">
      <Button
        disabled={offset === 0}
        onClick={() => {
          onChange(Math.max(0, offset - limit));
        }}
      >
        Previous page
      </Button>
      <Button
        disabled={count < limit}
        onClick={() => {
          onChange(offset + limit);
        }}
      >
        Next page
      </Button>
    </nav>
  );
}
