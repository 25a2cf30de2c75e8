import Link from 'next/link';
import type { ReactNode } from 'react';

/** The way back to the page above, shown over a page's title. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <Link href={href} className="text-brand-700 hover:underline">
        {children}
      </Link>
    </p>
  );
}
