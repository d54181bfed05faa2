// Bundles what the Astro integration loads on Astro's own thread (the integration, its option
// validation from `@linkworthy/core/setup`, zod in English) into `packages/astro-integration/bundle/index.js`,
// the package's entry. Every build loads it before any page is built, and waits for it: about
// 180 modules took 55–80 ms on a build with cold disk caches, one file 25–30 ms (bench,
// 2,000-page site). The rest stays in `dist/`, unbundled: the analysis thread
// (`build-worker-start.js`, which loads `@linkworthy/core` through Node's compile cache), the
// analysis on Astro's thread where that thread cannot run (`build-analysis.js`), and `astro dev`'s
// toolbar (`toolbar/hooks.js`, whose client script sits beside it). Run after `tsc -b`
// (`pnpm run build`).
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zodEnglish } from './zod-english.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = here('../packages/astro-integration/bundle');

/** Loaded later, or elsewhere: imported from `dist/` by the bundle (`bundle/` sits beside it). */
const FROM_DIST = /^\.\/(toolbar\/hooks|build-analysis)\.js$/;

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { index: here('../packages/astro-integration/dist/index.js') },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'linked',
  plugins: [
    zodEnglish,
    {
      name: 'linkworthy-externals',
      setup(build) {
        // Astro is the host's; the analysis (`@linkworthy/core`) loads on its own thread, one
        // copy of it from `dist/`.
        build.onResolve(
          { filter: /^(astro|astro\/.*|@linkworthy\/core(\/markdown)?)$/ },
          (args) => ({
            path: args.path,
            external: true,
          }),
        );
        build.onResolve({ filter: FROM_DIST }, (args) => ({
          path: args.path.replace('./', '../dist/'),
          external: true,
        }));
      },
    },
  ],
});

// The thread's entry, where `build-thread.js` (now in the bundle) looks for it: beside itself.
mkdirSync(outdir, { recursive: true });
writeFileSync(
  `${outdir}/build-worker-start.js`,
  "// The analysis thread's entry is in dist/ (see scripts/bundle-astro.mjs).\nimport '../dist/build-worker-start.js';\n",
);
