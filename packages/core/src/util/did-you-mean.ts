/**
 * Edit distance with adjacent transpositions (optimal string alignment): `bsae` is one edit from
 * `base`. Stops early once every path exceeds `limit` (then returns `limit + 1`), so a search
 * over thousands of URLs stays cheap.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  let current = new Array<number>(b.length + 1).fill(0);
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
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
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
    const distance =
      candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((entry) => entry.candidate);
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
]);

/**
 * For renamed slugs that edit distance cannot bridge (`#taste-the-shot-first` →
 * `#taste-before-you-measure`): the candidate sharing the most words of four letters or more
 * (stop words aside), ties broken by edit distance. At most one.
 */
export function closestByWords(wanted: string, candidates: Iterable<string>): string | undefined {
  const words = significantWords(wanted);
  if (words.size === 0) return undefined;
  let best: string | undefined;
  let bestShared = 0;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === wanted) continue;
    let shared = 0;
    for (const word of significantWords(candidate)) if (words.has(word)) shared++;
    if (shared === 0 || shared < bestShared) continue;
    const distance = editDistance(wanted, candidate);
    if (shared > bestShared || distance < bestDistance) {
      best = candidate;
      bestShared = shared;
      bestDistance = distance;
    }
  }
  return best;
}

function significantWords(slug: string): Set<string> {
  return new Set(
    slug
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length >= 4 && !STOP_WORDS.has(word)),
  );
}
