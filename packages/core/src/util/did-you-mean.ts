let rows: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(128),
  new Int32Array(128),
  new Int32Array(128),
];

/**
 * Edit distance with adjacent transpositions (optimal string alignment): `bsae` is one edit from
 * `base`. Stops early once every path exceeds `limit` (then returns `limit + 1`), so a search
 * over thousands of URLs stays cheap.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rows reused between calls: a did-you-mean compares one href with hundreds of URLs.
  if (rows[0].length <= b.length) {
    const size = Math.max(b.length + 1, rows[0].length * 2);
    rows = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  let [beforePrevious, previous, current] = rows;
  beforePrevious.fill(0, 0, b.length + 1);
  for (let index = 0; index <= b.length; index++) previous[index] = index;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    const spare = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length]!;
}

/**
 * The candidates closest to `wanted`, best first: a case-only difference wins, then the smallest
 * edit distance within about a third of the word's length.
 */
export function closestMatches(wanted: string, candidates: Iterable<string>, max = 1): string[] {
  const lower = wanted.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    if (candidate === wanted) continue;
    const lowerCandidate = candidate.toLowerCase();
    const distance = lowerCandidate === lower ? 0 : editDistance(lower, lowerCandidate, limit);
    if (distance <= limit) scored.push({ candidate, distance });
  }
  return best(scored, max);
}

function best(scored: { candidate: string; distance: number }[], max: number): string[] {
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((entry) => entry.candidate);
}

/**
 * Whether `a` and `b` are within `limit` edits (as {@link editDistance}): the same table, but
 * only the diagonal band of width `2 × limit + 1` is filled, since a path that leaves it costs
 * more than `limit`. Returns the distance, or `limit + 1` when it is larger.
 */
function boundedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // A common prefix and suffix cost nothing (URLs of one folder share most of their length).
  let skip = 0;
  while (skip < a.length && skip < b.length && a.charCodeAt(skip) === b.charCodeAt(skip)) skip++;
  let n = a.length - skip;
  let m = b.length - skip;
  while (n > 0 && m > 0 && a.charCodeAt(skip + n - 1) === b.charCodeAt(skip + m - 1)) {
    n--;
    m--;
  }
  if (rows[0].length <= m + 1) {
    const size = Math.max(m + 2, rows[0].length * 2);
    rows = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  const over = limit + 1;
  let [beforePrevious, previous, current] = rows;
  for (let index = 0; index <= m + 1; index++) {
    previous[index] = index <= limit ? index : over;
    beforePrevious[index] = over;
  }
  for (let i = 1; i <= n; i++) {
    const first = Math.max(1, i - limit);
    const last = Math.min(m, i + limit);
    current[first - 1] = first === 1 ? Math.min(i, over) : over;
    let rowMinimum = current[first - 1]!;
    const ai = a.charCodeAt(skip + i - 1);
    for (let j = first; j <= last; j++) {
      const bj = b.charCodeAt(skip + j - 1);
      let value = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (ai === bj ? 0 : 1),
      );
      if (
        i > 1 &&
        j > 1 &&
        ai === b.charCodeAt(skip + j - 2) &&
        a.charCodeAt(skip + i - 2) === bj
      ) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      if (value > over) value = over;
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (last + 1 <= m) current[last + 1] = over;
    if (rowMinimum > limit) return over;
    const spare = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = spare;
  }
  return previous[m]!;
}

const STOP_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'your',
  'you',
  'from',
  'into',
  'how',
  'what',
  'why',
  // What file names share, not what they are about (`/missing.html` is not `/passwd.html`).
  'html',
  'aspx',
  'markdown',
  'index',
]);

/**
 * For renamed slugs that edit distance cannot bridge (`#taste-the-shot-first` →
 * `#taste-before-you-measure`): the candidate sharing the most words of four letters or more
 * (stop words and words most candidates share aside), ties broken by edit distance.
 */
export function closestByWords(wanted: string, candidates: Iterable<string>): string | undefined {
  return new Suggester(candidates).suggestByWords(wanted);
}

function significantWords(slug: string): Set<string> {
  return new Set(
    slug
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length >= 4 && !STOP_WORDS.has(word)),
  );
}

/** Above this many candidates, a full scan per query is too slow: look at likely ones only. */
const FULL_SCAN_LIMIT = 300;

/**
 * Did-you-mean over one fixed set of candidates (a site's URLs, a page's ids), indexed once so
 * that each query stays cheap on large sites: small sets are scanned in full; in large ones a
 * query looks only at candidates in the same folder, with the same last segment, or sharing a
 * distinctive word.
 */
export class Suggester {
  private readonly candidates: string[];
  /** Each candidate in lower case, by position: computed once, not per query. */
  private readonly lower: string[];
  private readonly byFolder = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  /** Candidates by distinctive word: made on the first query spelling cannot answer. */
  private byWordIndex: Map<string, string[]> | undefined;
  private readonly memo = new Map<string, string | undefined>();
  /** Per candidate, the query that last scored it: a candidate in both folder and name is scored once. */
  private readonly seenBy: Int32Array;
  private queries = 0;

