import { posix } from 'node:path';

/** Where a site is served: its origin (from `site`) and the base path it lives under. */
export interface UrlContext {
  /** The origin of the site (`https://example.com`), when known: same-origin absolute links are internal. */
  origin?: string;
  /** The base path, always with leading and trailing slash (`/`, `/docs/`). */
  base: string;
}

/** What an href points at, before looking anything up. */
export type HrefTarget =
  | { kind: 'skip'; reason: 'scheme' | 'empty' }
  | { kind: 'external'; url: string }
  | {
      kind: 'internal';
      /** Site path without the base, percent-decoded, starting with `/` (`/blog/post/`). */
      path: string;
      /** The fragment without `#`, as written (still percent-encoded). */
      fragment?: string;
      /** True for a link that only names a fragment or query: it targets its own page. */
      samePage: boolean;
      /** A root-relative or same-origin path that does not start with the base path. */
      outsideBase: boolean;
      /** The href's path part, percent-decoded, for file-relative lookups (Markdown sources). */
      relativePath?: string;
    };

const SCHEME = /^([a-zA-Z][a-zA-Z\d+.-]*):/;
/** ASCII with no `%`: what percent-decoding and NFC leave unchanged. */
const PLAIN_ASCII = /^[^%\u0080-\uffff]*$/;
/**
 * Path characters a URL parser keeps as they are (no escaping, no `\\`-to-`/`): paths made of
 * these alone are resolved by hand, the way the URL parser would, without a `URL` object (one
 * per link was a tenth of the analysis of a 10,000-page site).
 */
const PLAIN_PATH = /^[A-Za-z0-9._~!$&'()*+,;=@/-]*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
const PLACEHOLDER_HOST = 'http://linkworthy.invalid';
const PROTOCOL_RELATIVE = /^[\\/][\\/]/;

/** Normalises a user-given base path to `/x/` form. */
export function normalizeBase(base: string | undefined): string {
  if (!base || base === '/') return '/';
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** The origin of a `site` option (`https://example.com/docs` → `https://example.com`). */
export function originOf(site: string | undefined): string | undefined {
  if (!site) return undefined;
  try {
    return new URL(site).origin;
  } catch {
    return undefined;
  }
}

/** Percent-decodes a path segment by segment, leaving malformed escapes as written; NFC. */
export function decodePath(path: string): string {
  // Most paths have no escape and are ASCII: decoding and NFC leave them as they are.
  if (PLAIN_ASCII.test(path)) return path;
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/')
    .normalize('NFC');
}

/**
 * The key under which a URL path is looked up: `index.html` and the trailing slash are the same
 * page, so `/a/`, `/a` and `/a/index.html` share the key `/a`.
 */
export function pageKey(path: string): string {
  const key = path.replace(/(^|\/)index\.html?$/i, '$1').replace(/\/+$/, '');
  return key === '' ? '/' : key;
}

/**
 * Classifies an href written on the page served at `pageUrl` (site path, no base). Relative
 * hrefs resolve like a browser would from the page's served URL; the query is dropped because
 * static hosts serve the same file whatever it says.
 */
export function resolveHref(
  href: string,
  pageUrl: string | undefined,
  context: UrlContext,
): HrefTarget {
  // Browsers strip ASCII tabs and newlines anywhere in a URL, and control characters and spaces
  // around it.
  let cleaned = href.replace(/[\t\n\r]/g, '').trim();
  if (cleaned.charCodeAt(0) < 0x20 || cleaned.charCodeAt(cleaned.length - 1) < 0x20) {
    // eslint-disable-next-line no-control-regex -- the control characters are what it strips
    cleaned = cleaned.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').trim();
  }
  if (cleaned === '') return { kind: 'skip', reason: 'empty' };

  const scheme = SCHEME.exec(cleaned)?.[1]?.toLowerCase();
  // `//host/…`, and as browsers read web URLs, with backslashes for any of the two slashes.
  if (scheme !== undefined || PROTOCOL_RELATIVE.test(cleaned)) {
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
      return { kind: 'skip', reason: 'scheme' };
    }
    let url: URL;
    try {
      url = new URL(scheme === undefined ? `https:${cleaned}` : cleaned);
    } catch {
      return { kind: 'external', url: cleaned };
    }
    if (context.origin === undefined || url.host !== new URL(context.origin).host) {
      return { kind: 'external', url: cleaned };
    }
    return internal(url.pathname, fragmentOf(cleaned), false, context, undefined);
  }

  const hashAt = cleaned.indexOf('#');
  const fragment = hashAt === -1 ? undefined : cleaned.slice(hashAt + 1);
  const beforeHash = hashAt === -1 ? cleaned : cleaned.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const pathPart = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const own = pageUrl ?? '/';

  if (pathPart === '') {
    // Literals, not spreads: this runs for every same-page link (`#x`), which is not cached.
    return fragment === undefined
      ? { kind: 'internal', path: own, samePage: true, outsideBase: false }
      : { kind: 'internal', path: own, fragment, samePage: true, outsideBase: false };
  }
  if (pathPart.startsWith('/')) {
    return internal(pathPart, fragment, false, context, undefined);
  }
  const from = joinBase(context.base, own);
  const served =
    PLAIN_PATH.test(pathPart) && PLAIN_PATH.test(from) && from.startsWith('/')
      ? resolvePlain(pathPart, from)
      : resolvedPath(pathPart, from);
  if (served === undefined) return { kind: 'external', url: cleaned };
  return internal(served, fragment, false, context, decodePath(pathPart));
}

/** `new URL(relative, origin + from).pathname`; undefined where no browser could follow it. */
function resolvedPath(relative: string, from: string): string | undefined {
  try {
    return new URL(relative, PLACEHOLDER_HOST + from).pathname;
  } catch {
    return undefined;
  }
}

/**
 * `new URL(relative, origin + from).pathname` for paths of {@link PLAIN_PATH} characters: the
 * last segment of `from` dropped, then each segment of `relative` appended, `..` removing one
 * and `.` none (either at the end leaves an empty last segment: a trailing slash).
 */
function resolvePlain(relative: string, from: string): string {
  const segments = from.slice(1).split('/');
  segments.pop();
  const parts = relative.split('/');
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const last = index === parts.length - 1;
    if (part === '..') {
      segments.pop();
      if (last) segments.push('');
    } else if (part === '.') {
      if (last) segments.push('');
    } else segments.push(part);
  }
  return `/${segments.join('/')}`;
}

