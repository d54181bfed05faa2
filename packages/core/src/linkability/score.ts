import type { ContentFacts, PageFacts } from '../model/facts.js';
import {
  clamp01,
  PROFILES,
  round1,
  SIGNALS,
  type Profile,
  type Signal,
  type SignalInput,
} from './signals.js';
import { flattened } from '../util/detach.js';

export type Band = 'hard to link to' | 'linkable with work' | 'link-ready';

/** One signal's result: `points` is null when the signal does not apply (n/a). */
export interface SignalResult {
  id: string;
  pillar: Signal['pillar'];
  points: number | null;
  max: number;
  /** Score points the fix would add (0 for n/a and full signals). */
  gain: number;
  measured: string;
  target: string;
  fix: string;
}

export interface Linkability {
  /** 0–100: Σ points / Σ max of applicable signals × 100. Readiness, not a prediction of links. */
  score: number;
  band: Band;
  profile: Profile;
  /** Where the profile came from. */
  profileFrom: 'frontmatter' | 'inferred';
  /** Every signal, biggest gains first, n/a last. */
  signals: SignalResult[];
}

export interface LinkabilityOptions {
  /** Domain suffixes counted as authoritative sources, added to the defaults. */
  authorities?: readonly string[];
  /** Host names of the site itself (links there are not sources). */
  ownHosts?: readonly string[];
  /** Time freshness is judged at (ms since the epoch); default now. */
  now?: number;
}

export const DEFAULT_AUTHORITIES: readonly string[] = [
  '.gov',
  '.edu',
  '.mil',
  '.ac',
  '.int',
  'europa.eu',
  'doi.org',
  'arxiv.org',
  'ncbi.nlm.nih.gov',
  'nature.com',
  'science.org',
  'acm.org',
  'ieee.org',
  'w3.org',
  'whatwg.org',
  'ietf.org',
  'rfc-editor.org',
  'iso.org',
  'unicode.org',
  'ecma-international.org',
  'developer.mozilla.org',
  'wikipedia.org',
];

const EMPTY_CONTENT: Omit<ContentFacts, 'proseWords'> = {
  tables: [],
  statistics: [],
  headingWords: [],
  blockquotes: 0,
  codeBlocks: 0,
  researchPhrases: 0,
};

