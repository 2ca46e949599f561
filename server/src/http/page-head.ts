/**
 * What a page's `<head>` says about it, rendered on the server so that a link shared on a social network
 * previews with the right title, description and card (Open Graph and Twitter), before any script runs.
 */
export interface PageHead {
  readonly title: string;
  readonly description: string;
  /** The page's path on this site, for the canonical link and `og:url`. */
  readonly path: string;
  readonly type?: 'website' | 'profile';
  /** Tells search engines to keep the page out (not-found pages). */
  readonly noIndex?: boolean;
}

export const SITE_NAME = 'Mesi';
export const DEFAULT_DESCRIPTION = 'Mesi: follow your favourite creators and read what they publish.';

/** The head's HTML (every value escaped), to stand in the page template between the head markers. */
export function renderHead(head: PageHead, publicUrl: string): string {
  const url = new URL(head.path, `${publicUrl}/`).toString();
  const title = head.title === SITE_NAME ? SITE_NAME : `${head.title} · ${SITE_NAME}`;
  const tags = [
    `<title>${escapeHtml(title)}</title>`,
    meta('name', 'description', head.description),
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
    meta('property', 'og:site_name', SITE_NAME),
    meta('property', 'og:type', head.type ?? 'website'),
    meta('property', 'og:title', head.title),
    meta('property', 'og:description', head.description),
    meta('property', 'og:url', url),
    meta('name', 'twitter:card', 'summary'),
    meta('name', 'twitter:title', head.title),
    meta('name', 'twitter:description', head.description),
  ];
  if (head.noIndex) tags.push(meta('name', 'robots', 'noindex'));
  return tags.join('\n    ');
}

/** A description from free text: one line, at most `max` characters, cut at a word. */
export function summarize(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6));
  return `${atWord.trimEnd()}…`;
}

function meta(attribute: 'name' | 'property', key: string, content: string): string {
  return `<meta ${attribute}="${key}" content="${escapeHtml(content)}" />`;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}
