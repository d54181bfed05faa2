import { ConfigError } from '../config/errors.js';
import type { Site } from './site.js';

/** The version of the baseline format; a file of another version is refused, not guessed at. */
export const BASELINE_VERSION = 1;
/** The name `linkworthy baseline` writes by default. */
export const BASELINE_FILE = 'linkworthy-baseline.json';

/** One page of a recorded build: its public URL and the fragment ids it offered. */
export interface BaselineEntry {
  /** The URL path users saw, with the base path (`/docs/guide/`). */
  url: string;
  /** Every fragment id of the page, sorted. */
  ids: string[];
  /** The line of the entry in the baseline file: where findings about it point. */
  line: number;
}

/**
 * Every URL and fragment id of a build, recorded so that later runs can report the ones that
 * disappeared (`removed-url`, `removed-fragment`). Plain data, sorted by URL.
 */
export interface Baseline {
  version: number;
  /** The file the baseline is kept in, relative to the site root (where findings point). */
  file: string;
  entries: BaselineEntry[];
}

/**
 * The header lines before the first entry in `baselineToText`'s layout: `{`, the format marker,
 * the version and `"pages": {`. Entries made by `createBaseline` carry the line they get there.
 */
const HEADER_LINES = 4;

/** Records every page URL (with the base path) and every fragment id of the site. */
export function createBaseline(site: Site, file = BASELINE_FILE): Baseline {
  const byUrl = new Map<string, Set<string>>();
  for (const page of site.pages) {
    const url = site.publicUrl(page);
    if (url === undefined) continue;
    const ids = byUrl.get(url) ?? new Set<string>();
    for (const id of page.ids) ids.add(id);
    byUrl.set(url, ids);
  }
  const entries = [...byUrl]
    .sort(([a], [b]) => compare(a, b))
    .map(([url, ids], index) => ({
      url,
      ids: [...ids].sort(compare),
      line: HEADER_LINES + index + 1,
    }));
  return { version: BASELINE_VERSION, file, entries };
}

/**
 * The baseline as a small, diff-friendly JSON file: one line per page, URLs and ids sorted by
 * code point (the same on every machine and locale), two-space indent, a trailing newline.
 * Adding or removing a page or an id changes exactly one line.
 */
export function baselineToText(baseline: Baseline): string {
  const entries = [...baseline.entries].sort((a, b) => compare(a.url, b.url));
  const lines = entries.map(
    (entry, index) =>
      `    ${JSON.stringify(entry.url)}: [${[...new Set(entry.ids)]
        .sort(compare)
        .map((id) => JSON.stringify(id))
        .join(', ')}]${index < entries.length - 1 ? ',' : ''}`,
  );
  return [
    '{',
    '  "format": "linkworthy-baseline",',
    `  "version": ${BASELINE_VERSION},`,
    ...(lines.length === 0 ? ['  "pages": {}'] : ['  "pages": {', ...lines, '  }']),
    '}',
    '',
  ].join('\n');
}

/**
 * Reads a baseline file. Any valid JSON of the right shape is accepted (a formatter may have
 * wrapped long lines); each entry remembers the line its URL is on. Throws a `BaselineError`
 * naming the file and line when the text is not a baseline.
 */
export function parseBaseline(text: string, file = BASELINE_FILE): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const line = text.slice(0, errorOffset(text, message)).split('\n').length;
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, .*is not valid JSON$/s, '');
    throw new BaselineError(file, line, `not valid JSON (${reason}).`);
  }
  const lineOfKey = keyLines(text);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new BaselineError(file, 1, 'expected an object with `format`, `version` and `pages`.');
  }
  const record = data as Record<string, unknown>;
  if (record.format !== 'linkworthy-baseline') {
    throw new BaselineError(
      file,
      lineOfKey.get('format') ?? 1,
      '`format` must be `"linkworthy-baseline"`: this is not a linkworthy baseline.',
    );
  }
  if (record.version !== BASELINE_VERSION) {
    throw new BaselineError(
      file,
      lineOfKey.get('version') ?? 1,
      `unsupported \`version\` ${JSON.stringify(record.version)}; this linkworthy reads version ${BASELINE_VERSION}.`,
    );
  }
  const pages = record.pages;
  if (pages === null || typeof pages !== 'object' || Array.isArray(pages)) {
    throw new BaselineError(
      file,
      lineOfKey.get('pages') ?? 1,
      '`pages` must be an object of URL → list of fragment ids.',
    );
  }
  const fallbackLine = lineOfKey.get('pages') ?? 1;
  const entries: BaselineEntry[] = [];
  for (const [url, ids] of Object.entries(pages as Record<string, unknown>)) {
    const line = lineOfKey.get(url) ?? fallbackLine;
    if (!url.startsWith('/')) {
      throw new BaselineError(
        file,
        line,
        `\`${url}\` is not a URL path; page keys start with \`/\`.`,
      );
    }
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
      throw new BaselineError(file, line, `the ids of \`${url}\` must be a list of strings.`);
    }
    entries.push({ url, ids: [...(ids as string[])].sort(compare), line });
  }
  entries.sort((a, b) => compare(a.url, b.url));
  return { version: BASELINE_VERSION, file, entries };
}

/** A baseline file that cannot be read: a usage error (exit 2), with the file and line. */
export class BaselineError extends ConfigError {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, reason: string) {
    super(file, [{ path: line === undefined ? '' : `line ${line}`, message: reason }]);
    this.file = file;
    this.line = line;
    this.message = `Invalid linkworthy baseline ${file}${line === undefined ? '' : `:${line}`}: ${reason}\nRecord it again with \`linkworthy baseline <dir>\`.`;
  }
}

/** Where JSON.parse gave up, as an offset into the text. */
function errorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  if (message.includes('Unexpected end')) return text.trimEnd().length;
  // V8 gives no position for an unexpected token: find the longest prefix that is still the
  // start of a JSON text; the offending character follows it.
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (isJsonPrefix(text.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return low;
}

function isJsonPrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    return (
      message.includes('Unexpected end') ||
      (position !== undefined && Number(position) >= prefix.length)
    );
  }
}

/** Code-point order: stable across machines, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The line of the first occurrence of each object key (`"key":`) at the start of a line. Good
 * for any layout a JSON formatter produces: values in arrays are never followed by a colon.
 */
function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const key = /^\s*("(?:[^"\\]|\\.)*")\s*:/;
  text.split('\n').forEach((line, index) => {
    const match = key.exec(line);
    if (!match) return;
    try {
      const name = JSON.parse(match[1]!) as string;
      if (!lines.has(name)) lines.set(name, index + 1);
    } catch {
      // Not a JSON string after all; JSON.parse of the whole text decided validity.
    }
  });
  return lines;
}
