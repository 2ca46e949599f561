import { initials, textColorOn } from '@shared/domain/profile/avatar';
import { bioParts } from '@shared/domain/profile/bio-text';
import { linkText, type ProfileLink } from '@shared/domain/profile/profile';

interface PreviewProps {
  readonly displayName: string;
  readonly handle: string | null;
  readonly bio: string;
  readonly links: readonly ProfileLink[];
  readonly accentColor: string;
}

/**
 * The profile as fans will see it at the top of the creator's page: the placeholder avatar (initials on the
 * accent colour), name, bio and links. Links are shown, not followed, inside the studio.
 */
export function ProfilePreview({ displayName, handle, bio, links, accentColor }: PreviewProps) {
  const accent = /^#[0-9a-f]{6}$/i.test(accentColor) ? accentColor : '#5b4bdb';
  return (
    <section className="card profile-preview" aria-label="Preview of your page">
      <div className="profile-preview__band" style={{ background: accent }} />
      <div
        className="profile-avatar"
        aria-hidden="true"
        style={{ background: accent, color: textColorOn(accent.toLowerCase()) }}
      >
        {initials(displayName)}
      </div>
      <h2 className="profile-preview__name" dir="auto">
        {displayName.trim() === '' ? 'Your name' : displayName}
      </h2>
      {handle !== null && <p className="muted">@{handle}</p>}
      {bio.trim() !== '' && (
        <p className="profile-preview__bio" dir="auto">
          {bioParts(bio).map((part, index) =>
            part.kind === 'text' ? (
              <span key={index}>{part.text}</span>
            ) : (
              <span key={index} className="profile-preview__link">
                {part.href}
              </span>
            ),
          )}
        </p>
      )}
      {links.length > 0 && (
        <ul className="profile-preview__links">
          {links.map((link, index) => (
            <li key={index} dir="auto">
              <span className="profile-preview__link" title={link.url}>
                {linkText(link)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
