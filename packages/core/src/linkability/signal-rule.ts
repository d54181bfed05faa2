import { z } from 'zod';
import type { PageFacts, SourcePosition } from '../model/facts.js';
import { defineRule, type Rule, type RuleMeta } from '../model/rule.js';
import { scorecardOptions } from '../rules/linkability.js';
import { isNotFoundPage, pageMatcher, pageName, pagePosition } from '../site/graph.js';
import { isScorable, linkabilityOf } from './score.js';
import { SIGNALS } from './signals.js';

export const signalRuleOptions = z.strictObject({
  /** Domain suffixes counted as authoritative sources, besides the defaults (`.gov`, `doi.org`). */
  authorities: z.array(z.string().min(1)).default([]),
  /** Globs of URL paths or files of pages not to report. */
  ignore: z.array(z.string()).default([]),
});

/** The subheadings (h2–h4) without a unique id: the place to fix `heading-ids`. */
function firstHeadingWithoutId(page: PageFacts): SourcePosition | undefined {
  const headings = page.headings.filter((heading) => heading.depth >= 2 && heading.depth <= 4);
  const counts = new Map<string, number>();
  for (const heading of headings)
    if (heading.id) counts.set(heading.id, (counts.get(heading.id) ?? 0) + 1);
  return headings.find((heading) => !heading.id || counts.get(heading.id) !== 1)?.position;
}

/** Where a signal's finding goes, when there is a better place than the page's title. */
const POSITIONS: Readonly<Record<string, (page: PageFacts) => SourcePosition | undefined>> = {
  'heading-ids': firstHeadingWithoutId,
};

/**
 * The rule `linkability-<signalId>`: reports pages where the scorecard signal applies and earns
 * less than its maximum. It reads the page's scorecard (computed once per page and shared with
 * the `linkability` rule and the report), never measures again.
 */
export function signalRule(
  signalId: string,
  meta: Pick<RuleMeta, 'description'> & Partial<RuleMeta>,
): Rule<typeof signalRuleOptions> {
  const signal = SIGNALS.find((candidate) => candidate.id === signalId);
  if (!signal) throw new Error(`Unknown linkability signal \`${signalId}\``);
  const position = POSITIONS[signalId];
  return defineRule({
    id: `linkability-${signalId}`,
    meta: {
      category: 'linkability',
      defaultSeverity: 'info',
      recommended: false,
      ...meta,
    },
    options: signalRuleOptions,
    check({ site, options, report }) {
      const ignored = pageMatcher(site, options.ignore);
      const scorecard = scorecardOptions(site, options);
      for (const page of site.pages) {
        if (!isScorable(page) || isNotFoundPage(page) || ignored(page)) continue;
        const result = linkabilityOf(page, scorecard).signals.find(
          (candidate) => candidate.id === signalId,
        );
        if (result?.points == null || result.points >= result.max) continue;
        const missing = Math.round((result.max - result.points) * 10) / 10;
        report({
          page,
          messageId: 'belowTarget',
          message: `\`${signalId}\` earns \`${result.points}\`/\`${result.max}\` on \`${pageName(site, page)}\`: ${result.measured}; target: ${result.target}. ${result.fix}`,
          note: `The fix would earn \`${missing}\` more points of this signal (+${result.gain} on the page's score). The score measures readiness to be cited, not a prediction of links: promotion and the site's authority weigh more.`,
          at: position?.(page) ?? pagePosition(page),
          data: {
            signal: signalId,
            points: result.points,
            max: result.max,
            gain: result.gain,
            measured: result.measured,
            target: result.target,
          },
        });
      }
    },
  });
}
