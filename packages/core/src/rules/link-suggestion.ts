import { posix } from 'node:path';
import { z } from 'zod';
import { termOf, wordsOf } from '../extract/terms.js';
import type { PageFacts, SourcePosition } from '../model/facts.js';
import { defineRule } from '../model/rule.js';
import {
  isNoindex,
  isNotFoundPage,
  isRedirectPage,
  pageMatcher,
  siteGraph,
} from '../site/graph.js';
import type { Site } from '../site/site.js';

/** A page looks for related pages through this many of its terms, the most distinctive first. */
const SEED_TERMS = 8;
/**
 * A term on more pages than this finds no candidates (too common to say two pages are related);
 * it still counts in the similarity of the candidates found through other terms.
 */
const MAX_POSTINGS = 100;
/** At most this many candidates are scored per page: the work grows linearly with the site. */
const MAX_CANDIDATES = 150;
/** Pages sharing fewer terms are never called related, whatever their score. */
const MIN_SHARED_TERMS = 2;
/**
 * Pages with fewer words of content (stubs, "this page has moved" notices, generated indexes)
 * are too short to compare: a few boilerplate words would make them look alike.
 */
export const MIN_WORDS = 60;

export interface LinkSuggestionOptions {
  /** Suggestions per page at most. */
  max: number;
  /** Cosine similarity (0–1) of the pages' TF-IDF term vectors below which nothing is suggested. */
  minScore: number;
  /** Globs of URL paths or files: these pages get no suggestions and are never suggested. */
  ignore: readonly string[];
}

export interface LinkSuggestion {
  page: PageFacts;
  target: PageFacts;
  /** Cosine similarity of the two pages' term vectors, 0–1. */
  score: number;
  /** The shared terms, the ones weighing most in the score first. */
  terms: string[];
  /** The words of `page` that could carry the link, as written, and where they are. */
  phrase: string;
  position: SourcePosition;
}

/** Work counters, for the test that checks the work stays linear in the number of pages. */
export interface LinkSuggestionStats {
  /** Posting-list entries visited while collecting candidates. */
  postings: number;
  /** Candidate pairs whose similarity was computed. */
  comparisons: number;
}

