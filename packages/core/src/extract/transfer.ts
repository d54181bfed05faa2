import type { LinkFact, LinkRegion, PageFacts } from '../model/facts.js';
import type { ExtractResult } from './file.js';
import { ownString, sharedPosition } from '../util/detach.js';

/**
 * How a pool worker sends a page's facts to the main thread. `postMessage` copies with V8's
 * serializer, which writes every object's property names again and builds every object back
 * one property at a time; links are most of the facts of a built page (about three quarters of
 * the bytes: 70 links of 5 properties and a position each). So a built page's links travel as
 * columns: their hrefs and texts in one array, and region, line and column in one `Int32Array`.
 * Rebuilt as object literals on the main thread, they are the objects `extractHtml` made, keys
 * in the same order (measured at 10,000 pages: serializing and rebuilding take about 40 % less
 * CPU than copying the objects). The strings travel one by one, not joined: each then arrives
 * with storage of its own, which the main thread shares between pages (`ownString`), where
 * slices of one string would each keep the page's whole string alive (measured at 10,000
 * pages: 244 → 194 MB of heap for the facts).
 */
export interface PackedLinks {
  /** `href` then `text` of each link in turn. */
  strings: string[];
  /** Region (index in {@link REGIONS}), line and column, per link. */
  numbers: Int32Array;
  /** `rel` of the links that have any tokens, by link index. */
  rels?: Record<number, string[]>;
  /** `label` of the links that have one, by link index. */
  labels?: Record<number, string>;
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
export function packResult(result: ExtractResult): TransferResult {
  if (result.unchanged || result.facts.format !== 'html') return result;
  const { links } = result.facts;
  const strings = new Array<string>(links.length * 2);
  const numbers = new Int32Array(links.length * FIELDS);
  let rels: Record<number, string[]> | undefined;
  let labels: Record<number, string> | undefined;
  for (let index = 0; index < links.length; index++) {
    const link = links[index]!;
    const region = REGIONS.indexOf(link.region);
    if (region === -1 || link.position === undefined) return result;
    strings[2 * index] = link.href;
    strings[2 * index + 1] = link.text;
    const at = FIELDS * index;
    numbers[at] = region;
    numbers[at + 1] = link.position.line;
    numbers[at + 2] = link.position.column;
    if (link.rel.length > 0) (rels ??= {})[index] = link.rel;
    if (link.label !== undefined) (labels ??= {})[index] = link.label;
  }
  const packedLinks: PackedLinks = {
    strings,
    numbers,
    ...(rels ? { rels } : {}),
    ...(labels ? { labels } : {}),
  };
  return { ...result, facts: { ...result.facts, links: [] }, packedLinks };
}

/** The result as the worker had it: packed links made objects again, in place. */
export function unpackResult(result: TransferResult): ExtractResult {
  if (!('packedLinks' in result)) return result;
  const { packedLinks, ...rest } = result;
  const { strings, numbers, rels, labels } = packedLinks;
  const links = new Array<LinkFact>(numbers.length / FIELDS);
  for (let index = 0; index < links.length; index++) {
    const at = FIELDS * index;
    // The literal lists the keys in the order `extractHtml` creates them; `label` comes last.
    const link: LinkFact = {
      href: ownString(strings[2 * index]!, false),
      text: ownString(strings[2 * index + 1]!, false),
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