  constructor(candidates: Iterable<string>) {
    this.candidates = [...new Set(candidates)];
    this.lower = this.candidates.map((candidate) => candidate.toLowerCase());
    this.seenBy = new Int32Array(this.candidates.length);
    if (this.candidates.length > FULL_SCAN_LIMIT) {
      this.candidates.forEach((candidate, position) => {
        const { folder, name } = splitPath(candidate);
        push(this.byFolder, folder, position);
        push(this.byName, name, position);
      });
    }
  }

  /**
   * Candidates by distinctive word, in candidate order. Most queries are answered by spelling
   * (a page's ids for a mistyped fragment), so the words are only split out when one is not.
   */
  private byWord(): Map<string, string[]> {
    if (this.byWordIndex === undefined) {
      const index = new Map<string, string[]>();
      for (const candidate of this.candidates) {
        for (const word of significantWords(candidate)) push(index, word, candidate);
      }
      this.byWordIndex = index;
    }
    return this.byWordIndex;
  }

  /** The best candidate for `wanted`, if one is close: by spelling first, then by shared words. */
  suggest(wanted: string): string | undefined {
    if (this.memo.has(wanted)) return this.memo.get(wanted);
    const result = this.suggestBySpelling(wanted) ?? this.suggestByWords(wanted);
    this.memo.set(wanted, result);
    return result;
  }

  /** What {@link closestMatches} would return first, over the candidates likely to match. */
  private suggestBySpelling(wanted: string): string | undefined {
    const lower = wanted.toLowerCase();
    const limit = spellingLimit(wanted);
    // The first of `best`'s order, kept as candidates come: only a candidate as close as the best
    // so far can take its place, so later distances are computed within that bound (a narrower
    // band, an earlier stop), and nothing is sorted.
    let found: string | undefined;
    let foundDistance = limit + 1;
    const query = ++this.queries;
    const score = (position: number) => {
      if (this.seenBy[position] === query) return;
      this.seenBy[position] = query;
      const candidate = this.candidates[position]!;
      if (candidate === wanted) return;
      const lowerCandidate = this.lower[position]!;
      const bound = Math.min(limit, foundDistance);
      const distance = lowerCandidate === lower ? 0 : boundedDistance(lower, lowerCandidate, bound);
      if (distance > bound) return;
      if (distance < foundDistance || (found !== undefined && candidate.localeCompare(found) < 0)) {
        found = candidate;
        foundDistance = distance;
      }
    };
    if (this.candidates.length > FULL_SCAN_LIMIT) {
      const { folder, name } = splitPath(wanted);
      for (const position of this.byFolder.get(folder) ?? []) score(position);
      for (const position of this.byName.get(name) ?? []) score(position);
    } else {
      for (let position = 0; position < this.candidates.length; position++) score(position);
    }
    return found;
  }

  /**
   * The candidate sharing the most distinctive words with the name `wanted` ends with (its last
   * path segment: the folder says where, not which page).
   */
  suggestByWords(wanted: string): string | undefined {
    // A word most candidates share (`html`, `docs`) says nothing about which one was meant.
    const distinctive = Math.max(2, this.candidates.length / 10);
    const shared = new Map<string, number>();
    for (const word of significantWords(splitPath(wanted).name)) {
      const postings = this.byWord().get(word) ?? [];
      if (postings.length > distinctive) continue;
      for (const candidate of postings) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    }
    let best: string | undefined;
    let bestShared = 0;
    let bestDistance = Infinity;
    for (const [candidate, count] of shared) {
      if (candidate === wanted || count < bestShared) continue;
      // A tie is only won by a smaller distance: computed no further than that.
      const distance =
        count > bestShared
          ? editDistance(wanted, candidate)
          : editDistance(wanted, candidate, bestDistance - 1);
      if (count > bestShared || distance < bestDistance) {
        best = candidate;
        bestShared = count;
        bestDistance = distance;
      }
    }
    return best;
  }
}

/**
 * How many edits a near miss of `wanted` may be: about a third of what was typed, not counting
 * the slashes and the extension every URL of a site shares (`/missing.html` was within four
 * edits of `/passwd.html`, which no one meant).
 */
function spellingLimit(wanted: string): number {
  const typed = wanted
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.(?:html?|mdx?|markdown|php|aspx?)$/i, '');
  return Math.max(1, Math.floor(typed.length / 3));
}

function splitPath(path: string): { folder: string; name: string } {
  const trimmed = path.replace(/\/+$/, '');
  const at = trimmed.lastIndexOf('/');
  return { folder: trimmed.slice(0, at + 1), name: trimmed.slice(at + 1) };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
