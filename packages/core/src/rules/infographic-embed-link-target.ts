import { z } from 'zod';
import { absolutePageUrl, samePath } from '../embed/facts.js';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

export default defineRule({
  id: 'infographic-embed-link-target',
  meta: {
    description:
      "Report links in infographic embed code that do not point to the infographic's own page: another page of the site, or a third party.",
    category: 'embeds',
    defaultSeverity: 'error',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({
    /** Hosts embed code may link to besides the site (a licence's home). */
    allowHosts: z.array(z.string()).default(['creativecommons.org']),
  }),
  check({ site, options, report }) {
    const allowed = new Set(options.allowHosts.map((host) => host.toLowerCase()));
    for (const page of site.pages) {
      if (!page.embedCodes?.length) continue;
      const pageUrl = absolutePageUrl(site, page);
      const name = pageName(site, page);
      for (const code of page.embedCodes) {
        for (const link of code.links) {
          let url: URL;
          try {
            url = new URL(
              link.href,
              pageUrl ?? `https://site.invalid${site.publicUrl(page) ?? '/'}`,
            );
          } catch {
            continue; // not a URL: infographic-embed-absolute-urls reports it
          }
          if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
          const host = url.hostname.toLowerCase().replace(/^www\./, '');
          const own = pageUrl
            ? url.hostname.toLowerCase().replace(/^www\./, '') ===
              pageUrl.hostname.toLowerCase().replace(/^www\./, '')
            : !/^https?:\/\//i.test(link.href) || url.host === 'site.invalid';
          if (!own) {
            if (!pageUrl || allowed.has(host)) continue;
            report({
              page,
              messageId: 'thirdParty',
              message: `The embed code on \`${name}\` links to \`${link.href}\`, another site. Link only to the infographic's page, \`${pageUrl.href}\`.`,
              note: "Google's guidance on widget links asks whether a distributed link points back to you or to a third party; links to others in embed code are a link scheme.",
              ...(code.position ? { at: code.position } : {}),
              target: link.href,
            });
            continue;
          }
          const expected = pageUrl ?? new URL(`https://site.invalid${site.publicUrl(page) ?? '/'}`);
          const comparable = pageUrl ? url : new URL(url.pathname, 'https://site.invalid');
          if (samePath(comparable, expected)) continue;
          report({
            page,
            messageId: 'notThisPage',
            message: `The embed code on \`${name}\` links to \`${link.href}\`, not to the infographic's page. Link to \`${pageUrl?.href ?? name}\`, where embedders found it.`,
            note: 'A credit link should lead to what the embedder saw: the page with the infographic, its sources and its licence, not the home page or a page to be ranked.',
            ...(code.position ? { at: code.position } : {}),
            target: link.href,
          });
        }
      }
    }
  },
});
