import type { ContentFacts, SourcePosition } from '../model/facts.js';
import type { TagAttributes } from './html-events.js';
import { countWords, type ProseSigns } from './text.js';

/**
 * A figure a reader could quote: a percentage, a multiple (`3×`, `2x faster`), an amount of money,
 * a count with a scale word (`4 million`), a ratio (`1 in 5`, `3 out of 4`) or a large count
 * written with thousands separators (`12,000`). Version numbers, plain small numbers and years are
 * not figures.
 */
const FIGURE =
  /(?<![\w.,])(?:[$€£¥]\s?(?:\d{1,3}(?:,\d{3})+|\d{2,}|\d[.,]\d+)(?:[.,]\d+)?(?:\s?(?:k|m|bn|million|billion|trillion|thousand)\b)?|\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)|\d+(?:\.\d+)?\s?(?:×|x\b|times\s(?=(?:faster|slower|more|less|fewer|larger|smaller|higher|lower|cheaper|as)\b))|\d+(?:\.\d+)?\s(?:million|billion|trillion)\b|\d+\s(?:in|out of)\s\d+\s(?=(?:people|users|respondents|developers|visitors|adults|customers|companies|sites|pages|posts|americans|readers)\b)|\d{1,3}(?:,\d{3})+(?![.,]?\d))/giu;
/** `100%` and `0%` are more often absolutes (`100% width`) than statistics. */
const NOT_A_STATISTIC = /^(?:100|0)\s?(?:%|percent|per cent)$/;
/**
 * Stands for inline code in a block's text: a sentence with code in it describes a setting
 * (`-M90%` means more than 90% similar), and its figures are not statistics.
 */
export const CODE_MARK = '\uE000';
const SETTING = /\bdefault(?:s|ed)?\b|\bthreshold\b/i;
/** A citation marker written in the text: `[1]`, `[^note]`, `(Smith, 2020)`. */
const CITATION_MARKER = /\[\^?[\w-]{1,12}\]|\([A-Z][\p{L}-]+(?: et al\.?)?,? (?:19|20)\d\d\)/u;
/** First-party research: the figures are the author's own, and this is where they come from. */
const FIRST_PARTY =
  /\b(?:(?:we|I) (?:analy[sz]ed|surveyed|measured|benchmarked|tested|collected|interviewed|studied|crawled|sampled|ran)|our (?:data|dataset|survey|study|analysis|research|benchmarks?|measurements?|results|findings)|methodology|how we (?:measured|tested|collected))\b/i;
/**
 * What every match of {@link FIRST_PARTY} contains: `we `, `I `, `our ` or `methodology`. This
 * runs over all prose of every page, and most blocks have none of these, so a test of this
 * simpler pattern first halves the cost (the full pattern was 8% of a worker's time at 10k pages).
 */
const FIRST_PARTY_HINT = /(?:we|i|our) |methodology/i;
const isFirstParty = (text: string): boolean =>
  FIRST_PARTY_HINT.test(text) && FIRST_PARTY.test(text);
/** A heading or paragraph lead that announces a summary. */
const SUMMARY =
  /^(?:tl;?\s?dr|tldr|key takeaways?|takeaways|summary|in summary|in short|in brief|at a glance|the short answer|short answer|the gist|bottom line)\b/i;
/** A definitional sentence: `X is a …`, `X are the …`, `X refers to …`, `X means …`. */
const DEFINITION =
  /^[^.?!:]{1,80}?\b(?:is|are|was|refers to|means|describes)\s+(?:a|an|the|one of|how|what|when|where)\b/i;
/** A table of contents written in the source: `[[toc]]`, `[TOC]`, `${toc}`, `<!-- toc -->`. */
const TOC_MARKER = /^\s*(?:\[\[_?toc_?\]\]|\[toc\]|\$\{toc\}|<!--\s*toc\s*-->|\{:toc\})\s*$/i;
const SENTENCE_END = /[.!?](?=\s|$)/g;
const NUMERIC_CELL =
  /^[\s(~≈<>±+-]*[$€£¥]?\s?[+-]?\d[\d,. ]*\s?(?:%|[kmb×x]|ms|s|kb|mb|gb|px|h|min)?\)?\s*$/i;

/** One block of running text (a paragraph, a list item) as the extractor saw it. */
export interface TextBlock {
  text: string;
  /** Maps an offset in `text` to its place in the file. */
  positionAt?: ((offset: number) => SourcePosition | undefined) | undefined;
  /** The block links somewhere (not to a heading of its own page) or carries a footnote. */
  hasSource: boolean;
  /** Whether counting the block's words saw a digit ({@link ProseSigns}); absent: not counted. */
  digit?: boolean;
}

/**
 * Collects the measurements the linkability scorecard reads, during the extractors' one pass:
 * per block of prose, per table, per heading. Cheap: one or two regular expressions per block.
 */
export class ContentCollector {
  readonly facts: ContentFacts = {
    proseWords: 0,
    tables: [],
    statistics: [],
    headingWords: [],
    blockquotes: 0,
    codeBlocks: 0,
    researchPhrases: 0,
  };
  private tableWords = 0;
  private blocks = 0;

