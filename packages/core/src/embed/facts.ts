import type { PageFacts, SourcePosition } from '../model/facts.js';
import type { Site } from '../site/site.js';

/** Does the page show an infographic (a marked image) or embed code for one? */
export function hasInfographic(page: PageFacts): boolean {
  return (page.infographics?.length ?? 0) > 0 || (page.embedCodes?.length ?? 0) > 0;
}

/** Where to report something about the page's infographics: the first marker or copy box. */
export function infographicPosition(page: PageFacts): SourcePosition {
  return (
    page.infographics?.find((item) => item.position)?.position ??
    page.embedCodes?.find((item) => item.position)?.position ?? { line: 1, column: 1 }
  );
}

/**
 * The page's absolute URL: its canonical when that is absolute, else the site's origin with
 * the page's public path; undefined when neither is known.
 */
export function absolutePageUrl(site: Site, page: PageFacts): URL | undefined {
  const canonical = page.meta.canonical;
  if (canonical && /^https?:\/\//i.test(canonical)) {
    try {
      return new URL(canonical);
    } catch {
      // fall through to the origin
    }
  }
  const path = site.publicUrl(page);
  const origin = site.origin;
  if (path === undefined || origin === undefined) return undefined;
  try {
    return new URL(path, origin);
  } catch {
    return undefined;
  }
}

/** A URL path compared loosely: no trailing slash, no `index.html`, no query or fragment. */
export function samePath(a: URL, b: URL): boolean {
  const key = (url: URL) =>
    decodeURI(url.pathname)
      .replace(/\/index\.html?$/i, '/')
      .replace(/\.html?$/i, '')
      .replace(/\/+$/, '');
  return a.host.toLowerCase() === b.host.toLowerCase() && key(a) === key(b);
}