export default defineRule({
  id: 'link-suggestion',
  meta: {
    description:
      'Suggest, for each page, the few most related pages it does not link to yet, and the phrase in its text that could carry the link.',
    category: 'links',
    defaultSeverity: 'info',
    recommended: false,
    reads: [
      'file',
      'format',
      'headings',
      'lang',
      'links',
      'meta.refresh',
      'meta.robots',
      'partial',
      'terms',
      'title',
      'url',
      'wordCount',
    ],
    scope: 'site',
    needs: ['terms'],
  },
  options: z.strictObject({
    /** Suggestions per page at most. */
    max: z.number().int().min(1).default(3),
    /** Similarity (0–1) a page must reach to be suggested. */
    minScore: z.number().min(0).max(1).default(0.25),
    /** Globs of URL paths or files of pages that get no suggestions and are never suggested. */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    for (const suggestion of suggestLinks(site, options)) {
      const { page, target, terms, phrase } = suggestion;
      const name = targetName(site, page, target);
      const title = titleOf(target);
      report({
        page,
        messageId: 'suggestion',
        message: `Link \`${name}\` from the phrase \`${phrase}\` (shared terms: ${terms.slice(0, 3).join(', ')}).`,
        note:
          `\`${name}\`${title ? ` (“${title}”)` : ''} is one of the pages most related to this one by the terms they share (similarity ${suggestion.score.toFixed(2)}), and this page does not link there yet. ` +
          'A link in running text helps readers on and passes link equity; skip it if the pages are not really related.',
        at: suggestion.position,
        data: {
          target: name,
          phrase,
          score: Math.round(suggestion.score * 100) / 100,
          terms: terms.slice(0, 5),
        },
      });
    }
  },
});

/**
 * For each page, the most related pages its content does not link to yet. TF-IDF over each
 * page's kept terms, with an inverted index (term → pages): a page finds candidates only through
 * its most distinctive terms, and scores a bounded number of them, so the work is linear in the
 * number of pages rather than quadratic.
 */
export function suggestLinks(
  site: Site,
  options: LinkSuggestionOptions,
  stats: LinkSuggestionStats = { postings: 0, comparisons: 0 },
): LinkSuggestion[] {
  const ignored = pageMatcher(site, options.ignore);
  const pages = site.pages.filter(
    (page) =>
      (page.terms?.length ?? 0) > 0 &&
      page.wordCount >= MIN_WORDS &&
      !page.partial &&
      !isNotFoundPage(page) &&
      !isRedirectPage(page) &&
      !isNoindex(page) &&
      !ignored(page),
  );
  if (pages.length < 2) return [];

  const postings = new Map<string, number[]>();
  pages.forEach((page, index) => {
    for (const { term } of page.terms!) {
      const list = postings.get(term);
      if (list) list.push(index);
      else postings.set(term, [index]);
    }
  });
  const vectors = pages.map((page) => {
    const weights = new Map<string, number>();
    let squares = 0;
    for (const { term, count } of page.terms!) {
      // A term on every page weighs nothing: it cannot tell pages apart.
      const weight = (1 + Math.log(count)) * Math.log(pages.length / postings.get(term)!.length);
      if (weight === 0) continue;
      weights.set(term, weight);
      squares += weight * weight;
    }
    return { weights, norm: Math.sqrt(squares) };
  });

  const graph = siteGraph(site);
  const suggestions: LinkSuggestion[] = [];
  pages.forEach((page, index) => {
    const own = vectors[index]!;
    if (own.norm === 0) return;
    const candidates = candidatesOf(index, own.weights, postings, stats);
    if (candidates.size === 0) return;
    const linked = new Set<PageFacts>();
    for (const link of graph.linksFrom(page)) linked.add(link.to);

    const scored: { target: PageFacts; score: number; shared: [string, number][] }[] = [];
    for (const other of candidates) {
      stats.comparisons++;
      const target = pages[other]!;
      if (linked.has(target) || isVariantOf(page, target)) continue;
      const theirs = vectors[other]!;
      if (theirs.norm === 0) continue;
      let dot = 0;
      const shared: [string, number][] = [];
      for (const [term, weight] of theirs.weights) {
        const mine = own.weights.get(term);
        if (mine === undefined) continue;
        dot += mine * weight;
        shared.push([term, mine * weight]);
      }
      if (shared.length < MIN_SHARED_TERMS) continue;
      const score = dot / (own.norm * theirs.norm);
      if (score >= options.minScore) scored.push({ target, score, shared });
    }
    scored.sort(
      (a, b) =>
        b.score - a.score || compare(a.target.url ?? a.target.file, b.target.url ?? b.target.file),
    );

    let kept = 0;
    for (const { target, score, shared } of scored) {
      if (kept === options.max) break;
      const anchor = anchorIn(page, target, shared);
      if (!anchor) continue;
      shared.sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
      const words = new Map(page.terms!.map((fact) => [fact.term, fact.word ?? fact.term]));
      suggestions.push({
        page,
        target,
        score,
        terms: shared.map(([term]) => words.get(term) ?? term),
        ...anchor,
      });
      kept++;
    }
  });
  return suggestions;
}

const VERSION = /^v?\d+(?:\.\d+)+$|^v\d+$/i;

/**
 * Another version or translation of the same page: a different `lang`, a different version
 * folder (`/docs/3.0/` and `/docs/3.1/`), or the same name in a sibling folder. Alike by nature,
 * and not what a reader of one wants a link to.
 */
function isVariantOf(page: PageFacts, target: PageFacts): boolean {
  const lang = page.lang?.toLowerCase().split('-')[0];
  const targetLang = target.lang?.toLowerCase().split('-')[0];
  if (lang && targetLang && lang !== targetLang) return true;
  const mine = (page.url ?? page.file).split('/');
  const theirs = (target.url ?? target.file).split('/');
  if (mine.length !== theirs.length) return false;
  let differences = 0;
  for (let index = 0; index < mine.length; index++) {
    if (mine[index] === theirs[index]) continue;
    if (VERSION.test(mine[index]!) && VERSION.test(theirs[index]!)) return true;
    differences++;
  }
  return differences === 1 && mine.at(-1) === theirs.at(-1) && mine.at(-1) !== '';
}

/** Pages sharing one of the page's most distinctive terms, at most `MAX_CANDIDATES` of them. */
function candidatesOf(
  index: number,
  weights: ReadonlyMap<string, number>,
  postings: ReadonlyMap<string, readonly number[]>,
  stats: LinkSuggestionStats,
): Set<number> {
  const seeds = [...weights]
    .filter(([term]) => {
      const count = postings.get(term)!.length;
      return count > 1 && count <= MAX_POSTINGS;
    })
    .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
    .slice(0, SEED_TERMS);
  const candidates = new Set<number>();
  for (const [term] of seeds) {
    for (const other of postings.get(term)!) {
      stats.postings++;
      if (other === index || candidates.has(other)) continue;
      if (candidates.size === MAX_CANDIDATES) return candidates;
      candidates.add(other);
    }
  }
  return candidates;
}

/**
 * Where the link could go: the first place in the page's running text where a shared term
 * appears, preferring terms of the target's title, widened to the neighbouring words that are
 * terms of the target too (`build` → `build cache`).
 */
function anchorIn(
  page: PageFacts,
  target: PageFacts,
  shared: readonly [string, number][],
): { phrase: string; position: SourcePosition } | undefined {
  const title = new Set(wordsOf(titleOf(target) ?? '').flatMap(({ word }) => termOf(word) ?? []));
  const own = new Map(page.terms!.map((fact) => [fact.term, fact]));
  let best: { term: string; rank: number } | undefined;
  for (const [term, weight] of shared) {
    if (own.get(term)?.position === undefined) continue;
    const rank = title.has(term) ? weight * 2 : weight;
    if (!best || rank > best.rank) best = { term, rank };
  }
  if (!best) return undefined;
  const fact = own.get(best.term)!;
  const wanted = new Set([...title, ...target.terms!.map(({ term }) => term)]);
  return { phrase: widen(fact.phrase!, best.term, wanted), position: fact.position! };
}

/** The term's word in the phrase, with its neighbours in `wanted`, within one clause. */
function widen(phrase: string, term: string, wanted: ReadonlySet<string>): string {
  const words = wordsOf(phrase);
  const at = words.findIndex(({ word }) => termOf(word) === term);
  if (at === -1) return phrase;
  const joins = (left: number) =>
    !/[.,;:!?()[\]{}"“”]/.test(phrase.slice(words[left]!.end, words[left + 1]!.start));
  const fits = (position: number) => wanted.has(termOf(words[position]!.word) ?? '');
  let first = at;
  let last = at;
  while (first > 0 && fits(first - 1) && joins(first - 1)) first--;
  while (last < words.length - 1 && fits(last + 1) && joins(last)) last++;
  return phrase.slice(words[first]!.start, words[last]!.end);
}

/** The page's own title: its first `h1`, else `<title>` or the frontmatter title. */
function titleOf(page: PageFacts): string | undefined {
  return page.headings.find((heading) => heading.depth === 1)?.text || page.title || undefined;
}

/** How the target is named: its public URL, else the relative href between the source files. */
function targetName(site: Site, page: PageFacts, target: PageFacts): string {
  const url = site.publicUrl(target);
  if (url !== undefined) return url;
  const href = posix.relative(posix.dirname(page.file), target.file);
  return href.startsWith('.') ? href : `./${href}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
