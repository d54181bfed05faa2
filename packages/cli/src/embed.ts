import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateEmbeds } from '@linkworthy/core';
import { isDirectory } from './args.js';

/** The slice of the CLI's io the command uses. */
export interface EmbedIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const EMBED_HELP = `Usage: linkworthy embed <dir> --site <origin> [--name <site name>] [--base <path>] [--rel nofollow]
                      [--sources <folder>]...

Makes the infographics of a built site embeddable. For every <img data-infographic> (or
<figure data-infographic>) it copies the image to <dir>/embed/<slug>.<ext> (a URL that does not
change between builds), writes <dir>/embed/<slug>.json (a static oEmbed response), and adds to the
page an oEmbed discovery link and ImageObject JSON-LD in <head> and a copy box with the embed
code after the image. Pages that already have a copy box are left alone.

With --sources, Markdown/MDX pages can declare their infographics in frontmatter instead:
  infographics:
    - src: /images/chart.png        the image's URL on the built page
      title: Chart title
      credit: Example Docs          optional: alt, description, license, acquireLicensePage, sources
An <img> with that src on the page built from the file is then made embeddable too.

Examples:
  linkworthy embed dist --site https://example.com --name "Example Docs"
  linkworthy embed public --site https://example.com --base /docs/   a site served under /docs/
  linkworthy embed dist --site https://example.com --rel nofollow    rel="nofollow" on the embed code's links
  linkworthy embed dist --site https://example.com --sources src/content   frontmatter infographics`;

/** `linkworthy embed <dir>`; returns the exit code (0 done, 1 problems, 2 usage). */
export async function embedCommand(argv: readonly string[], io: EmbedIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        site: { type: 'string' },
        name: { type: 'string' },
        base: { type: 'string' },
        rel: { type: 'string' },
        sources: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`linkworthy embed: ${(error as Error).message}\n\n${EMBED_HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${EMBED_HELP}\n`);
    return 0;
  }
  const folder = positionals[0];
  if (positionals.length !== 1 || folder === undefined || !values.site) {
    io.stderr(
      `linkworthy embed: give one built site folder and its origin, \`--site https://example.com\`.\n\n${EMBED_HELP}\n`,
    );
    return 2;
  }
  const dir = resolve(io.cwd, folder);
  if (!(await isDirectory(dir))) {
    io.stderr(`linkworthy embed: \`${folder}\` is not a folder.\n`);
    return 2;
  }
  let origin: string;
  try {
    origin = new URL(values.site).origin;
    if (!origin.startsWith('https://')) throw new Error('not https');
  } catch {
    io.stderr(
      `linkworthy embed: \`--site\` takes the site's https origin, not \`${values.site}\`.\n`,
    );
    return 2;
  }
  const result = await generateEmbeds({
    dir,
    origin,
    siteName: values.name ?? new URL(origin).host,
    ...(values.base ? { base: values.base } : {}),
    ...(values.rel ? { rel: values.rel.split(/[\s,]+/).filter(Boolean) } : {}),
    ...(values.sources ? { sources: values.sources, root: io.cwd } : {}),
  });
  for (const embed of result.embeds) {
    io.stdout(`${embed.file}: ${embed.title} → ${embed.image}, ${embed.oembed}\n`);
  }
  for (const problem of result.problems) {
    io.stderr(`${problem.file}: ${problem.src ? `${problem.src}: ` : ''}${problem.message}\n`);
  }
  io.stdout(
    `${result.embeds.length} infographic${result.embeds.length === 1 ? '' : 's'} made embeddable.\n`,
  );
  return result.problems.length > 0 ? 1 : 0;
}
