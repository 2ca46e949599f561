import { bioParts } from '@shared/domain/profile/bio-text';
import { ExternalLink } from './ExternalLink';

/**
 * A creator's bio: plain text (React escapes it, CSS keeps its line breaks) with its http(s) addresses as
 * links. Only text nodes and anchors are rendered, never HTML.
 */
export function BioText({ bio }: { readonly bio: string }) {
  return (
    <p className="creator-profile__bio" dir="auto">
      {bioParts(bio).map((part, index) =>
        part.kind === 'link' ? (
          <ExternalLink key={index} href={part.href}>
            {part.href}
          </ExternalLink>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
