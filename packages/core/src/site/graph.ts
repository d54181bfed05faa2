import type { PageFacts } from '../model/facts.js';
import type { Site } from './site.js';

export interface PageGraphStats {
  /** Distinct pages that link here. */
  inbound: number;
  /** Distinct pages this page links to. */
  outbound: number;
  /** Clicks from the home page along internal links; null when it cannot be reached. */
  depth: number | null;
  /**
   * Internal link equity: PageRank over the internal link graph, scaled so the average page
   * has 1. Above 1, the site's linking favours the page; below, it starves it.
   */
  equity: number;
}

const DAMPING = 0.85;
const ITERATIONS = 30;

/** Inbound and outbound counts, click depth and link equity for every page, in one pass. */
export function graphStats(site: Site): Map<PageFacts, PageGraphStats> {
  const pages = site.pages;
  const index = new Map(pages.map((page, position) => [page, position]));
  const outgoing: number[][] = pages.map(() => []);
  const inbound = new Array<number>(pages.length).fill(0);

  pages.forEach((page, from) => {
    const targets = new Set<number>();
    for (const link of site.linksOf(page)) {
      if (link.status !== 'ok' || !link.page || link.page === page) continue;
      if (link.link.rel.includes('nofollow')) continue;
      const to = index.get(link.page);
      if (to !== undefined) targets.add(to);
    }
    outgoing[from] = [...targets];
    for (const to of targets) inbound[to]!++;
  });

  const depth = new Array<number | null>(pages.length).fill(null);
  const home = site.pageAt('/');
  if (home) {
    const start = index.get(home)!;
    depth[start] = 0;
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      for (const next of outgoing[current]!) {
        if (depth[next] !== null) continue;
        depth[next] = depth[current]! + 1;
        queue.push(next);
      }
    }
  }

  const equity = pageRank(outgoing);
  const stats = new Map<PageFacts, PageGraphStats>();
  pages.forEach((page, position) => {
    stats.set(page, {
      inbound: inbound[position]!,
      outbound: outgoing[position]!.length,
      depth: depth[position]!,
      equity: Math.round(equity[position]! * pages.length * 1000) / 1000,
    });
  });
  return stats;
}

/** Power-iteration PageRank; pages without links spread their rank evenly (no rank sinks). */
function pageRank(outgoing: number[][]): number[] {
  const count = outgoing.length;
  if (count === 0) return [];
  let rank = new Array<number>(count).fill(1 / count);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = new Array<number>(count).fill(0);
    let dangling = 0;
    outgoing.forEach((targets, from) => {
      if (targets.length === 0) {
        dangling += rank[from]!;
        return;
      }
      const share = rank[from]! / targets.length;
      for (const to of targets) next[to]! += share;
    });
    const spread = (1 - DAMPING) / count + (DAMPING * dangling) / count;
    rank = next.map((value) => spread + DAMPING * value);
  }
  return rank;
}
