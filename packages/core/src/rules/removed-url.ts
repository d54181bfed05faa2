import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { closestMatches, Suggester } from '../util/did-you-mean.js';
import { matcher } from '../util/glob.js';

export default defineRule({
  id: 'removed-url',
  meta: {
    description:
      'Report URLs recorded in the baseline that are no longer a page of the site and are not redirected.',
    category: 'links',
    defaultSeverity: 'warn',
    recommended: true,
    reads: ['file', 'meta.refresh', 'partial', 'url'],
    scope: 'site',
  },
  options: z.strictObject({
    /** Globs of URLs (with the base path, as in the baseline) whose removal is expected. */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const baseline = site.baseline;
    // Without URLs (Markdown sources alone) nothing can be compared with the recorded build.
    if (!baseline || site.pages.every((page) => page.url === undefined)) return;
    const ignored = matcher(options.ignore);
    let urls: Suggester | undefined;
    for (const entry of baseline.entries) {
      if (ignored(entry.url)) continue;
      const path = site.sitePathOf(entry.url);
      // A page, a file, or a redirect (`_redirects`, Astro `redirects`, a meta-refresh page)
      // that leads somewhere: links to the URL still land.
      const resolution = path === undefined ? undefined : site.resolvePath(path);
      if (resolution && resolution.status !== 'missing') continue;
      const redirected = resolution !== undefined && resolution.hops.length > 0;
      urls ??= new Suggester(
        site.pages.flatMap((page) => {
          const url = site.publicUrl(page);
          return url === undefined ? [] : [url];
        }),
      );
      const near = likelySuccessor(entry.url, urls.suggest(entry.url));
      const fix =
        near === undefined
          ? 'Redirect it to the page that replaced it, or restore it.'
          : `Redirect it to the page that replaced it (\`${near}\`?), or restore it.`;
      report({
        location: { file: baseline.file, line: entry.line, url: entry.url },
        messageId: redirected ? 'redirectedNowhere' : 'removed',
        message: redirected
          ? `Removed URL \`${entry.url}\`: the baseline has a page there, and its redirect no longer reaches a page (it ends at \`${resolution.hops.at(-1)!.to}\`). ${fix}`
          : `Removed URL \`${entry.url}\`: the baseline has a page there, and now the site has neither a page nor a redirect. ${fix}`,
        note: 'Links from other sites, bookmarks and search results earned by this URL now end on a 404, and the equity they carried is lost. If the page is gone on purpose, record the baseline again (`linkworthy baseline <dir>`).',
        ...(near === undefined ? {} : { suggestions: [near] }),
        data: { url: entry.url },
      });
    }
  },
});

/**
 * The did-you-mean, when it is a plausible successor: a close spelling, or a URL sharing a word
 * of the removed page's own name (not only its folder, which every sibling shares).
 */
function likelySuccessor(removed: string, candidate: string | undefined): string | undefined {
  if (candidate === undefined) return undefined;
  if (closestMatches(removed, [candidate]).length > 0) return candidate;
  const name = removed.replace(/\/+$/, '').split('/').at(-1) ?? '';
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 4);
  const target = candidate.toLowerCase();
  return words.some((word) => target.includes(word)) ? candidate : undefined;
}
