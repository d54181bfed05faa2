import { posix } from 'node:path';
import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { Suggester } from '../util/did-you-mean.js';
import type { RedirectHop } from '../site/site.js';
import { describeRedirectOrigin } from '../site/redirects.js';
import { joinBase } from '../site/url.js';
import { matcher } from '../util/glob.js';

export default defineRule({
  id: 'broken-link',
  meta: {
    description: 'Report internal links whose target page or file does not exist.',
    category: 'links',
    defaultSeverity: 'error',
    recommended: true,
    reads: ['alternates', 'file', 'format', 'ids', 'links', 'meta.refresh', 'partial', 'url'],
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
      const outcomes = site.outcomesOf(page);
      for (let index = 0; index < outcomes.length; index++) {
        const resolved = outcomes[index]!;
        const { status } = resolved;
        if (status !== 'missing' && status !== 'outside-base' && status !== 'outside-root')
          continue;
        const link = page.links[index]!;
        if (ignored(link.href) || (resolved.path !== undefined && ignored(resolved.path))) continue;

        if (status === 'outside-root') {
          report({
            page,
            messageId: 'outsideRoot',
            message: `Broken link to \`${link.href}\`: it climbs above the site root, where no page of the site can be.`,
            note: 'Point the link at a file inside the site, or at the published URL.',
            linkIndex: index,
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
            linkIndex: index,
            target: link.href,
            ...(resolved.suggestion ? { suggestions: [resolved.suggestion] } : {}),
          });
          continue;
        }
        const redirects = resolved.redirects ?? [];
        const final = redirects.at(-1)?.to;
        if (resolved.redirectProblem === 'loop' || resolved.redirectProblem === 'too-many') {
          const chain = [redirects[0]?.from, ...redirects.map((hop) => hop.to)].join('` → `');
          report({
            page,
            messageId: 'redirectLoop',
            message:
              resolved.redirectProblem === 'loop'
                ? `Broken link to \`${link.href}\`: its redirects go round in a loop (\`${chain}\`).`
                : `Broken link to \`${link.href}\`: it goes through more than ${redirects.length - 1} redirects (\`${chain}\`); browsers give up.`,
            note: `Fix the redirect rules (${origins(redirects)}) so they end at a page, and link to that page directly.`,
            linkIndex: index,
            target: link.href,
            data: { redirects },
          });
          continue;
        }
        const byFile = resolved.filePath !== undefined;
        const wanted = resolved.filePath ?? resolved.path ?? link.href;
        // Keep what followed the path (`?query#fragment`): the suggestion replaces the whole href.
        const tail = /[?#].*$/.exec(link.href)?.[0] ?? '';
        if (resolved.caseMatch !== undefined && redirects.length === 0) {
          const match = joinBase(site.context.base, resolved.caseMatch);
          report({
            page,
            messageId: 'wrongCase',
            message: `Broken link to \`${link.href}\`: nothing is at \`${wanted}\`, but \`${match}\` differs from it only in letter case. Did you mean \`${match + tail}\`?`,
            note: 'Most hosts serve paths case-sensitively (a local preview on macOS or Windows may not): match the case of the URL. Set `caseSensitive: false` if your host ignores case.',
            linkIndex: index,
            target: link.href,
            suggestions: [match + tail],
            data: { resolved: wanted },
          });
          continue;
        }
        if (redirects.length > 0 && final !== undefined) {
          report({
            page,
            messageId: 'redirectMissing',
            message: `Broken link to \`${link.href}\`: it redirects to \`${final}\`, where no page or file of the site is.`,
            note: `The redirect (${origins(redirects)}) leads to a 404; point it at an existing page, or link to the right page directly.`,
            linkIndex: index,
            target: link.href,
            data: { resolved: wanted, redirects },
          });
          continue;
        }
        const suggester = byFile
          ? (files ??= new Suggester(site.pages.map((candidate) => candidate.file)))
          : (urls ??= new Suggester(site.pageUrls()));
        const near = suggester.suggest(wanted);
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
          linkIndex: index,
          target: link.href,
          ...(suggestions.length > 0 ? { suggestions } : {}),
          data: { resolved: wanted },
        });
      }
    }
  },
});

/** Where the redirects of a chain are defined, for notes: `` `_redirects:3` ``, `` `old/index.html` ``. */
function origins(redirects: readonly RedirectHop[]): string {
  const named = [...new Set(redirects.flatMap((hop) => (hop.origin ? [hop.origin] : [])))];
  if (named.length === 0) return 'the host’s trailing-slash policy';
  return named.map((origin) => describeRedirectOrigin(origin)).join(', ');
}

/** The href that leads from one source file to another (`../guide/setup.md`). */
function relativeHref(fromFile: string, toFile: string): string {
  const href = posix.relative(posix.dirname(fromFile), toFile);
  return href.startsWith('.') ? href : `./${href}`;
}
