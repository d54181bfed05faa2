import type { LinkFact, LinkRegion, PageFacts } from '../model/facts.js';
import type { ExtractResult } from './file.js';
import { sharedPosition } from '../util/detach.js';

/**
 * How a pool worker sends a page's facts to the main thread. `postMessage` copies with V8's
 * serializer, which writes every object's property names again and builds every object back
 * one property at a time, and every string on its own; links are most of the facts of a built
 * page (about three quarters of the bytes: 70 links of 5 properties and a position each). So a
 * built page's links travel as columns: region, line and column in one `Int32Array`, and their
 * hrefs and texts as numbers in another, which index the batch's strings (see
 * {@link BatchStrings}). Rebuilt as object literals on the main thread, they are the objects
 * `extractHtml` made, keys in the same order (measured at 10,000 pages: serializing and
 * rebuilding take about 40 % less CPU than copying the objects).
 */
export interface PackedLinks {
  /** `href` then `text` of each link in turn, as numbers of the batch's {@link BatchStrings}. */
  strings: Int32Array;
  /** Region (index in {@link REGIONS}), line and column, per link. */
  numbers: Int32Array;
  /** `rel` of the links that have any tokens, by link index. */
  rels?: Record<number, string[]>;
  /** `label` of the links that have one, by link index. */
  labels?: Record<number, string>;
}

/** A batch's distinct link strings, as they travel: joined, and where each ends. */
export interface StringTable {
  text: string;
  ends: Int32Array;
}

/**
 * The hrefs and texts of a batch of pages' links, numbered, those of site chrome once each. They
 * go to the main thread joined into one string, which it cuts once: the links of a site's
 * templates (navigation, footer: half of a page's links) then share their strings within a
 * batch, and the slices keep alive only their batch's string, whose every part they use (at
 * 10,000 pages: 1.4 million strings sent as 740,000, and the facts' heap 40 MB smaller than with
 * one string per page, which its slices kept whole). Sharing across batches would share more, but
 * a table of hundreds of thousands of strings took 0.35 to 0.5 µs a look-up: 0.5 s of CPU at
 * 10,000 pages, on whichever thread did it.
 */
export class BatchStrings {
  private readonly numbers = new Map<string, number>();
  private readonly strings: string[] = [];

  /** A string that may repeat in the batch: numbered once. */
  numberOf(text: string): number {
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.strings.length;
      this.numbers.set(text, number);
      this.strings.push(text);
    }
    return number;
  }

  /** A string that seldom repeats: numbered as it is, without a look-up. */
  add(text: string): number {
    return this.strings.push(text) - 1;
  }

  /** The strings numbered, as the batch's message carries them. */
  table(): StringTable {
    const ends = new Int32Array(this.strings.length);
    let end = 0;
    for (const [index, text] of this.strings.entries()) ends[index] = end += text.length;
    return { text: this.strings.join(''), ends };
  }
}

/** A batch's strings as the main thread uses them, by number. */
export function readTable({ text, ends }: StringTable): string[] {
  const strings = new Array<string>(ends.length);
  let start = 0;
  for (let index = 0; index < ends.length; index++) {
    const end = ends[index]!;
    strings[index] = text.slice(start, end);
    start = end;
  }
  return strings;
}

export type TransferResult =
  | ExtractResult
  | { file: string; hash?: string; unchanged: false; facts: PageFacts; packedLinks: PackedLinks };

const REGIONS: readonly LinkRegion[] = ['content', 'nav', 'header', 'footer', 'aside'];
/** Numbers per link in {@link PackedLinks.numbers}. */
const FIELDS = 3;
/** The one empty `rel` of links that have none (facts' lists are never mutated). */
const NO_REL: string[] = [];

/**
 * The result as a worker sends it: a built page's links packed, when every one of them has the
 * shape `extractHtml` gives links (else the page goes as it is).
 */
export function packResult(result: ExtractResult, strings: BatchStrings): TransferResult {
  if (result.unchanged || result.facts.format !== 'html') return result;
  const { links } = result.facts;
  const numbered = new Int32Array(links.length * 2);
  const numbers = new Int32Array(links.length * FIELDS);
  let rels: Record<number, string[]> | undefined;
  let labels: Record<number, string> | undefined;
  for (let index = 0; index < links.length; index++) {
    const link = links[index]!;
    const region = REGIONS.indexOf(link.region);
    if (region === -1 || link.position === undefined) return result;
    // Site chrome repeats on every page; a page's own content links seldom do.
    if (link.region === 'content') {
      numbered[2 * index] = strings.add(link.href);
      numbered[2 * index + 1] = strings.add(link.text);
    } else {
      numbered[2 * index] = strings.numberOf(link.href);
      numbered[2 * index + 1] = strings.numberOf(link.text);
    }
    const at = FIELDS * index;
    numbers[at] = region;
    numbers[at + 1] = link.position.line;
    numbers[at + 2] = link.position.column;
    if (link.rel.length > 0) (rels ??= {})[index] = link.rel;
    if (link.label !== undefined) (labels ??= {})[index] = link.label;
  }
  const packedLinks: PackedLinks = {
    strings: numbered,
    numbers,
    ...(rels ? { rels } : {}),
    ...(labels ? { labels } : {}),
  };
  return { ...result, facts: { ...result.facts, links: [] }, packedLinks };
}

/** The result as the worker had it: packed links made objects again, in place. */
export function unpackResult(result: TransferResult, table: readonly string[]): ExtractResult {
  if (!('packedLinks' in result)) return result;
  const { packedLinks, ...rest } = result;
  const { strings, numbers, rels, labels } = packedLinks;
  const links = new Array<LinkFact>(numbers.length / FIELDS);
  for (let index = 0; index < links.length; index++) {
    const at = FIELDS * index;
    // The literal lists the keys in the order `extractHtml` creates them; `label` comes last.
    const link: LinkFact = {
      href: table[strings[2 * index]!]!,
      text: table[strings[2 * index + 1]!]!,
      rel: rels?.[index] ?? NO_REL,
      region: REGIONS[numbers[at]!]!,
      position: sharedPosition(numbers[at + 1]!, numbers[at + 2]!),
    };
    const label = labels?.[index];
    if (label !== undefined) link.label = label;
    links[index] = link;
  }
  rest.facts.links = links;
  return rest;
}
