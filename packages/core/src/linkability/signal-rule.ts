import { z } from 'zod';
import type { PageFacts, SourcePosition } from '../model/facts.js';
import { defineRule, type Rule, type RuleMeta } from '../model/rule.js';
import { scorecardOptions } from '../rules/linkability.js';
import { isNotFoundPage, pageMatcher, pageName, pagePosition } from '../site/graph.js';
import { isScorable, linkabilityOf } from './score.js';
import { counted, isVagueAnchor, SIGNALS, subheadings } from './signals.js';

export const signalRuleOptions = z.strictObject({
  /** Domain suffixes counted as authoritative sources, besides the defaults (`.gov`, `doi.org`). */
  authorities: z.array(z.string().min(1)).default([]),
  /** Globs of URL paths or files of pages not to report. */
  ignore: z.array(z.string()).default([]),
});

/** The subheadings (h2–h4) without a unique id: the place to fix `heading-ids`. */
function firstHeadingWithoutId(page: PageFacts): SourcePosition | undefined {
  const headings = subheadings(page);
  const counts = new Map<string, number>();
  for (const heading of headings)
    if (heading.id) counts.set(heading.id, (counts.get(heading.id) ?? 0) + 1);
  return headings.find((heading) => !heading.id || counts.get(heading.id) !== 1)?.position;
}

/** Where the page's metadata is written: the frontmatter (Markdown: line 1) or the `<head>`. */
function metadataPosition(page: PageFacts): SourcePosition | undefined {
  return page.format === 'html' ? page.content?.head : { line: 1, column: 1 };
}

/** The heading that opens the longest stretch of text without a heading (else the lead). */
function longestSection(page: PageFacts): SourcePosition | undefined {
  const content = page.content;
  if (!content || content.headingWords.length !== page.headings.length) return undefined;
  const total = page.wordCount;
  let previous = 0;
  let from = content.leadPosition;
  let longest = 0;
  let at: SourcePosition | undefined;
  page.headings.forEach((heading, index) => {
    const mark = Math.min(content.headingWords[index]!, total);
    if (mark - previous > longest) {
      longest = mark - previous;
      at = from;
    }
    if (mark >= previous) {
      previous = mark;
      from = heading.position ?? from;
    }
  });
  return total - previous > longest ? from : at;
}

/**
 * The first paragraph, where a definition or a TL;DR goes; not when it comes before the page's
 * title (a paragraph of site chrome the extractor took for content).
 */
function leadPosition(page: PageFacts): SourcePosition | undefined {
  const lead = page.content?.leadPosition;
  const title = pagePosition(page);
  return lead && lead.line >= title.line ? lead : undefined;
}

/** The first figure without a source: where a source link is missing. */
const firstUnsourced = (page: PageFacts): SourcePosition | undefined =>
  page.content?.statistics.find((statistic) => !statistic.sourced && statistic.position)?.position;

/** Where a signal's finding goes, when there is a better place than the page's title or `h1`. */
const POSITIONS: Readonly<Record<string, (page: PageFacts) => SourcePosition | undefined>> = {
  'heading-ids': firstHeadingWithoutId,
  'heading-cadence': longestSection,
  // Where a table of contents goes: before the first section.
  'table-of-contents': (page) =>
    page.headings.find((heading) => heading.depth === 2 && heading.position)?.position,
  'quotable-summary': leadPosition,
  'quotable-statistics': firstUnsourced,
  'cites-sources': firstUnsourced,
  'descriptive-anchors': (page) =>
    page.links.find((link) => isVagueAnchor(link) && link.position)?.position,
  'descriptive-title': (page) =>
    page.format === 'html' || page.frontmatter?.title !== undefined
      ? metadataPosition(page)
      : undefined,
  'meta-description': metadataPosition,
  'author-byline': metadataPosition,
  dates: metadataPosition,
  'citation-metadata': metadataPosition,
  'social-card': metadataPosition,
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
      reads: 'page',
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
          message: `\`${signalId}\` earns \`${result.points}\` of its \`${result.max}\` points on \`${pageName(site, page)}\`: ${result.measured}; target: ${result.target}. ${result.fix} That earns ${counted(missing, 'more point')} (\`+${result.gain}\` on the page's linkability score).`,
          note: `The score measures readiness to be cited, not a prediction of links: promotion and the site's authority weigh more. What \`${signalId}\` measures and why: docs/linkability.md.`,
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