  /** A block of prose, in document order. */
  block(block: TextBlock): void {
    const { text } = block;
    if (text.trim() === '') return;
    this.blocks++;
    if (this.blocks === 1 && this.facts.lead === undefined) {
      this.facts.lead = text.trim().slice(0, 300);
      const position = block.positionAt?.(text.length - text.trimStart().length);
      if (position) this.facts.leadPosition = position;
    }
    if (SUMMARY.test(text.trimStart())) this.facts.summary = true;
    if (TOC_MARKER.test(text)) this.facts.toc = true;
    const firstParty = isFirstParty(text);
    if (firstParty) this.facts.researchPhrases++;
    if (block.digit === false || !/\d/.test(text)) return;
    let lastSentence = -1;
    for (const match of text.matchAll(FIGURE)) {
      const figure = match[0].trim();
      if (NOT_A_STATISTIC.test(figure)) continue;
      const start = sentenceStart(text, match.index);
      if (start === lastSentence) continue;
      lastSentence = start;
      const end = sentenceEnd(text, match.index);
      const sentence = text.slice(start, end);
      // Code or a default in the sentence: it describes a setting, not a finding.
      if (sentence.includes(CODE_MARK) || SETTING.test(sentence)) continue;
      const sourced = block.hasSource || firstParty || CITATION_MARKER.test(sentence);
      const position = block.positionAt?.(match.index);
      this.facts.statistics.push({ figure, sourced, ...(position ? { position } : {}) });
    }
  }

  /** A heading, with the prose words read before it. */
  heading(text: string, wordsBefore: number): void {
    this.facts.headingWords.push(wordsBefore);
    if (SUMMARY.test(text.trim())) this.facts.summary = true;
    if (/^(?:table of contents|contents|on this page)$/i.test(text.trim())) this.facts.toc = true;
    if (isFirstParty(text)) this.facts.researchPhrases++;
  }

  /** A table: its rows of cells (header row included), and where it starts. */
  table(rows: readonly (readonly string[])[], position?: SourcePosition): void {
    let cells = 0;
    let numeric = 0;
    for (const row of rows) {
      for (const cell of row) {
        this.tableWords += countWords(cell);
        if (cell.trim() === '') continue;
        cells++;
        if (NUMERIC_CELL.test(cell)) numeric++;
      }
    }
    if (cells === 0) return;
    this.facts.tables.push({
      rows: rows.length,
      numericShare: Math.round((numeric / cells) * 100) / 100,
      ...(position ? { position } : {}),
    });
  }

  /** The facts, given the page's word count (table cells are taken out of the prose words). */
  finish(words: number): ContentFacts {
    this.facts.proseWords = Math.max(0, words - this.tableWords);
    return this.facts;
  }
}

/** Whether raw HTML or a paragraph is a table-of-contents marker (`<!-- toc -->`, `[[toc]]`). */
export function isTocMarker(text: string): boolean {
  return TOC_MARKER.test(text);
}

/** Whether an in-page href is a footnote or reference (not a jump to a heading). */
export function isNoteFragment(href: string): boolean {
  return NOTE_FRAGMENT.test(href);
}

/** Author and dates written in frontmatter, under the names hosts and themes use. */
export function frontmatterByline(
  frontmatter: Record<string, unknown> | undefined,
  facts: ContentFacts,
): void {
  if (!frontmatter) return;
  const pick = (keys: readonly string[]): string | undefined => {
    for (const key of keys) {
      const value = frontmatter[key];
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      const name = nameOf(value);
      if (name) return name;
    }
    return undefined;
  };
  const author = pick(['author', 'authors', 'byline', 'creator']);
  const published = pick([
    'date',
    'pubDate',
    'published',
    'publishDate',
    'datePublished',
    'created',
  ]);
  const modified = pick([
    'updated',
    'lastUpdated',
    'lastmod',
    'modified',
    'dateModified',
    'updatedDate',
  ]);
  if (author) facts.author ??= author;
  if (published) facts.published ??= published;
  if (modified) facts.modified ??= modified;
}

/** Whether a sentence defines its subject: the mark of a definitional lead. */
export function isDefinition(sentence: string): boolean {
  return DEFINITION.test(sentence);
}

function sentenceStart(text: string, index: number): number {
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    if (match.index >= index) break;
    start = match.index + 1;
  }
  return start;
}

function sentenceEnd(text: string, index: number): number {
  SENTENCE_END.lastIndex = index;
  const match = SENTENCE_END.exec(text);
  return match ? match.index + 1 : text.length;
}

/** Rows of a pipe table written in a paragraph (Markdown without GFM parses tables as text). */
export function pipeTableRows(text: string): string[][] | undefined {
  const lines = text.split('\n');
  if (lines.length < 2 || !lines[0]!.includes('|')) return undefined;
  if (!/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(lines[1]!)) return undefined;
  return lines
    .filter((_, index) => index !== 1)
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|'),
    );
}

