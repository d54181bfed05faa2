#!/usr/bin/env node
// Build-time overhead of @linkworthy/astro on a generated Astro site.
//
//   node bench/astro-overhead.mjs [--pages 2000] [--repeat 3] [--warm] [--weight light|realistic]
//                                 [--drop-caches]
//                                 [--out bench/.work/astro-overhead]
//                                 [--json bench/results/astro-overhead.json]
//
// It writes an Astro site (a content collection of generated Markdown posts rendered by a
// dynamic route, a paginated index and tag pages), then runs `astro build` on it without and
// with the integration, alternating, `--repeat` times each. Every build is cold (dist/, .astro/
// and Vite's cache removed first) and runs as its own process with the same environment; the
// only difference is `BENCH_LINKWORTHY=1`, which makes astro.config.mjs add `linkworthy()`.
// `--warm` keeps the caches (Astro's content layer and linkworthy's facts in node_modules/.astro)
// between builds: a rebuild with nothing changed, as on a developer's machine or a CI cache.
// `--drop-caches` (Linux, as root) syncs and drops the kernel's page, dentry and inode caches
// before every build, so that each starts from the same state (see bench/README.md).
// `--weight realistic` writes posts of 1,000–3,000 words with 20–40 links (the light default:
// about 150 words and 6–10 links), in a folder of their own.
// It prints the median wall time and CPU time (user + system, from bash's `time`) of each, the
// overhead in percent, the time linkworthy itself reports for its analysis (the `(… ms)` of its
// summary line), and the time the build waited for linkworthy: loading the integration and
// running its hooks, measured inside the build (far less noisy than the difference of two
// builds on a shared machine). Linux (or any system with bash).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const workspace = resolve(here, '..');

function parseArgs(argv) {
  const args = {
    pages: 2000,
    repeat: 3,
    warm: false,
    dropCaches: false,
    weight: 'light',
    out: join(here, '.work/astro-overhead'),
    json: undefined,
  };
  for (let index = 0; index < argv.length; index++) {
    const name = argv[index];
    if (name === '--warm') {
      args.warm = true;
      continue;
    }
    if (name === '--drop-caches') {
      args.dropCaches = true;
      continue;
    }
    const value = argv[++index];
    if (name === '--pages') args.pages = Number(value);
    else if (name === '--repeat') args.repeat = Number(value);
    else if (name === '--out') args.out = resolve(value);
    else if (name === '--json') args.json = resolve(value);
    else if (name === '--weight') {
      if (value !== 'light' && value !== 'realistic')
        throw new Error('--weight is light or realistic');
      args.weight = value;
    } else throw new Error(`Unknown option ${name}`);
  }
  return args;
}

const WORDS =
  'espresso grinder burr shot crema water milk pitcher basket tamper dose yield ratio roast bean temperature pressure boiler pump flavour sweetness acidity body extraction puck channel'.split(
    ' ',
  );
const TAGS = ['technique', 'gear', 'beans', 'milk', 'water', 'maintenance', 'data', 'recipes'];
const HEADINGS = ['Background', 'What we tried', 'Results', 'What it means', 'Next steps'];

const slugOf = (index) => `post-${String(index).padStart(5, '0')}`;
const headingId = (heading) => heading.toLowerCase().replace(/\s+/g, '-');

function sentence(next) {
  const length = 8 + Math.floor(next() * 10);
  const words = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]);
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

/** One Markdown post: frontmatter, a lead, three to five sections, links to other posts. */
function post(index, pages, next) {
  const tags = [TAGS[index % TAGS.length], TAGS[Math.floor(next() * TAGS.length)]];
  const lines = [
    '---',
    `title: Generated post ${index}`,
    `description: A generated post about ${WORDS[index % WORDS.length]} for the build-overhead benchmark.`,
    `pubDate: 2025-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
    `tags: [${[...new Set(tags)].join(', ')}]`,
    '---',
    '',
    `${sentence(next)} ${sentence(next)} ${sentence(next)}`,
    '',
  ];
  const sections = 3 + Math.floor(next() * 3);
  for (let section = 0; section < sections; section++) {
    lines.push(`## ${HEADINGS[section]}`, '');
    for (let paragraph = 0; paragraph < 2; paragraph++) {
      const target = Math.floor(next() * pages);
      const fragment = next() < 0.5 ? `#${headingId(HEADINGS[Math.floor(next() * 3)])}` : '';
      lines.push(
        `${sentence(next)} See [post ${target}](/posts/${slugOf(target)}/${fragment}). ${sentence(next)}`,
        '',
      );
    }
  }
  return lines.join('\n');
}

