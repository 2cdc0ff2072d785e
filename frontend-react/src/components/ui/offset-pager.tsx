import { Button } from '@/components/ui/button';

type OffsetPagerProps = {
  offset: number;
  limit: number;
  /** Items on this page: without a total, a full page means there may be another. */
  count: number;
  /** All items, when the listing reports it: the pager then knows where the last page ends. */
  total?: number;
  onChange: (offset: number) => void;
};

/** Previous/next over an offset-paged listing, with or without a total. */
export function OffsetPager({
  offset,
  limit,
  count,
  total,
  onChange,
}: OffsetPagerProps) {
  const single = total == null ? offset === 0 && count < limit : total <= limit;
  if (single) {
    return null;
  }
  const last = total == null ? count < limit : offset + limit >= total;
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
        disabled={last}
        onClick={() => {
          onChange(offset + limit);
        }}
      >
        Next page
      </Button>
    </nav>
  );
}