function internal(
  servedPath: string,
  fragment: string | undefined,
  samePage: boolean,
  context: UrlContext,
  relativePath: string | undefined,
): HrefTarget {
  const normalized =
    servedPath.startsWith('/') &&
    !servedPath.startsWith('//') &&
    PLAIN_PATH.test(servedPath) &&
    !DOT_SEGMENT.test(servedPath)
      ? servedPath
      : // Appended, not resolved: a path that starts with `//` (`..//x` from `/a/p`) is a path,
        // where resolving would read it as a host.
        new URL(`${PLACEHOLDER_HOST}${servedPath.startsWith('/') ? '' : '/'}${servedPath}`)
          .pathname;
  const base = context.base;
  const inBase = base === '/' || normalized.startsWith(base) || `${normalized}/` === base;
  const path = decodePath(inBase ? `/${normalized.slice(base.length)}` : normalized);
  const outsideBase = !inBase;
  // Literals in the order a spread would give, not spreads: this runs once per distinct href.
  if (fragment === undefined) {
    return relativePath === undefined
      ? { kind: 'internal', path, samePage, outsideBase }
      : { kind: 'internal', path, samePage, outsideBase, relativePath };
  }
  return relativePath === undefined
    ? { kind: 'internal', path, fragment, samePage, outsideBase }
    : { kind: 'internal', path, fragment, samePage, outsideBase, relativePath };
}

function fragmentOf(href: string): string | undefined {
  const at = href.indexOf('#');
  return at === -1 ? undefined : href.slice(at + 1);
}

/** `/docs/` + `/a/b/` → `/docs/a/b/`. */
export function joinBase(base: string, path: string): string {
  return base === '/' ? path : base + path.replace(/^\//, '');
}

/** Resolves a path relative to a file's folder; undefined when it climbs above the root. */
export function resolveFilePath(fromFile: string, relativePath: string): string | undefined {
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), relativePath));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return undefined;
  return joined === '.' ? '' : joined;
}

/**
 * The files a Markdown link to `path` may mean, in the order hosts try them: the path itself,
 * then with `.md`/`.mdx`, then the folder's index or readme.
 */
export function sourceFileCandidates(path: string): string[] {
  const stem = path.replace(/\/$/, '');
  const candidates = [
    path,
    stem,
    `${stem}.md`,
    `${stem}.mdx`,
    posix.join(stem, 'index.md'),
    posix.join(stem, 'index.mdx'),
    posix.join(stem, 'README.md'),
    posix.join(stem, 'readme.md'),
  ];
  return [...new Set(candidates)].filter(
    (candidate) => candidate !== '' && !candidate.endsWith('/'),
  );
}
