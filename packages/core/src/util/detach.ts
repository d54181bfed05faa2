import type { SourcePosition } from '../model/facts.js';

/**
 * Strings an extractor takes from a page (attribute values, link text) are, in V8, often slices
 * of the page's whole source, and a slice keeps its source alive: facts of 10,000 pages held
 * every page's HTML (measured: 87 MB of heap for the facts of 1,000 45-kB pages, 44 MB once
 * copied). `detachStrings` gives every string of the facts its own storage, and shares those
 * that repeat across pages (navigation hrefs and link texts).
 */
const MAX_SHARED = 200_000;
const MAX_SHARED_LENGTH = 200;
/** SlicedStrings are at least this long in V8; shorter substrings are copies already. */
const MIN_SLICE_LENGTH = 13;
let shared = new Map<string, string>();

/**
 * A copy of `text` that shares nothing with the string it came from: not a slice of a larger
 * string (which it would keep alive) nor a tree of the pieces it was concatenated from (32
 * bytes a piece in V8). For strings kept to the end of a run: findings, scorecards.
 */
export function ownCopy(text: string): string {
  if (text.length < MIN_SLICE_LENGTH) return text;
  // The concatenation is flattened by `slice` into a fresh string of its own.
  return ` ${text}`.slice(1);
}

/**
 * `text` in one piece. V8 keeps the result of a concatenation (a template literal) as a tree of
 * its pieces, 32 bytes a piece, and the pieces with it: often slices of a batch's or a page's
 * strings, which keep those whole. Reading it as a number flattens it in place (into one string
 * of its own), and the collector then drops the tree. For texts made from facts and kept to the
 * end of a run (findings' messages, scorecards' measurements); a slice stays one (`ownCopy`).
 */
export function flattened(text: string): string {
  // Stored, so that an optimising compiler cannot drop the read as unused.
  lastRead.value = Number(text);
  return text;
}
const lastRead = { value: 0 };

/**
 * Strings shorter than a slice can be are left alone (sharing them cost more time than it saved
 * memory: 10k pages took 21 s with every string shared, 17 s so, for 2.5 % more memory).
 */
function own(text: string): string {
  if (text.length < MIN_SLICE_LENGTH) return text;
  if (text.length > MAX_SHARED_LENGTH) return ownCopy(text);
  let kept = shared.get(text);
  if (kept === undefined) {
    if (shared.size >= MAX_SHARED) shared = new Map();
    kept = ownCopy(text);
    shared.set(kept, kept);
  }
  return kept;
}

/** One empty `rel` list for every link that has none (most links): nothing mutates facts' lists. */
const NO_REL: string[] = [];

/** Shared positions by line, then column (arrays: a look-up needs no hashing). */
let positionRows: SourcePosition[][] = [];
let sharedPositions = 0;
/** Lines and columns up to this share positions; minified lines go on far. */
const MAX_SHARED_PLACE = 1 << 16;

/**
 * The one position object for a line and column, shared by every link there: the links of a
 * site's templates sit at the same places on every page (measured at 10,000 pages: 710,000
 * links at 61,000 places, 26 MB less heap). Facts are never changed, so sharing is safe.
 */
export function sharedPosition(line: number, column: number): SourcePosition {
  if (line >= MAX_SHARED_PLACE || column >= MAX_SHARED_PLACE) return { line, column };
  let row = positionRows[line];
  let position = row?.[column];
  if (position !== undefined) return position;
  if (sharedPositions >= MAX_SHARED) {
    positionRows = [];
    sharedPositions = 0;
    row = undefined;
  }
  row ??= positionRows[line] = [];
  position = row[column] = { line, column };
  sharedPositions++;
  return position;
}

/**
 * Facts made to be kept for the whole run: every string detached ({@link detachStrings}), and
 * the empty `rel` and the positions of links shared (measured: 41 → 25 MB for the facts of 1,000
 * pages, before positions). With `detach: false` (facts that a worker thread posts: the copy
 * made for the main thread holds strings of its own, and shares none) only the `rel` lists are
 * shared.
 */
export function compactFacts<T extends { links: { rel: string[]; position?: SourcePosition }[] }>(
  facts: T,
  detach = true,
): T {
  if (detach) detachStrings(facts);
  for (const link of facts.links) {
    if (link.rel.length === 0) link.rel = NO_REL;
    // Posted facts are copied, position by position: sharing pays on the thread that keeps them.
    if (detach && link.position) {
      link.position = sharedPosition(link.position.line, link.position.column);
    }
  }
  return facts;
}

/** Replaces, in place, every string in `value` (plain objects and arrays) by its own copy. */
export function detachStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (typeof item === 'string') value[index] = own(item);
      else if (typeof item === 'object' && item !== null) detachStrings(item);
    }
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'string') record[key] = own(item);
      else if (typeof item === 'object' && item !== null) detachStrings(item);
    }
  }
  return value;
}
