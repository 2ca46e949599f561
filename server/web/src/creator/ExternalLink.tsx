import type { ReactNode } from 'react';

/**
 * A link a creator wrote, to another site: opened in a new tab, with no opener or referrer, and marked as
 * user content that search engines should not credit.
 */
export function ExternalLink({
  href,
  className,
  children,
}: {
  readonly href: string;
  readonly className?: string;
  readonly children: ReactNode;
}) {
  return (
    <a href={href} className={className} target="_blank" rel="noopener noreferrer nofollow ugc">
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
