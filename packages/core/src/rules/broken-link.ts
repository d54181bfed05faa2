import { posix } from 'node:path';
import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { Suggester } from '../util/did-you-mean.js';
import { matcher } from '../util/glob.js';

export default defineRule({
  id: 'broken-link',
  meta: {
    description: 'Report internal links whose target page or file does not exist.',
    category: 'links',
    defaultSeverity: 'error',
    recommended: true,
  },
  options: z.strictObject({
    /** Globs of hrefs or resolved site paths to leave alone (`/api/**`, `*.pdf`). */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const ignored = matcher(options.ignore);
    let urls: Suggester | undefined;
    let files: Suggester | undefined;
    for (const page of site.pages) {
      for (const resolved of site.linksOf(page)) {
        const { link, status } = resolved;
        if (status !== 'missing' && status !== 'outside-base' && status !== 'outside-root')
          continue;
        if (ignored(link.href) || (resolved.path !== undefined && ignored(resolved.path))) continue;

        if (status === 'outside-root') {
          report({
            page,
            messageId: 'outsideRoot',
            message: `Broken link to \`${link.href}\`: it climbs above the site root, where no page of the site can be.`,
            note: 'Point the link at a file inside the site, or at the published URL.',
            linkIndex: resolved.index,
            target: link.href,
          });
          continue;
        }
        if (status === 'outside-base') {
          report({
            page,
            messageId: 'missingBase',
            message: `Broken link to \`${link.href}\`: the site is served under \`${site.context.base}\`, so this path misses it.`,
            note: `Root-relative links must include the base path; write \`${resolved.suggestion}\`.`,
            linkIndex: resolved.index,
            target: link.href,
            ...(resolved.suggestion ? { suggestions: [resolved.suggestion] } : {}),
          });
          continue;
        }
        const byFile = resolved.filePath !== undefined;
        const wanted = byFile ? resolved.filePath! : (resolved.path ?? link.href);
        const suggester = byFile
          ? (files ??= new Suggester(site.pages.map((candidate) => candidate.file)))
          : (urls ??= new Suggester(site.pageUrls()));
        const near = suggester.suggest(wanted);
        // Keep what followed the path (`?query#fragment`): the suggestion replaces the whole href.
        const tail = /[?#].*$/.exec(link.href)?.[0] ?? '';
        const suggestions = (near === undefined ? [] : [near]).map(
          (match) => (byFile ? relativeHref(page.file, match) : match) + tail,
        );
        report({
          page,
          messageId: 'missing',
          message:
            `Broken link to \`${link.href}\`: no page or file of the site is at \`${wanted}\`.` +
            (suggestions[0] ? ` Did you mean \`${suggestions[0]}\`?` : ''),
          note: 'Readers get a 404 and the link passes no authority; fix the href or remove the link.',
          linkIndex: resolved.index,
          target: link.href,
          ...(suggestions.length > 0 ? { suggestions } : {}),
          data: { resolved: wanted },
        });
      }
    }
  },
});

/** The href that leads from one source file to another (`../guide/setup.md`). */
function relativeHref(fromFile: string, toFile: string): string {
  const href = posix.relative(posix.dirname(fromFile), toFile);
  return href.startsWith('.') ? href : `./${href}`;
}