/** The page's profile: `linkability.profile`/`linkability.type` or `type` in frontmatter, else inferred. */
export function profileOf(page: PageFacts): { profile: Profile; from: 'frontmatter' | 'inferred' } {
  const frontmatter = page.frontmatter ?? {};
  const settings = frontmatter.linkability;
  const declared =
    typeof settings === 'string'
      ? settings
      : settings !== null && typeof settings === 'object'
        ? ((settings as Record<string, unknown>).profile ??
          (settings as Record<string, unknown>).type)
        : frontmatter.type;
  if (typeof declared === 'string' && (PROFILES as readonly string[]).includes(declared)) {
    return { profile: declared as Profile, from: 'frontmatter' };
  }
  const content = page.content;
  const where = [page.url ?? '', page.file].map((path) => path.toLowerCase());
  let profile: Profile = 'guide';
  if (
    content &&
    content.researchPhrases > 0 &&
    content.tables.some((table) => table.numericShare >= 0.3)
  ) {
    profile = 'data-study';
  } else if (
    where.some((path) => /(?:^|\/)(?:news|releases?|changelog|announcements?)\//.test(path))
  ) {
    profile = 'news';
  } else if (where.some((path) => /(?:^|\/)(?:reference|api|ref|man)\//.test(path))) {
    profile = 'reference';
  } else if (
    content &&
    (content.published !== undefined || content.author !== undefined) &&
    content.codeBlocks === 0 &&
    content.tables.length === 0 &&
    page.headings.filter((heading) => heading.depth === 2).length <= 2
  ) {
    profile = 'essay';
  }
  return { profile, from: 'inferred' };
}

/** The language of the page, when known: `<html lang>` or `lang`/`language` in frontmatter. */
function languageOf(page: PageFacts): string | undefined {
  const declared = page.lang ?? page.frontmatter?.lang ?? page.frontmatter?.language;
  return typeof declared === 'string' ? declared : undefined;
}

export function bandOf(score: number): Band {
  return score < 40 ? 'hard to link to' : score < 70 ? 'linkable with work' : 'link-ready';
}

/** Scores a page: each signal's points, the total, the band, biggest gains first. Pure. */
export function scorePage(page: PageFacts, options: LinkabilityOptions = {}): Linkability {
  const { profile, from } = profileOf(page);
  const content = page.content ?? { ...EMPTY_CONTENT, proseWords: page.wordCount };
  const language = languageOf(page);
  const input: SignalInput = {
    page,
    content,
    profile,
    words: content.proseWords,
    english: language === undefined || /^en(?:$|[-_])/i.test(language),
    ownHosts: new Set([...(options.ownHosts ?? []), ...ownHostsOf(page)]),
    authorities: [...DEFAULT_AUTHORITIES, ...(options.authorities ?? [])],
    now: options.now ?? Date.now(),
  };
  const measured = SIGNALS.map((signal) => {
    const applies = (!signal.languageDependent || input.english) && signal.applies(input);
    const measurement = signal.measure(input);
    return {
      signal,
      applies,
      measurement,
      points: applies ? round1(signal.max * clamp01(measurement.value)) : null,
    };
  });
  let total = 0;
  let possible = 0;
  for (const { signal, points } of measured) {
    if (points === null) continue;
    total += points;
    possible += signal.max;
  }
  const score = possible === 0 ? 0 : Math.round((total / possible) * 100);
  const signals: SignalResult[] = measured.map(({ signal, measurement, points }) => ({
    id: signal.id,
    pillar: signal.pillar,
    points,
    max: signal.max,
    gain: points === null || possible === 0 ? 0 : round1(((signal.max - points) / possible) * 100),
    // Kept to the end of the run, 16 per page: in one piece each (see `flattened`).
    measured: flattened(points === null ? `n/a: ${measurement.measured}` : measurement.measured),
    target: flattened(measurement.target),
    fix: signal.fix,
  }));
  signals.sort(
    (a, b) => (a.points === null ? 1 : 0) - (b.points === null ? 1 : 0) || b.gain - a.gain,
  );
  return { score, band: bandOf(score), profile, profileFrom: from, signals };
}

function ownHostsOf(page: PageFacts): string[] {
  const hosts: string[] = [];
  for (const url of [page.meta.canonical, page.meta.social['og:url']]) {
    if (url === undefined || !/^https?:\/\//i.test(url)) continue;
    try {
      hosts.push(new URL(url).hostname.toLowerCase().replace(/^www\./, ''));
    } catch {
      // Not a URL: no host to add.
    }
  }
  return hosts;
}

const cache = new WeakMap<PageFacts, { key: string; result: Linkability }>();

/**
 * The page's scorecard, computed once per page and options: the `linkability` rule, the JSON
 * report and the remark plugin's summary share it.
 */
export function linkabilityOf(page: PageFacts, options: LinkabilityOptions = {}): Linkability {
  const key = JSON.stringify([options.authorities, options.ownHosts, options.now]);
  const cached = cache.get(page);
  if (cached?.key === key) return cached.result;
  const result = scorePage(page, options);
  cache.set(page, { key, result });
  return result;
}

/** Scores worth computing: pages with content (not redirects, not empty files). */
export function isScorable(page: PageFacts): boolean {
  return page.meta.refresh === undefined && page.wordCount > 0 && !page.partial;
}

/** "original-data +13.6, quotable-statistics +8, …": the top gains, for messages. */
export function topGains(linkability: Linkability, count = 3): string {
  return linkability.signals
    .filter((signal) => signal.gain > 0)
    .slice(0, count)
    .map((signal) => `${signal.id} +${signal.gain}`)
    .join(', ');
}
