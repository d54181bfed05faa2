import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { Suggester } from '../util/did-you-mean.js';
import { matcher } from '../util/glob.js';

export default defineRule({
  id: 'removed-fragment',
  meta: {
    description:
      'Report fragment ids recorded in the baseline that a page that still exists no longer has.',
    category: 'links',
    defaultSeverity: 'warn',
    recommended: true,
    reads: ['file', 'ids', 'meta.refresh', 'partial', 'url'],
    scope: 'site',
  },
  options: z.strictObject({
    /**
     * Globs matched against `#id`, the page URL and `url#id` (as in the baseline): ids that may
     * come and go (`#__codelineno-*`, `/changelog/#*`).
     */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const baseline = site.baseline;
    if (!baseline) return;
    const ignored = matcher(options.ignore);
    for (const entry of baseline.entries) {
      if (entry.ids.length === 0 || ignored(entry.url)) continue;
      const path = site.sitePathOf(entry.url);
      // Followed through redirects: browsers keep the fragment, so the page reached must have it.
      const resolution = path === undefined ? undefined : site.resolvePath(path);
      const page = resolution?.page;
      // A page that is gone is `removed-url`'s; an unreadable page's ids are unknown.
      if (!page || page.partial) continue;
      const now = resolution.hops.length > 0 ? resolution.hops.at(-1)!.to : undefined;
      const where = now === undefined ? `\`${entry.url}\`` : `\`${entry.url}\` (now \`${now}\`)`;
      const ids = site.idsOf(page);
      const recorded = new Set(entry.ids);
      let added: string[] | undefined;
      let renamed: Suggester | undefined;
      for (const id of entry.ids) {
        if (ids.has(id) || ignored(`#${id}`) || ignored(`${entry.url}#${id}`)) continue;
        // Only ids the page did not have before can be what an old id was renamed to: a close
        // spelling, shared words, or the old id grown or cut (`install` → `installing`).
        added ??= [...ids].filter((candidate) => !recorded.has(candidate)).sort();
        renamed ??= new Suggester(added);
        const near =
          renamed.suggest(id) ??
          added
            .filter(
              (candidate) =>
                candidate.length >= 3 && (candidate.includes(id) || id.includes(candidate)),
            )
            .sort((a, b) => a.length - b.length)[0];
        report({
          location: { file: baseline.file, line: entry.line, url: entry.url },
          messageId: 'removed',
          message:
            `Removed fragment \`#${id}\` on ${where}: the page no longer has an element with that id.` +
            (near === undefined
              ? ' Keep the old id as an extra anchor where the section now is.'
              : ` Was it renamed to \`#${near}\`? Keep \`#${id}\` as an extra anchor there.`),
          note: `Links to \`${entry.url}#${id}\` from other sites and bookmarks now open the page at the top. An empty \`<a id="${id}"></a>\` (or a second \`{#${id}}\` anchor) beside the renamed heading keeps them working; if the section is gone on purpose, record the baseline again (\`linkworthy baseline <dir>\`).`,
          ...(near === undefined ? {} : { suggestions: [`#${near}`] }),
          data: { url: entry.url, fragment: id, file: page.file },
        });
      }
    }
  },
});
