import Link from 'next/link';

/**
 * Previous / next links over an API-paged list, with where you are ("page 2 of 7"). `href` builds
 * the link of a page (the list's other query parameters kept).
 */
export function Pager({
  page,
  pageSize,
  total,
  href,
  label = 'Pages',
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav aria-label={label} className="pager">
      {page > 1 ? <Link href={href(page - 1)}>← Previous</Link> : null}
      <span>
        page {page} of {pages}
      </span>
      {page < pages ? <Link href={href(page + 1)}>Next →</Link> : null}
    </nav>
  );
}

/** A page number from a query parameter: a positive integer, 1 otherwise. */
export function pageParam(value: string | undefined): number {
  const page = Number(value ?? 1);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}
