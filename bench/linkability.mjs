#!/usr/bin/env node
// Times the linkability analysis of one long post, as the editor runs it on every change:
// Markdown → facts (the extraction pass that also measures content) → scorecard.
// `node bench/linkability.mjs [words]` (default 7,000 words). Needs `tsc -b packages/core`.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scorePage } from '@linkworthy/core';
import { extractMarkdown, extractMdast } from '@linkworthy/core/markdown';

// The parser the core uses, for the editor's case: remark has parsed the file already.
const fromCore = createRequire(fileURLToPath(import.meta.resolve('@linkworthy/core')));
const load = (name) => import(pathToFileURL(fromCore.resolve(name)).href);
const { unified } = await load('unified');
const { default: remarkParse } = await load('remark-parse');
const { default: remarkFrontmatter } = await load('remark-frontmatter');

const target = Number(process.argv[2] ?? 7000);

/** A deterministic post: sections of prose with links, figures, a table, images and code. */
function post(words) {
  const lines = [
    '---',
    'title: A long guide to static site builds',
    'description: Everything about builds, measured.',
    'author: Bench',
    'date: 2025-01-01',
    '---',
    '',
    '# A long guide to static site builds',
    '',
  ];
  let count = 0;
  for (let section = 0; count < words; section++) {
    lines.push(`## Section ${section} of the guide`, '');
    for (let paragraph = 0; paragraph < 4 && count < words; paragraph++) {
      const sentences = [];
      for (let sentence = 0; sentence < 5; sentence++) {
        const n = section * 20 + paragraph * 5 + sentence;
        sentences.push(
          n % 7 === 0
            ? `Builds got ${n % 90}% faster after the change, per the [report ${n}](https://example.org/r/${n}).`
            : n % 11 === 0
              ? `The cache saved ${n},000 requests in one week for most of the sites we looked at.`
              : `This sentence number ${n} explains one more step of the static site build in plain words.`,
        );
      }
      const text = sentences.join(' ');
      count += text.split(/\s+/).length;
      lines.push(text, '');
    }
    if (section % 3 === 0) {
      lines.push(
        '| Step | Seconds |',
        '|---|---|',
        `| Build | ${section}.5 |`,
        '| Deploy | 2 |',
        '',
      );
      lines.push(`![Chart of build times in section ${section}](/img/chart-${section}.png)`, '');
      lines.push('```js', 'export default { build: true };', '```', '');
    }
  }
  return lines.join('\n');
}

const source = post(target);
const analyse = () => scorePage(extractMarkdown(source, { file: 'post.md', terms: false }));
for (let warm = 0; warm < 20; warm++) analyse();
const runs = 50;
const times = [];
// CPU time too: on a shared machine the wall time also counts the waits for a core.
const cpuTimes = [];
let result;
for (let run = 0; run < runs; run++) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  result = analyse();
  times.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const words = extractMarkdown(source, { file: 'post.md', terms: false }).wordCount;
console.log(
  `linkability: ${words} words, score ${result.score}; median ${times[runs >> 1].toFixed(2)} ms, ` +
    `p90 ${times[Math.floor(runs * 0.9)].toFixed(2)} ms over ${runs} runs (extraction + scorecard); ` +
    `CPU time median ${cpuTimes[runs >> 1].toFixed(2)} ms`,
);
const scoreOnly = [];
const page = extractMarkdown(source, { file: 'post.md', terms: false });
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  scorePage(page);
  scoreOnly.push(performance.now() - start);
}
scoreOnly.sort((a, b) => a - b);
console.log(`scorecard alone: median ${scoreOnly[runs >> 1].toFixed(3)} ms`);

// What the remark plugin adds in the editor, where the language server has parsed the file:
// facts from the tree, then the scorecard.
const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).parse(source);
const fromTree = () => scorePage(extractMdast(tree, { file: 'post.md', terms: false }));
for (let warm = 0; warm < 20; warm++) fromTree();
const treeTimes = [];
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  fromTree();
  treeTimes.push(performance.now() - start);
}
treeTimes.sort((a, b) => a - b);
console.log(`from a parsed tree (the remark plugin): median ${treeTimes[runs >> 1].toFixed(2)} ms`);
