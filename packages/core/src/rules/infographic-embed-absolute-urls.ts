import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

/** `relative`, `scheme` or undefined for an absolute https URL. */
function problemOf(url: string): 'relative' | 'scheme' | undefined {
  if (/^https:\/\/[^/]/i.test(url)) return undefined;
  // Browsers drop tabs and newlines inside a scheme (`java\tscript:`).
  if (/^[a-z][a-z0-9+.-]*:/i.test(url.replace(/\s+/g, ''))) return 'scheme';
  return 'relative';
}

export default defineRule({
  id: 'infographic-embed-absolute-urls',
  meta: {
    description:
      'Report URLs in infographic embed code that are not absolute `https:` URLs: relative, protocol-relative, `http:` or `javascript:`.',
    category: 'embeds',
    defaultSeverity: 'error',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of site.pages) {
      for (const code of page.embedCodes ?? []) {
        const urls = [
          ...code.links.map((link) => ({ url: link.href, what: 'link' })),
          ...code.images.map((image) => ({ url: image.src, what: 'image' })),
        ];
        for (const { url, what } of urls) {
          const problem = problemOf(url);
          if (!problem) continue;
          const name = pageName(site, page);
          report({
            page,
            messageId: problem,
            message:
              problem === 'relative'
                ? `The embed code on \`${name}\` has a relative ${what} URL \`${url}\`: on other sites it points to their pages. Write it as an absolute \`https://\` URL.`
                : `The embed code on \`${name}\` has a ${what} URL \`${url}\` that is not \`https:\`. Use an absolute \`https://\` URL on your site.`,
            note: 'Embed code runs on other origins: a relative URL resolves against the embedding page, an `http:` image is blocked as mixed content, and a `javascript:` URL is an injection.',
            ...(code.position ? { at: code.position } : {}),
            target: url,
          });
        }
      }
    }
  },
});
