import { z } from 'zod';
import {
  isScorable,
  linkabilityOf,
  topGains,
  type LinkabilityOptions,
} from '../linkability/score.js';
import { defineRule } from '../model/rule.js';
import type { Site } from '../site/site.js';
import { isNotFoundPage, pageMatcher, pageName, pagePosition } from '../site/graph.js';

export const linkabilityOptions = z.strictObject({
  /** Pages scoring under this (0–100) are reported. */
  minScore: z.number().int().min(0).max(100).default(40),
  /** Domain suffixes counted as authoritative sources, besides the defaults (`.gov`, `doi.org`). */
  authorities: z.array(z.string().min(1)).default([]),
  /** Globs of URL paths or files of pages not to report (their score is still in the report). */
  ignore: z.array(z.string()).default([]),
});

export type LinkabilityRuleOptions = z.output<typeof linkabilityOptions>;

/** The scorecard's options from the rule's options and the site (its own host is not a source). */
export function scorecardOptions(
  site: Site,
  options: Pick<LinkabilityRuleOptions, 'authorities'>,
): LinkabilityOptions {
  const origin = site.origin;
  let host: string | undefined;
  if (origin !== undefined) {
    try {
      host = new URL(origin).hostname.toLowerCase().replace(/^www\./, '');
    } catch {
      host = undefined;
    }
  }
  return { authorities: options.authorities, ...(host ? { ownHosts: [host] } : {}) };
}

export default defineRule({
  id: 'linkability',
  meta: {
    description:
      'Report pages whose linkability score (what makes content citable: data, sources, structure, metadata) is under a minimum.',
    category: 'linkability',
    defaultSeverity: 'warn',
    recommended: false,
    reads: 'page',
  },
  options: linkabilityOptions,
  check({ site, options, report }) {
    const ignored = pageMatcher(site, options.ignore);
    const scorecard = scorecardOptions(site, options);
    for (const page of site.pages) {
      if (!isScorable(page) || isNotFoundPage(page) || ignored(page)) continue;
      const linkability = linkabilityOf(page, scorecard);
      if (linkability.score >= options.minScore) continue;
      const gains = linkability.signals.filter((signal) => signal.gain > 0).slice(0, 3);
      report({
        page,
        messageId: 'lowScore',
        message: `Linkability \`${linkability.score}\`/100 (${linkability.profile}, ${linkability.band}) for \`${pageName(site, page)}\`, under \`${options.minScore}\`. Biggest gains: ${topGains(linkability)}.${gains[0] ? ` First: ${gains[0].fix}` : ''}`,
        note: `${gains.map((signal) => `${signal.id} (+${signal.gain}): ${signal.fix}`).join(' ')} The score measures readiness to be cited, not a prediction of links: promotion and the site's authority weigh more.`,
        at: pagePosition(page),
        data: {
          score: linkability.score,
          band: linkability.band,
          profile: linkability.profile,
          gains: gains.map((signal) => ({ id: signal.id, gain: signal.gain })),
        },
      });
    }
  },
});