/** Elements whose text is one block of prose. */
const HTML_BLOCKS = new Set(['p', 'li', 'dd', 'figcaption', 'blockquote']);
/** In-page links that are footnotes or references, not mere jumps to a heading. */
const NOTE_FRAGMENT = /^#(?:fn|footnote|cite|ref|note|source)/i;

interface HtmlBlock {
  name: string;
  depth: number;
  /** The block's text so far. */
  text: string;
  /**
   * Where each text node of the block starts in `text`, and its offset in the file, in pairs:
   * numbers in one list, not an object per text node (this runs for every text node of prose).
   */
  parts: number[];
  hasSource: boolean;
  /** Whether a text node so far had a digit, or was not counted. */
  digit: boolean;
}

/** The signs of text that has neither letters nor digits (the mark for inline code). */
const NO_SIGNS: ProseSigns = { digit: false };

/**
 * Feeds the content collector from the HTML tokenizer's events: the extractor calls it for
 * elements and text of the page's content (not site chrome, not hidden elements).
 */
export class HtmlContentReader {
  readonly collector = new ContentCollector();
  private block: HtmlBlock | undefined;
  private table:
    { rows: string[][]; cell: string[] | undefined; position: SourcePosition } | undefined;

  constructor(private readonly positionAt: (offset: number) => SourcePosition) {}

  open(name: string, attributes: TagAttributes, depth: number, offset: number): void {
    switch (name) {
      case 'pre':
        this.collector.facts.codeBlocks++;
        return;
      case 'code':
        this.text(CODE_MARK, offset, NO_SIGNS);
        return;
      case 'table':
        this.table ??= { rows: [], cell: undefined, position: this.positionAt(offset) };
        return;
      case 'tr':
        this.table?.rows.push([]);
        return;
      case 'td':
      case 'th':
        if (this.table) this.table.cell = [];
        return;
      case 'a': {
        const href = attributes.href?.trim();
        if (
          this.block &&
          href !== undefined &&
          (!href.startsWith('#') || NOTE_FRAGMENT.test(href))
        ) {
          this.block.hasSource = true;
        }
        return;
      }
      case 'sup':
        if (this.block && /footnote|cite|ref/i.test(attributes.class ?? ''))
          this.block.hasSource = true;
        return;
      default:
        if (name === 'blockquote') this.collector.facts.blockquotes++;
        if (HTML_BLOCKS.has(name) && !this.block && !this.table) {
          this.block = {
            name,
            depth,
            text: '',
            parts: [],
            hasSource: false,
            digit: false,
          };
        }
    }
  }

  close(name: string, depth: number): void {
    const { block, table } = this;
    if (block && name === block.name && depth <= block.depth) {
      this.block = undefined;
      const { parts } = block;
      this.collector.block({
        text: block.text,
        hasSource: block.hasSource,
        digit: block.digit,
        positionAt: (index) => {
          if (parts.length === 0) return undefined;
          // The last text node that starts at or before `index`.
          let part = 0;
          for (let next = 2; next < parts.length && parts[next]! <= index; next += 2) part = next;
          return this.positionAt(parts[part + 1]! + (index - parts[part]!));
        },
      });
      return;
    }
    if (!table) return;
    if ((name === 'td' || name === 'th') && table.cell) {
      table.rows[table.rows.length - 1]?.push(table.cell.join(''));
      table.cell = undefined;
    } else if (name === 'table') {
      this.collector.table(table.rows, table.position);
      this.table = undefined;
    }
  }

  /** A text node, with what counting its words saw (none given: it was not counted). */
  text(data: string, offset: number, signs?: ProseSigns): void {
    if (this.table?.cell) this.table.cell.push(data);
    const block = this.block;
    if (!block) return;
    block.parts.push(block.text.length, offset);
    block.text += data;
    if (signs === undefined || signs.digit) block.digit = true;
  }

  meta(attributes: TagAttributes): void {
    const content = attributes.content?.trim();
    if (!content) return;
    const name = (attributes.name ?? attributes.property ?? '').toLowerCase();
    const facts = this.collector.facts;
    if (name === 'author' || name === 'article:author') facts.author ??= content;
    else if (name === 'article:published_time' || name === 'citation_publication_date') {
      facts.published ??= content;
    } else if (name === 'article:modified_time') facts.modified ??= content;
    else if (name === 'citation_author') facts.author ??= content;
  }

  /** Author and dates of a JSON-LD block (already known to be valid JSON). */
  jsonLd(json: string): void {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch {
      return;
    }
    const facts = this.collector.facts;
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(visit);
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.datePublished === 'string') facts.published ??= record.datePublished;
      if (typeof record.dateModified === 'string') facts.modified ??= record.dateModified;
      const author = nameOf(record.author);
      if (author) facts.author ??= author;
      if (record['@graph']) visit(record['@graph']);
    };
    visit(data);
  }
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return nameOf(value[0]);
  if (value !== null && typeof value === 'object') {
    const name = (value as Record<string, unknown>).name;
    return typeof name === 'string' ? name.trim() || undefined : undefined;
  }
  return undefined;
}