/**
 * A post of realistic weight (`--weight realistic`): 1,000–3,000 words in six to ten sections of
 * paragraphs, lists and code blocks, with 20–40 links to other posts (a third to a heading).
 */
function realisticPost(index, pages, next) {
  const lines = post(index, pages, next).split('\n');
  const words = 1000 + Math.floor(next() * 2000);
  const links = 20 + Math.floor(next() * 21);
  const sections = 6 + Math.floor(next() * 5);
  const paragraphs = [];
  let written = 0;
  while (written < words) {
    const sentences = Array.from({ length: 3 + Math.floor(next() * 4) }, () => sentence(next));
    written += sentences.join(' ').split(' ').length;
    paragraphs.push(sentences);
  }
  for (let link = 0; link < links; link++) {
    const sentences = paragraphs[Math.floor(next() * paragraphs.length)];
    const target = Math.floor(next() * pages);
    const fragment = next() < 0.33 ? `#${headingId(HEADINGS[Math.floor(next() * 3)])}` : '';
    sentences.push(`Compare [post ${target}](/posts/${slugOf(target)}/${fragment}).`);
  }
  const perSection = Math.ceil(paragraphs.length / sections);
  for (let section = 0; section < sections; section++) {
    lines.push(`## More on ${WORDS[(index + section) % WORDS.length]} ${section + 1}`, '');
    for (const sentences of paragraphs.slice(section * perSection, (section + 1) * perSection)) {
      lines.push(sentences.join(' '), '');
    }
    if (section % 3 === 1) {
      lines.push(...Array.from({ length: 4 }, () => `- ${sentence(next)}`), '');
    }
    if (section % 4 === 2) {
      lines.push('```sh', `brew --dose ${index % 20} --yield ${section + 30}`, '```', '');
    }
  }
  return lines.join('\n');
}

function writeSite(out, pages, weight) {
  rmSync(out, { recursive: true, force: true });
  const write = (file, text) => {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), text);
  };
  const integration = pathToFileURL(
    join(workspace, 'packages/astro-integration/bundle/index.js'),
  ).href;
  write(
    'package.json',
    `${JSON.stringify({ name: 'astro-overhead-site', private: true, type: 'module' }, null, 2)}\n`,
  );
  write(
    'astro.config.mjs',
    `import { defineConfig } from 'astro/config';

// BENCH_LINKWORTHY=1 adds the integration; everything else is the same in both builds.
const integrations = [];
if (process.env.BENCH_LINKWORTHY === '1') {
  // The time the build waits for linkworthy: loading it, and each of its hooks (they run one
  // after another on Astro's thread). Its analysis thread runs beside Astro and is not counted
  // here; the with/without comparison catches what it takes from the build.
  const loading = performance.now();
  const { default: linkworthy } = await import(${JSON.stringify(integration)});
  let held = performance.now() - loading;
  const integration = linkworthy({ failOn: 'never' });
  for (const [name, hook] of Object.entries(integration.hooks)) {
    integration.hooks[name] = async (...args) => {
      const start = performance.now();
      try {
        return await hook(...args);
      } finally {
        held += performance.now() - start;
        if (name === 'astro:build:done') console.log(\`bench-held \${held.toFixed(1)}\`);
      }
    };
  }
  integrations.push(integration);
}

export default defineConfig({ site: 'https://bench.example.com', integrations });
`,
  );
  write(
    'src/content.config.ts',
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const posts = defineCollection({
  loader: glob({ pattern: '*.md', base: './src/content/posts' }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    pubDate: z.coerce.date(),
    tags: z.array(z.string()),
  }),
});

export const collections = { posts };
`,
  );
  write(
    'src/layouts/Base.astro',
    `---
