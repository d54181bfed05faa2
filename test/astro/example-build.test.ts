import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// End to end: a real `astro build` of examples/astro-blog, which imports @linkworthy/astro from
// its built `dist/` (the package's `default` export condition), as a user's project would.
const workspace = fileURLToPath(new URL('../../', import.meta.url));
const example = `${workspace}examples/astro-blog/`;
const astroBin = `${example}node_modules/astro/bin/astro.mjs`;
const builtPackages = [
  `${workspace}packages/core/dist/index.js`,
  `${workspace}packages/astro-integration/dist/index.js`,
];
const brokenPost = 'src/content/blog/milk-steaming-basics.md';
const brokenHref = '/blog/dialing-in-a-new-bag/#taste-the-shot-first';

interface Run {
  code: number;
  output: string;
}

function astroBuild(): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [astroBin, 'build'],
      {
        cwd: example,
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: 170_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`astro build could not run: ${error.message}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('examples/astro-blog', () => {
  it('builds, exits 0 and names the Markdown source and line of the broken fragment', async () => {
    const missing = builtPackages.filter((file) => !existsSync(file));
    if (missing.length > 0) {
      throw new Error(
        `The example imports the built packages, and these are missing: ${missing.join(', ')}. ` +
          'Run `pnpm run build` (tsc -b) first; `pnpm test` does it for you.',
      );
    }
    const source = readFileSync(`${example}${brokenPost}`, 'utf8').split('\n');
    const line = source.findIndex((text) => text.includes(brokenHref)) + 1;
    expect(line, `the deliberate broken fragment is still in ${brokenPost}`).toBeGreaterThan(0);
    const column = source[line - 1]!.indexOf('[') + 1;

    const { code, output } = await astroBuild();
    expect(code, output).toBe(0);
    expect(output).toMatch(
      new RegExp(
        `\\[ERROR\\] \\[@linkworthy/astro\\] ${brokenPost}:${line}:${column} {2}Broken fragment \`#taste-the-shot-first\`: \`/blog/dialing-in-a-new-bag/\` has no element with that id\\..* {2}\\(broken-fragment\\)`,
      ),
    );
    expect(output).toMatch(
      /\[@linkworthy\/astro\] linkworthy: 1 error, 0 warnings in \d+ pages and \d+ links \(\d+ ms\)/,
    );
    expect(output).toContain('Complete!');

    // The infographic post: embed code, copy box, oEmbed JSON, discovery link and JSON-LD.
    const post = readFileSync(`${example}dist/blog/espresso-by-the-numbers/index.html`, 'utf8');
    const pageUrl = 'https://blog.example.com/blog/espresso-by-the-numbers/';
    const imageUrl = 'https://blog.example.com/embed/espresso-by-the-numbers.svg';
    const head = post.slice(0, post.indexOf('</head>'));
    expect(head).toContain(
      '<link rel="alternate" type="application/json+oembed" href="https://blog.example.com/embed/espresso-by-the-numbers.json" title="Espresso by the numbers">',
    );
    expect(head).toContain(
      `<script type="application/ld+json">{"@context":"https://schema.org","@type":"ImageObject","contentUrl":"${imageUrl}"`,
    );
    expect(post).toContain(
      '<details class="linkworthy-embed"><summary>Embed this infographic</summary>',
    );
    expect(post).toContain(
      `<textarea readonly rows="5" cols="60" aria-label="Embed code for Espresso by the numbers" data-linkworthy-embed onfocus="this.select()">&lt;figure style="margin:0;max-width:600px"&gt;&lt;a href="${pageUrl}"&gt;&lt;img src="${imageUrl}" alt="Espresso by the numbers" width="600" height="800" style="max-width:100%;height:auto" loading="lazy"&gt;&lt;/a&gt;&lt;figcaption&gt;Infographic by &lt;a href="${pageUrl}"&gt;Crema Notes&lt;/a&gt;&lt;/figcaption&gt;&lt;/figure&gt;</textarea>`,
    );
    const oembed = JSON.parse(
      readFileSync(`${example}dist/embed/espresso-by-the-numbers.json`, 'utf8'),
    ) as Record<string, unknown>;
    expect(oembed).toMatchObject({
      version: '1.0',
      type: 'photo',
      title: 'Espresso by the numbers',
      provider_name: 'Crema Notes',
      url: imageUrl,
      width: 600,
      height: 800,
    });
    expect(existsSync(`${example}dist/embed/espresso-by-the-numbers.svg`)).toBe(true);
    expect(head).toContain(
      '"creditText":"Crema Notes","copyrightNotice":"Crema Notes","license":"https://creativecommons.org/licenses/by/4.0/"',
    );
  }, 180_000);
});
