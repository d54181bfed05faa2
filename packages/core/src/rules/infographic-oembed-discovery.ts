import { z } from 'zod';
import { absolutePageUrl, hasInfographic, infographicPosition } from '../embed/facts.js';
import type { PageFacts } from '../model/facts.js';
import { defineRule } from '../model/rule.js';
import type { Site } from '../site/site.js';
import { pageName } from '../site/graph.js';

/** Problems with an oEmbed `photo`/`rich`/`link` response, as text; empty when it is valid. */
export function oembedProblems(data: unknown): string[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return ['it is not an object'];
  const json = data as Record<string, unknown>;
  const problems: string[] = [];
  if (json.version !== '1.0') problems.push('`version` is not the string `"1.0"`');
  if (!['photo', 'rich', 'link', 'video'].includes(String(json.type))) {
    problems.push('`type` is not `photo`, `rich`, `video` or `link`');
  }
  const positive = (key: string) =>
    typeof json[key] === 'number' && Number.isInteger(json[key]) && json[key] > 0;
  if (json.type === 'photo') {
    if (typeof json.url !== 'string' || !/^https?:\/\//i.test(json.url)) {
      problems.push('a `photo` has no absolute `url`');
    }
    for (const key of ['width', 'height']) {
      if (!positive(key)) problems.push(`\`${key}\` is not a positive integer`);
    }
  }
  const thumbnail = ['thumbnail_url', 'thumbnail_width', 'thumbnail_height'].filter(
    (key) => json[key] !== undefined,
  );
  if (thumbnail.length > 0 && thumbnail.length < 3) {
    problems.push('`thumbnail_url`, `thumbnail_width` and `thumbnail_height` come only together');
  }
  return problems;
}

/** The file of the build an absolute URL on the site names, for reading it. */
function fileOf(site: Site, page: PageFacts, href: string): string | undefined {
  const pageUrl = absolutePageUrl(site, page);
  let url: URL;
  try {
    url = new URL(href, pageUrl ?? 'https://site.invalid/');
  } catch {
    return undefined;
  }
  if (pageUrl && url.host !== pageUrl.host) return undefined;
  const path = site.sitePathOf(url.href) ?? decodeURIComponent(url.pathname);
  return path.replace(/^\/+/, '');
}

export default defineRule({
  id: 'infographic-oembed-discovery',
  meta: {
    description:
      'Report pages with an infographic that lack a valid oEmbed discovery link in their head, or whose oEmbed JSON is invalid.',
    category: 'embeds',
    defaultSeverity: 'warn',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of site.pages) {
      // Generated into the built page: a Markdown source cannot show it.
      if (page.format !== 'html') continue;
      if (!hasInfographic(page)) continue;
      const name = pageName(site, page);
      const links = page.oembedLinks ?? [];
      if (links.length === 0) {
        report({
          page,
          messageId: 'missing',
          message: `\`${name}\` has an infographic but no oEmbed discovery link. Add \`<link rel="alternate" type="application/json+oembed" href="https://…/embed/NAME.json">\` to its head.`,
          note: 'WordPress, Ghost and Mastodon discover oEmbed through this link: pasting the page URL then embeds the infographic with a link back.',
          at: infographicPosition(page),
        });
        continue;
      }
      for (const link of links) {
        const at = link.position ? { at: link.position } : {};
        const problem = (messageId: string, message: string, note: string): void => {
          report({ page, messageId, message, note, ...at, target: link.href });
        };
        if (!/^https:\/\/[^/]/i.test(link.href)) {
          problem(
            'notAbsolute',
            `The oEmbed discovery link on \`${name}\` has the href \`${link.href}\`. Write it as an absolute \`https://\` URL.`,
            'Consumers such as WordPress fetch the href as written, without resolving it against the page.',
          );
          continue;
        }
        if (/[?&]url=/i.test(link.href)) {
          problem(
            'urlParameter',
            `The oEmbed discovery link on \`${name}\` carries a \`url=\` parameter (\`${link.href}\`). Point it at the static JSON file of this infographic.`,
            'Mastodon caches an href with `url=` as an endpoint template for the whole domain and would show this infographic for every other page.',
          );
        }
        if (!link.inHead) {
          problem(
            'notInHead',
            `The oEmbed discovery link on \`${name}\` is in the body. Move it into \`<head>\`.`,
            'Consumers look for discovery links only in the head.',
          );
        }
        const file = fileOf(site, page, link.href);
        const content = file === undefined ? undefined : site.readFile(file);
        if (file === undefined || content === undefined) continue;
        let problems: string[];
        try {
          const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
          problems = oembedProblems(JSON.parse(text));
        } catch (error) {
          problems = [`it is not JSON (${(error as Error).message})`];
        }
        if (problems.length === 0) continue;
        problem(
          'invalidJson',
          `The oEmbed JSON \`${file}\` that \`${name}\` names is invalid: ${problems.join('; ')}. Regenerate it (\`linkworthy embed\`).`,
          'Consumers drop a response that does not follow the oEmbed spec and show a bare link instead.',
        );
      }
    }
  },
});