const { title } = Astro.props;
---
<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>{title}</title></head>
  <body>
    <header><nav><a href="/">Home</a> <a href="/tags/">Tags</a></nav></header>
    <main><slot /></main>
    <footer><a href="/">Bench site</a></footer>
  </body>
</html>
`,
  );
  write(
    'src/pages/posts/[...slug].astro',
    `---
import { getCollection, render } from 'astro:content';
import Base from '../../layouts/Base.astro';

export async function getStaticPaths() {
  const posts = await getCollection('posts');
  return posts.map((post) => ({ params: { slug: post.id }, props: { post } }));
}

const { post } = Astro.props;
const { Content } = await render(post);
---
<Base title={post.data.title}>
  <article>
    <h1>{post.data.title}</h1>
    <p>{post.data.tags.map((tag) => <a href={\`/tags/\${tag}/\`}>{tag}</a>)}</p>
    <Content />
  </article>
</Base>
`,
  );
  write(
    'src/pages/[...page].astro',
    `---
import type { GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import Base from '../layouts/Base.astro';

export const getStaticPaths = (async ({ paginate }) => {
  const posts = (await getCollection('posts')).sort((a, b) => a.id.localeCompare(b.id));
  return paginate(posts, { pageSize: 50 });
}) satisfies GetStaticPaths;

const { page } = Astro.props;
---
<Base title={\`Posts, page \${page.currentPage}\`}>
  <ul>{page.data.map((post) => <li><a href={\`/posts/\${post.id}/\`}>{post.data.title}</a></li>)}</ul>
  {page.url.prev && <a href={page.url.prev}>Newer posts</a>}
  {page.url.next && <a href={page.url.next}>Older posts</a>}
</Base>
`,
  );
  write(
    'src/pages/tags/index.astro',
    `---
import Base from '../../layouts/Base.astro';
const tags = ${JSON.stringify(TAGS)};
---
<Base title="Tags"><ul>{tags.map((tag) => <li><a href={\`/tags/\${tag}/\`}>{tag}</a></li>)}</ul></Base>
`,
  );
  write(
    'src/pages/tags/[tag].astro',
    `---
import { getCollection } from 'astro:content';
import Base from '../../layouts/Base.astro';

export async function getStaticPaths() {
  const posts = await getCollection('posts');
  const tags = [...new Set(posts.flatMap((post) => post.data.tags))];
  return tags.map((tag) => ({
    params: { tag },
    props: { posts: posts.filter((post) => post.data.tags.includes(tag)).slice(0, 100) },
  }));
}

const { tag } = Astro.params;
const { posts } = Astro.props;
---
<Base title={\`Tagged \${tag}\`}>
  <ul>{posts.map((post) => <li><a href={\`/posts/\${post.id}/\`}>{post.data.title}</a></li>)}</ul>
</Base>
`,
  );
  const next = mulberry32(1);
  for (let index = 0; index < pages; index++) {
    const text =
      weight === 'realistic' ? realisticPost(index, pages, next) : post(index, pages, next);
    write(`src/content/posts/${slugOf(index)}.md`, text);
  }
}

function build(site, withIntegration, warm, dropCaches) {
  const caches = warm ? [] : ['.astro', 'node_modules/.astro', 'node_modules/.vite'];
  for (const cache of ['dist', ...caches]) {
    rmSync(join(site, cache), { recursive: true, force: true });
  }
  if (dropCaches) {
    // Every build from the same kernel state: on this VM, builds that follow others (their
    // written pages still cached or being written back) spent up to three times as much system
    // time (a build without linkworthy: 1.7 s of system time after a drop, 5-6 s a few builds on).
    spawnSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
  }
  const astro = join(here, 'node_modules/astro/bin/astro.mjs');
  const start = process.hrtime.bigint();
  // Through bash's `time`, for the CPU time (user + system) of the build and its children too:
  // on a shared machine it varies far less than the wall time.
  const result = spawnSync('bash', ['-c', 'time "$0" "$1" build', process.execPath, astro], {
    cwd: site,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      BENCH_LINKWORTHY: withIntegration ? '1' : '0',
      TIMEFORMAT: 'bench-cpu %3U %3S',
    },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const output = `${result.stdout}${result.stderr}`;
  const cpu = /bench-cpu ([\d.]+) ([\d.]+)/.exec(output);
  if (result.status !== 0) throw new Error(`astro build failed (${result.status}):\n${output}`);
  const summary = /linkworthy: .* in (\d+) pages and (\d+) links \((\d+) ms\)/.exec(output);
  if (withIntegration && !summary) throw new Error(`no linkworthy summary in:\n${output}`);
  const held = /bench-held ([\d.]+)/.exec(output);
  return {
    ms,
    cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : undefined,
    ...(held ? { heldMs: Number(held[1]) } : {}),
    ...(summary
      ? { pages: Number(summary[1]), links: Number(summary[2]), lintMs: Number(summary[3]) }
      : {}),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const args = parseArgs(process.argv.slice(2));
const site = join(args.out, `site-${args.pages}${args.weight === 'realistic' ? '-realistic' : ''}`);
const generated = Date.now();
writeSite(site, args.pages, args.weight);
console.log(`wrote ${args.pages} posts to ${site} in ${Date.now() - generated} ms`);

// One unmeasured build warms the disk cache and Node's compile cache for both variants.
build(site, true, args.warm, args.dropCaches);
const runs = { without: [], with: [] };
for (let round = 0; round < args.repeat; round++) {
  // Alternate the order so drift in machine load falls on both sides.
  const order = round % 2 === 0 ? [false, true] : [true, false];
  for (const withIntegration of order) {
    const run = build(site, withIntegration, args.warm, args.dropCaches);
    runs[withIntegration ? 'with' : 'without'].push(run);
    const lint =
      run.lintMs === undefined
        ? ''
        : `, linkworthy ${run.lintMs} ms, build held ${Math.round(run.heldMs)} ms`;
    console.log(
      `round ${round + 1}: ${withIntegration ? 'with   ' : 'without'} ${(run.ms / 1000).toFixed(2)} s, CPU ${(run.cpuMs / 1000).toFixed(2)} s${lint} (load ${loadavg()[0].toFixed(2)})`,
    );
  }
}

const without = median(runs.without.map((run) => run.ms));
const withIt = median(runs.with.map((run) => run.ms));
const lintMs = median(runs.with.map((run) => run.lintMs));
const heldMs = median(runs.with.map((run) => run.heldMs));
const cpuWithout = median(runs.without.map((run) => run.cpuMs));
const cpuWith = median(runs.with.map((run) => run.cpuMs));
const result = {
  pages: runs.with[0].pages,
  links: runs.with[0].links,
  repeat: args.repeat,
  warm: args.warm,
  dropCaches: args.dropCaches,
  medianBuildMs: { without: Math.round(without), with: Math.round(withIt) },
  overheadPercent: Number((((withIt - without) / without) * 100).toFixed(1)),
  medianCpuMs: { without: cpuWithout, with: cpuWith },
  cpuOverheadPercent: Number((((cpuWith - cpuWithout) / cpuWithout) * 100).toFixed(1)),
  medianLintMs: lintMs,
  medianHeldMs: Math.round(heldMs),
  heldPercentOfBuild: Number(((heldMs / without) * 100).toFixed(1)),
  lintPercentOfBuild: Number(((lintMs / without) * 100).toFixed(1)),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    astro: JSON.parse(readFileSync(join(here, 'node_modules/astro/package.json'), 'utf8')).version,
  },
  runs,
};
console.log(
  `\n${result.pages} pages, ${result.links} links, ${args.warm ? 'warm' : 'cold'} builds; median of ${args.repeat}: without ${(without / 1000).toFixed(2)} s, with ${(withIt / 1000).toFixed(2)} s: overhead ${result.overheadPercent} %; CPU time without ${(cpuWithout / 1000).toFixed(2)} s, with ${(cpuWith / 1000).toFixed(2)} s: overhead ${result.cpuOverheadPercent} % (linkworthy's own analysis: ${lintMs} ms, ${result.lintPercentOfBuild} % of the build; the build waited for linkworthy's loading and hooks ${Math.round(heldMs)} ms, ${result.heldPercentOfBuild} % of the build without it)`,
);
if (args.json) {
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
}
