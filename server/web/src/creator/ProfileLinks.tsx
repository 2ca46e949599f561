import { isWebAddress, linkText, type ProfileLink } from '@shared/domain/profile/profile';
import { ExternalLink } from './ExternalLink';

/** The links a creator lists on their profile, each shown by its label (or its address's host). */
export function ProfileLinks({ links }: { readonly links: readonly ProfileLink[] }) {
  // The server only stores http(s) addresses; checked again so nothing else can ever become a link here.
  const shown = links.filter((link) => isWebAddress(link.url));
  if (shown.length === 0) return null;
  return (
    <ul className="creator-links" aria-label="Links">
      {shown.map((link, index) => (
        <li key={index}>
          <ExternalLink href={link.url} className="creator-links__link">
            <span dir="auto">{linkText(link)}</span>
            <span className="creator-links__arrow" aria-hidden="true">
              ↗
            </span>
          </ExternalLink>
        </li>
      ))}
    </ul>
  );
}
