import { isDefinition } from '../extract/content.js';
import type { ContentFacts, HeadingFact, LinkFact, PageFacts } from '../model/facts.js';

export const PROFILES = ['guide', 'data-study', 'reference', 'essay', 'news'] as const;
export type Profile = (typeof PROFILES)[number];

export type Pillar = 'substance' | 'trust' | 'affordances' | 'discoverability';

/** What every signal is measured from: the page, its content facts and its profile. */
export interface SignalInput {
  page: PageFacts;
  content: ContentFacts;
  profile: Profile;
  /** Prose words (code and table cells excluded). */
  words: number;
  /** The page is in English or its language is unknown: language-dependent signals apply. */
  english: boolean;
  /** Host names of the site itself (links to them are not sources). */
  ownHosts: ReadonlySet<string>;
  /** Domain suffixes of authoritative or primary sources (`.gov`, `doi.org`). */
  authorities: readonly string[];
  /** The time freshness is judged at (ms since the epoch). */
  now: number;
}

export interface Measurement {
  /** How far the page is toward the target, 0–1 (saturating: never more than 1). */
  value: number;
  /** What was measured, for people (values in backticks). */
  measured: string;
  /** What earns the full points. */
  target: string;
}

/** One signal of the scorecard: a small pure function of the page and its profile. */
export interface Signal {
  id: string;
  pillar: Pillar;
  /** Points at full value. */
  max: number;
  /** Depends on English words or phrases: n/a on pages in other languages. */
  languageDependent?: boolean;
  /** Whether the signal applies; when not, it is n/a and leaves the denominator. */
  applies(input: SignalInput): boolean;
  measure(input: SignalInput): Measurement;
  /** What to do, in one sentence. */
  fix: string;
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
/** A count target that grows with √words: the score is not a proxy for length. */
export const scaledTarget = (perThousand: number, words: number): number =>
  Math.max(1, perThousand * Math.sqrt(Math.max(words, 300) / 1000));
const round1 = (value: number): number => Math.round(value * 10) / 10;
/** `\`1\` image`, `\`2\` images`, `1.6 images`: a count and its noun, singular only for one. */
export const counted = (count: number, singular: string, plural = `${singular}s`): string =>
  `\`${count}\` ${count === 1 ? singular : plural}`;
const noun = (count: number, singular: string, plural = `${singular}s`): string =>
  `${count} ${count === 1 ? singular : plural}`;

/**
 * Words at which depth saturates: Moz × BuzzSumo's "long-form" starts at 1,000 words; news is
 * complete sooner. Past the target, length earns nothing more. On reference pages depth is n/a
 * (they are as long as what they document); their target only shows in the n/a measurement.
 */
const DEPTH_TARGET: Record<Profile, number> = {
  guide: 1000,
  'data-study': 1000,
  reference: 600,
  essay: 1000,
  news: 600,
};
const DATA_FILE =
  /\.(?:csv|tsv|json|xlsx?|ods|ipynb|parquet|sqlite|feather|rdata|sav|dta)(?:[?#]|$)/i;
const DATA_HOSTS =
  /(?:^|\.)(?:zenodo\.org|figshare\.com|kaggle\.com|data\.world|osf\.io|datadryad\.org|huggingface\.co)$/i;
const GENERIC_TITLES =
  /^(?:untitled|home|index|notes?|update|post|new post|draft|page|blog|test|hello world)$/i;
const GENERIC_ANCHORS = new Set([
  'click here',
  'here',
  'this',
  'link',
  'this link',
  'read more',
  'more',
  'learn more',
  'this post',
  'this article',
  'this page',
  'see here',
  'go here',
]);
const LONGEST_GENERIC_ANCHOR = Math.max(...[...GENERIC_ANCHORS].map((text) => text.length));
/** ASCII words separated by single spaces: text that anchor normalisation only lower-cases. */
const PLAIN_WORDS = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;
const BARE_URL = /^(?:https?:\/\/|www\.)\S+$/i;
const ARTICLE_TYPES =
  /^(?:Article|BlogPosting|NewsArticle|TechArticle|ScholarlyArticle|Report|Dataset|HowTo)$/;
const STALE_AFTER_DAYS = 730;

/** A content link whose text says nothing about its target: "here", "read more", a bare URL. */
export function isVagueAnchor(link: LinkFact): boolean {
  if (link.region !== 'content') return false;
  // Plain ASCII words (most link texts) are their own normal form once lower-cased, and cannot
  // be a bare URL: the Unicode passes are for the rest.
  if (PLAIN_WORDS.test(link.text)) {
    return (
      link.text.length <= LONGEST_GENERIC_ANCHOR && GENERIC_ANCHORS.has(link.text.toLowerCase())
    );
  }
  const text = link.text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return GENERIC_ANCHORS.has(text) || BARE_URL.test(link.text);
}

/** The title of a table of contents: a heading nobody links to. */
const TOC_TITLE = /^(?:table of contents|contents|on this page)$/i;

/** The subheadings (h2–h4) others could link to: not the title of a table of contents. */
export function subheadings(page: PageFacts): HeadingFact[] {
  return page.headings.filter(
    (heading) => heading.depth >= 2 && heading.depth <= 4 && !TOC_TITLE.test(heading.text),
  );
}

/** Content links to other sites, as host names. */
export function externalHosts(input: SignalInput): string[] {
  const hosts: string[] = [];
  for (const host of linkHosts(input)) {
    if (host !== undefined && !input.ownHosts.has(host)) hosts.push(host);
  }
  return hosts;
}

const hostsByInput = new WeakMap<SignalInput, (string | undefined)[]>();

/**
 * Each link's host ({@link hostOf}), by index, made once per scoring: two signals ask, and a
 * URL parse per link and signal was most of their time.
 */
function linkHosts(input: SignalInput): (string | undefined)[] {
  let hosts = hostsByInput.get(input);
  if (hosts === undefined) {
    hosts = input.page.links.map(hostOf);
    hostsByInput.set(input, hosts);
  }
  return hosts;
}

function hostOf(link: LinkFact): string | undefined {
  if (link.region !== 'content' || !/^https?:\/\//i.test(link.href)) return undefined;
  try {
    return new URL(link.href).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function isAuthority(host: string, authorities: readonly string[]): boolean {
  return authorities.some((suffix) =>
    suffix.startsWith('.')
      ? host.endsWith(suffix) || host.includes(`${suffix}.`)
      : host === suffix || host.endsWith(`.${suffix}`),
  );
}

function contentImages(page: PageFacts) {
  return page.images.filter((image) => {
    if (image.region !== 'content' || /^data:|\.ico(?:[?#]|$)|shields\.io|badge/i.test(image.src)) {
      return false;
    }
    const small = (size: string | undefined) =>
      size !== undefined && Number.parseInt(size, 10) < 100;
    return !small(image.width) && !small(image.height);
  });
}

/** The title without a site-name suffix (`Post title | Site`). */
export function ownTitle(page: PageFacts): string | undefined {
  const title = page.title?.trim();
  if (!title) return undefined;
  const parts = title.split(/\s+[|–—·•:-]\s+/);
  return parts.length > 1 && parts[0]!.length >= 10 ? parts[0] : title;
}

const wordsOf = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const profiles =
  (...allowed: Profile[]) =>
  (input: SignalInput): boolean =>
    allowed.includes(input.profile);

/** The signals, in the order of the docs; points sum to 100. */
export const SIGNALS: readonly Signal[] = [
  {
    id: 'original-data',
    pillar: 'substance',
    max: 16,
    applies: profiles('guide', 'data-study', 'news'),
    measure(input) {
      const { page, content } = input;
      const tables = content.tables.filter((table) => table.rows >= 3 && table.numericShare >= 0.3);
      const hosts = linkHosts(input);
      const downloads = page.links.filter((link, index) => {
        const host = hosts[index];
        return DATA_FILE.test(link.href) || (host !== undefined && DATA_HOSTS.test(host));
      }).length;
      return {
        value:
          0.5 * (tables.length > 0 ? 1 : 0) +
          0.3 * Math.min(1, content.researchPhrases / 2) +
          0.2 * (downloads > 0 ? 1 : 0),
        measured: `${counted(tables.length, 'numeric table')}, ${counted(content.researchPhrases, 'mention')} of first-party research, ${counted(downloads, 'data download')}`,
        target: 'a numeric table, a methodology and a downloadable dataset',
      };
    },
    fix: 'Publish numbers of your own: a results table, a short "How we measured" section, and the data as a CSV or JSON download.',
  },
  {
    id: 'quotable-statistics',
    pillar: 'substance',
    max: 8,
    applies: profiles('guide', 'data-study', 'news'),
    measure({ content, words }) {
      const sourced = content.statistics.filter((statistic) => statistic.sourced).length;
      const unsourced = content.statistics.length - sourced;
      const target = scaledTarget(3, words);
      return {
        value: Math.min(1, (sourced + 0.5 * unsourced) / target),
        measured: `\`${sourced}\` sourced and ${counted(unsourced, 'unsourced sentence')} with a figure`,
        target: `${noun(round1(target), 'sourced figure')} (3 per √1,000 words)`,
      };
    },
    fix: 'State the key results as concrete figures (a percentage, a multiple, a count), each with a link to its source.',
  },
  {
    id: 'depth',
    pillar: 'substance',
    max: 10,
    // The evidence (Backlinko, Moz × BuzzSumo) is about articles: a reference entry is complete
    // at the size of what it documents, and asking it to be longer is bad advice.
    applies: profiles('guide', 'data-study', 'essay', 'news'),
    measure({ words, profile }) {
      const target = DEPTH_TARGET[profile];
      return {
        value: words < 300 ? 0 : Math.min(1, Math.sqrt(words / target)),
        measured: `${counted(words, 'word')} of prose`,
        target: `${target} words for a ${profile} (√-scaled; under 300 earns nothing)`,
      };
    },
    fix: 'Cover the topic in full: answer the follow-up questions a reader would ask, with examples.',
  },
  {
    id: 'visual-assets',
    pillar: 'substance',
    max: 8,
    applies: () => true,
    measure({ page, words }) {
      const images = contentImages(page);
      const target = Math.max(1, Math.sqrt(words / 700));
      const altOk = images.filter((image) => {
        const length = image.alt?.trim().length ?? 0;
        return length >= 10 && length <= 200;
      }).length;
      return {
        value:
          0.7 * Math.min(1, images.length / target) +
          0.3 * (images.length === 0 ? 0 : altOk / images.length),
        measured: `${counted(images.length, 'image')}, \`${altOk}\` with a descriptive alt text`,
        target: `${noun(round1(target), 'image')} (one per √700 words) with alt texts of 10–200 characters`,
      };
    },
    fix: 'Add an original diagram or chart that others can reuse, with an alt text that says what it shows.',
  },
  {
    id: 'cites-sources',
    pillar: 'trust',
    max: 12,
    applies: () => true,
    measure(input) {
      const hosts = new Set(externalHosts(input));
      const authorities = [...hosts].filter((host) => isAuthority(host, input.authorities)).length;
      const target = scaledTarget(2, input.words);
      // Primary sources scale too (1 per √1,000 words, at most 2): a fixed count favours long pages.
      const primary = Math.min(2, scaledTarget(1, input.words));
      const statistics = input.content.statistics;
      const cited =
        statistics.length === 0
          ? 1
          : statistics.filter((s) => s.sourced).length / statistics.length;
      return {
        value:
          0.5 * Math.min(1, hosts.size / target) +
          0.3 * Math.min(1, authorities / primary) +
          0.2 * cited,
        measured: `${counted(hosts.size, 'cited site')}, \`${authorities}\` authoritative; \`${Math.round(cited * 100)}%\` of figures sourced`,
        target: `${noun(round1(target), 'cited site')} (2 per √1,000 words), ${noun(round1(primary), 'primary source')} (1 per √1,000 words, at least 1, at most 2), every figure sourced`,
      };
    },
    fix: 'Link the claims to their sources, preferably primary ones (standards, papers, official data).',
  },
  {
    id: 'author-byline',
    pillar: 'trust',
    max: 5,
    applies: profiles('guide', 'data-study', 'essay', 'news'),
    measure({ page, content }) {
      const author =
        content.author ??
        (page.links.some((link) => link.rel.includes('author')) ? 'a rel=author link' : undefined);
      return {
        value: author === undefined ? 0 : 1,
        measured: author === undefined ? 'no author' : `author \`${author}\``,
        target: 'a named author',
      };
    },
    fix: 'Name the author: `author` in the frontmatter, rendered as a byline and in the page metadata.',
  },
  {
    id: 'dates',
    pillar: 'trust',
    max: 4,
    applies: () => true,
    measure({ content, profile, now }) {
      const latest = content.modified ?? content.published;
      if (latest === undefined) {
        return {
          value: 0,
          measured: 'no date',
          target: 'a published date (and an updated date when edited)',
        };
      }
      const time = Date.parse(latest);
      const ageDays = Number.isNaN(time) ? 0 : (now - time) / 86_400_000;
      const stale = (profile === 'guide' || profile === 'reference') && ageDays > STALE_AFTER_DAYS;
      return {
        value: stale ? 0.6 : 1,
        measured: stale ? `last dated \`${latest}\`, over 2 years ago` : `dated \`${latest}\``,
        target: 'a published date; guides and references updated within 2 years',
      };
    },
    fix: 'Give the page a published date, and an updated date when you revise it (`date`, `updated` in the frontmatter).',
  },
  {
    id: 'heading-cadence',
    pillar: 'affordances',
    max: 5,
    // A page under 300 words is one short section: full points, never a reason to pad it.
    applies: () => true,
    measure({ page, content }) {
      const total = page.wordCount;
      const marks = content.headingWords.filter((mark) => mark > 0 && mark < total);
      let previous = 0;
      let short = 0;
      let longest = 0;
      for (const mark of [...marks, total]) {
        const section = mark - previous;
        if (section <= 300) short += section;
        longest = Math.max(longest, section);
        previous = mark;
      }
      return {
        value: total === 0 ? 0 : short / total,
        measured: `longest stretch without a heading: ${counted(longest, 'word')}`,
        target: 'a heading at least every 300 words',
      };
    },
    fix: 'Break long stretches of text with descriptive subheadings, at least every 300 words: each one is a place others can link to.',
  },
  {
    id: 'heading-ids',
    pillar: 'affordances',
    max: 3,
    applies: ({ page }) => subheadings(page).length > 0,
    measure({ page }) {
      const headings = subheadings(page);
      const counts = new Map<string, number>();
      for (const heading of headings)
        if (heading.id) counts.set(heading.id, (counts.get(heading.id) ?? 0) + 1);
      const ok = headings.filter((heading) => heading.id && counts.get(heading.id) === 1).length;
      return {
        value: ok / headings.length,
        measured: `\`${ok}\` of ${counted(headings.length, 'subheading')} with a unique id`,
        target: 'every subheading with a stable, unique id',
      };
    },
    fix: 'Give every subheading a unique id, so that others can link to the section.',
  },
  {
    id: 'table-of-contents',
    pillar: 'affordances',
    max: 2,
    applies: ({ words, profile }) => words >= 1500 && profile !== 'news',
    measure({ page, content }) {
      const headingIds = new Set(page.headings.map((heading) => heading.id).filter(Boolean));
      const jumps = page.links.filter(
        (link) => link.href.startsWith('#') && headingIds.has(link.href.slice(1)),
      ).length;
      const toc = content.toc === true || jumps >= 3;
      return {
        value: toc ? 1 : 0,
        measured: toc ? 'a table of contents' : 'no table of contents',
        target: 'a table of contents on pages over 1,500 words',
      };
    },
    fix: 'Add a table of contents linking to the sections: readers (and those who cite you) jump straight to the part they need.',
  },
  {
    id: 'quotable-summary',
    pillar: 'affordances',
    max: 6,
    languageDependent: true,
    applies: () => true,
    measure({ page, content }) {
      const frontmatter = page.frontmatter ?? {};
      const summary =
        content.summary === true ||
        ['tldr', 'takeaways', 'keyTakeaways'].some((key) => frontmatter[key] !== undefined);
      const sentences = (content.lead ?? '').split(/(?<=[.!?])\s+/).slice(0, 2);
      const definition = sentences.some((sentence) => isDefinition(sentence));
      const quote = content.blockquotes > 0;
      return {
        value: 0.6 * (summary ? 1 : 0) + 0.3 * (definition ? 1 : 0) + 0.1 * (quote ? 1 : 0),
        measured: `summary: \`${summary ? 'yes' : 'no'}\`, definitional lead: \`${definition ? 'yes' : 'no'}\`, quote: \`${quote ? 'yes' : 'no'}\``,
        target: 'a TL;DR or key takeaways, a lead that defines the subject, a quotable line',
      };
    },
    fix: 'Open with a sentence that defines the subject ("X is …") and add a short "Key takeaways" or TL;DR section.',
  },
  {
    id: 'citation-metadata',
    pillar: 'affordances',
    max: 7,
    applies: ({ page }) => page.format === 'html',
    measure({ page, content }) {
      const fields: [string, boolean][] = [
        ['title', Boolean(page.title)],
        ['description', Boolean(page.meta.description)],
        ['canonical', Boolean(page.meta.canonical)],
        ['og:title', Boolean(page.meta.social['og:title'])],
        ['og:type', Boolean(page.meta.social['og:type'])],
        ['og:url', Boolean(page.meta.social['og:url'])],
        ['JSON-LD Article', page.meta.jsonLdTypes.some((type) => ARTICLE_TYPES.test(type))],
        ['author', content.author !== undefined],
        ['date', content.published !== undefined],
      ];
      const missing = fields.filter(([, present]) => !present).map(([name]) => name);
      return {
        value: (fields.length - missing.length) / fields.length,
        measured: missing.length === 0 ? 'every field' : `missing \`${missing.join('`, `')}\``,
        target: 'title, description, canonical, og:title/type/url, JSON-LD Article, author, date',
      };
    },
    fix: 'Add the metadata citation tools read (Zotero, Citoid): canonical, Open Graph, JSON-LD Article with author and dates.',
  },
  {
    id: 'descriptive-title',
    pillar: 'discoverability',
    max: 5,
    applies: () => true,
    measure(input) {
      const title = ownTitle(input.page);
      if (title === undefined)
        return {
          value: 0,
          measured: 'no title',
          target: 'a specific title of 3–12 words, ≤ 70 characters',
        };
      const count = wordsOf(title);
      const generic = GENERIC_TITLES.test(title);
      return {
        value:
          0.4 * (count >= 3 && count <= 12 ? 1 : 0) +
          0.3 * (title.length <= 70 ? 1 : 0) +
          0.3 * (generic ? 0 : 1),
        measured: `\`${title}\`: ${counted(count, 'word')}, ${counted(title.length, 'character')}`,
        target: 'a specific title of 3–12 words, ≤ 70 characters',
      };
    },
    fix: 'Give the page a specific title of 3–12 words that says what a reader learns.',
  },
  {
    id: 'meta-description',
    pillar: 'discoverability',
    max: 3,
    applies: () => true,
    measure({ page }) {
      const description = page.meta.description?.trim();
      const length = description?.length ?? 0;
      const value =
        !description || description === page.title?.trim()
          ? 0
          : length >= 120 && length <= 156
            ? 1
            : length >= 50 && length <= 200
              ? 0.6
              : 0.3;
      return {
        value,
        measured: description ? `description of ${counted(length, 'character')}` : 'no description',
        target: 'a description of 120–156 characters, not the title',
      };
    },
    fix: 'Write a meta description of 120–156 characters that says what the page offers (`description` in the frontmatter).',
  },
  {
    id: 'social-card',
    pillar: 'discoverability',
    max: 3,
    applies: ({ page }) => page.format === 'html',
    measure({ page }) {
      const social = page.meta.social;
      const fields = ['og:image', 'og:image:alt', 'twitter:card'];
      const present = fields.filter((field) => Boolean(social[field]));
      return {
        value: present.length / fields.length,
        measured: present.length === 0 ? 'no social card' : `\`${present.join('`, `')}\``,
        target: '`og:image`, `og:image:alt`, `twitter:card`',
      };
    },
    fix: 'Add a social card: `og:image` (1200×630) with `og:image:alt`, and `twitter:card`.',
  },
  {
    id: 'descriptive-anchors',
    pillar: 'discoverability',
    max: 3,
    languageDependent: true,
    applies: ({ page }) => page.links.some((link) => link.region === 'content'),
    measure({ page, words }) {
      const bad = page.links.filter(isVagueAnchor).length;
      // The tolerance grows with √words, as every count of the scorecard does.
      const allowance = scaledTarget(3, words);
      return {
        value: 1 - Math.min(1, bad / allowance),
        measured: `${counted(bad, 'link')} with text like "here" or a bare URL`,
        target: `no link text that says nothing about its target (all points lost at ${noun(round1(allowance), 'such link')})`,
      };
    },
    fix: 'Make link texts say where they lead instead of "here" or a bare URL.',
  },
];

export { clamp01, round1 };
