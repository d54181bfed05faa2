import type { SourcePosition, TermFact } from '../model/facts.js';

/** How many terms a page keeps: Yoast's internal-linking suggestions use 20 "prominent words". */
export const TERMS_PER_PAGE = 20;
/** Words kept on each side of a term's first occurrence, for the phrase that could carry a link. */
const WINDOW = 2;

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const NUMBER = /^[\p{N}'’-]+$/u;

/** Words that say nothing about what a page is about (English; other languages rely on IDF). */
const STOP_WORDS = new Set(
  (
    'about above after again against all also although always among and another any are around ' +
    'because been before being below between both but can cannot could did does doing done down ' +
    'during each either else enough etc even ever every few for from further get gets getting ' +
    'given gives had has have having her here hers him his how however into its itself just last ' +
    'least less let like make makes many may might more most much must need needs never new next ' +
    'nor not now off often once one only other others otherwise our ours out over own per rather ' +
    'really same see she should since some still such than that the their theirs them then there ' +
    'these they thing things this those though through thus too two under until upon use used ' +
    'uses using very via want was way ways well were what whatever when where whether which while ' +
    'who whom whose why will with within without would yes yet you your yours yourself'
  ).split(' '),
);

/**
 * The term a word counts as, or undefined for words that carry no topic: lower-cased, plurals
 * and possessives folded (`links`, `patches`, `libraries` → `link`, `patch`, `library`), at least
 * three letters, not a number, not a stop word. A key to compare pages by, not always a word:
 * `cache` and `caches` both give `cach`.
 */
export function termOf(word: string): string | undefined {
  let term = word.toLowerCase().replace(/['’]s$/, '');
  if (term.length < 3 || NUMBER.test(term) || STOP_WORDS.has(term)) return undefined;
  if (term.length < 4) return term;
  if (term.length > 4 && term.endsWith('ies')) term = `${term.slice(0, -3)}y`;
  else if (/(?:ss|ch|sh|x|z)es$/.test(term)) term = term.slice(0, -2);
  else if (/[^siu'’]s$/.test(term)) term = term.slice(0, -1);
  // `cache`/`caches` → `cach`, like `patch`/`patches`.
  if (/[cs]he$/.test(term)) term = term.slice(0, -1);
  return STOP_WORDS.has(term) ? undefined : term;
}

const TERM_OF = new Map<string, string | null>();

interface Entry {
  /** The word as first written, lower-cased: how the term is shown. */
  word: string;
  count: number;
  order: number;
  position?: SourcePosition;
  phrase?: string;
}

/**
 * Counts a page's terms while an extractor walks its text, remembering where each term first
 * appears in text a link could be put on. Cheap: one regex pass per text run.
 */
export class TermCounter {
  private readonly entries = new Map<string, Entry>();
  /** Each written form seen, to its term's entry (null: not a term). */
  private readonly byWord = new Map<string, Entry | null>();

  /**
   * Counts the terms of a run of text. `positionAt` is given for running text a link could be
   * placed on (not headings, links or code); it maps an offset in `text` to its position.
   * Returns the number of words, as `countWords` counts them.
   */
  add(text: string, positionAt?: (offset: number) => SourcePosition): number {
    WORD.lastIndex = 0;
    let words = 0;
    if (!positionAt) {
      for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
        this.count(match[0]);
        words++;
      }
      return words;
    }
    // Starts of the last `WINDOW` words, and phrases still waiting for their following words.
    const before: number[] = [];
    const open: { entry: Entry; from: number; to: number; missing: number }[] = [];
    for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
      words++;
      const end = match.index + match[0].length;
      for (const phrase of open) {
        if (phrase.missing === 0) continue;
        phrase.to = end;
        phrase.missing--;
      }
      const entry = this.count(match[0]);
      if (entry && !entry.position) {
        entry.position = positionAt(match.index);
        open.push({ entry, from: before[0] ?? match.index, to: end, missing: WINDOW });
      }
      before.push(match.index);
      if (before.length > WINDOW) before.shift();
    }
    for (const phrase of open) {
      phrase.entry.phrase = text.slice(phrase.from, phrase.to).replace(/\s+/g, ' ');
    }
    return words;
  }

  /** Distinct terms counted so far. */
  get size(): number {
    return this.entries.size;
  }

  /** The most frequent terms, earliest first among equals. */
  top(limit = TERMS_PER_PAGE): TermFact[] {
    return [...this.entries]
      .sort(([, a], [, b]) => b.count - a.count || a.order - b.order)
      .slice(0, limit)
      .map(([term, entry]) => ({
        term,
        ...(entry.word === term ? {} : { word: entry.word }),
        count: entry.count,
        ...(entry.position ? { position: entry.position, phrase: entry.phrase! } : {}),
      }));
  }

  private count(word: string): Entry | undefined {
    if (word.length < 3) return undefined;
    let entry = this.byWord.get(word);
    if (entry === undefined) {
      // Words repeat: the folding runs once per distinct word (per thread), not per occurrence.
      let term = TERM_OF.get(word);
      if (term === undefined) {
        if (TERM_OF.size > 100_000) TERM_OF.clear();
        term = termOf(word) ?? null;
        TERM_OF.set(word, term);
      }
      entry = term === null ? null : this.entries.get(term);
      if (entry === undefined) {
        entry = { word: word.toLowerCase(), count: 0, order: this.entries.size };
        this.entries.set(term!, entry);
      }
      this.byWord.set(word, entry);
    }
    if (entry === null) return undefined;
    entry.count++;
    return entry;
  }
}

/** The words of a text with their offsets, for trimming a phrase to the words that matter. */
export function wordsOf(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((match) => ({
    word: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}
