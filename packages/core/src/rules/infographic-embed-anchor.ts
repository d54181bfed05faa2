import { z } from 'zod';
import { absolutePageUrl } from '../embed/facts.js';
import type { PageFacts } from '../model/facts.js';
import { defineRule, type RuleContext } from '../model/rule.js';
import { pageName } from '../site/graph.js';
import type { Site } from '../site/site.js';

/**
 * Sources have no embed code yet: the code generated for an infographic links with its title
 * (the image's alt) and its credit, so those are checked for keywords, at the declaration's line.
 */
function sourceAnchors(
  site: Site,
  page: PageFacts,
  keywords: readonly string[],
  report: RuleContext<unknown>['report'],
): void {
  if (keywords.length === 0) return;
  for (const item of page.infographics ?? []) {
    for (const [what, text] of [
      ['title', item.title ?? item.alt],
      ['credit', item.credit],
    ] as const) {
      if (!text) continue;
      const keyword = keywords.find((word) => ` ${normal(text)} `.includes(` ${word} `));
      if (keyword === undefined) continue;
      report({
        page,
        messageId: 'keyword',
        message: `The infographic \`${item.src}\` on \`${pageName(site, page)}\` has the ${what} \`${text}\`, which contains the target keyword \`${keyword}\`; its embed code would link with that text. Use the infographic's real title or your site's name.`,
        note: 'Google names keyword-rich links in distributed widgets as link spam; the embed code links with the title (as the image alt) and the credit.',
        ...(item.position ? { at: item.position } : {}),
        target: item.src,
        data: { keyword },
      });
    }
  }
}

function normal(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d'"«»]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export default defineRule({
  id: 'infographic-embed-anchor',
  meta: {
    description:
      "Report link text in infographic embed code (a linked image's alt included) that is a target keyword, or that is neither the infographic's title nor the site's name; in Markdown sources, an infographic's title or credit (the embed code's anchors) that is a target keyword.",
    category: 'embeds',
    defaultSeverity: 'warn',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({
    /** Names the credit may use: the site's name, the brand, the author. */
    brands: z.array(z.string()).default([]),
    /** Phrases you want to rank for: never acceptable as embed anchor text. */
    keywords: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const keywords = options.keywords.map(normal).filter(Boolean);
    // The configured site name is the brand the generated embed code credits. Made when a page
    // has embed code: `normal`'s first call compiles its Unicode pattern (about 10 ms), which a
    // site without embed codes need not pay for on every run.
    let brands: string[] | undefined;
    const brandsOf = () =>
      (brands ??= [...options.brands, site.siteName ?? ''].map(normal).filter(Boolean));
    for (const page of site.pages) {
      if (page.format !== 'html') {
        sourceAnchors(site, page, keywords, report);
        continue;
      }
      if (!page.embedCodes?.length) continue;
      const name = pageName(site, page);
      const host = absolutePageUrl(site, page)?.hostname.replace(/^www\./, '');
      // What the anchor may name: the page's title and h1, its infographics' titles, the brand.
      const titles = [
        page.title,
        ...page.headings.filter((heading) => heading.depth === 1).map((heading) => heading.text),
        ...(page.infographics ?? []).flatMap((item) => [
          item.title ?? item.alt ?? '',
          item.credit ?? '',
        ]),
        page.meta.social['og:site_name'],
        page.meta.social['og:title'],
      ]
        .filter((text): text is string => !!text)
        .map(normal)
        .filter(Boolean);
      for (const code of page.embedCodes) {
        for (const link of code.links) {
          const text = normal(link.text);
          const at = code.position ? { at: code.position } : {};
          const keyword = keywords.find((word) => ` ${text} `.includes(` ${word} `));
          if (keyword !== undefined) {
            report({
              page,
              messageId: 'keyword',
              message: `The embed code on \`${name}\` links with the text \`${link.text}\`, which contains the target keyword \`${keyword}\`. Use the infographic's title or your site's name.`,
              note: 'Google names keyword-rich links in distributed widgets as link spam; a linked image counts with its alt as the text. A title or brand anchor is what an embedder would write.',
              ...at,
              target: link.href,
              data: { keyword },
            });
            continue;
          }
          if (text === '') {
            report({
              page,
              messageId: 'empty',
              message: `A link in the embed code on \`${name}\` has no text (and no image alt). Give it the infographic's title or your site's name.`,
              note: 'Link text is what readers and search engines learn about the target; a linked image is read by its alt.',
              ...at,
              target: link.href,
            });
            continue;
          }
          const named =
            brandsOf().some((brand) => text.includes(brand)) ||
            (host !== undefined && text.includes(normal(host))) ||
            titles.some((title) => title.includes(text) || text.includes(title));
          if (named) continue;
          report({
            page,
            messageId: 'unnamed',
            message: `The embed code on \`${name}\` links with the text \`${link.text}\`, which is neither the infographic's title nor the site's name. Use one of those, or add the name to \`brands\`.`,
            note: 'Anchors in distributed code should be "just the name of your site" or of the work; other phrasing reads as a planted keyword.',
            ...at,
            target: link.href,
          });
        }
      }
    }
  },
});
