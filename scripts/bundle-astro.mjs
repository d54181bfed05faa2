// Bundles the Astro integration into `packages/astro-integration/bundle/`, the package's entry:
//
// - `index.js`, what Astro's own thread loads (the integration, its option validation from
//   `@linkworthy/core/setup`, zod in English). Every build loads it before any page is built, and
//   waits for it: about 180 modules took 55–80 ms on a build with cold disk caches, the bundle
//   25–35 ms (bench, 2,000-page site).
// - `build-worker-start.js`, the analysis thread, with `@linkworthy/core` (and `worker.js`, the
//   core's extraction worker, which it looks for beside itself). Loading 256 modules from `dist/`
//   took that thread about 270 ms of CPU during the build, 100 ms of it resolving their names,
//   on cores Astro is using.
//
// Shared code goes to chunks. Left in `dist/` and loaded from there: the analysis on Astro's
// thread where the analysis thread cannot run (`build-analysis.js`, with `@linkworthy/core` from
// `dist/`), and `astro dev`'s toolbar (`toolbar/hooks.js`, whose client script sits beside it).
// Run after `tsc -b` (`pnpm run build`).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zodEnglish } from './zod-english.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = here('../packages/astro-integration/bundle');
const entry = here('../packages/astro-integration/dist/index.js');

/** What Astro's thread loads only now and then: from `dist/` (`bundle/` sits beside it). */
const FROM_DIST = /^\.\/(toolbar\/hooks|build-analysis)\.js$/;

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    index: entry,
    'build-worker-start': here('../packages/astro-integration/dist/build-worker-start.js'),
    worker: here('../packages/core/dist/extract/worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies published as CommonJS call `require`; ESM has none of its own.
  banner: {
    js: "import { createRequire as __linkworthyRequire } from 'node:module'; const require = __linkworthyRequire(import.meta.url);",
  },
  logLevel: 'warning',
  legalComments: 'linked',
  plugins: [
    zodEnglish,
    {
      name: 'linkworthy-externals',
      setup(build) {
        build.onResolve({ filter: /^astro(\/.*)?$/ }, (args) => ({
          path: args.path,
          external: true,
        }));
        build.onResolve({ filter: FROM_DIST }, (args) =>
          args.importer === entry
            ? { path: args.path.replace('./', '../dist/'), external: true }
            : undefined,
        );
      },
    },
  ],
});
