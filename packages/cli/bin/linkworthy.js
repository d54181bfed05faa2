#!/usr/bin/env node
import { statSync } from 'node:fs';
import module from 'node:module';

// Runs after the first load linkworthy from V8's compiled code (Node's compile cache, in the
// temporary folder, as tsc and Astro use it): about 60 ms less start-up per run.
module.enableCompileCache?.();

/** The bundle (`scripts/bundle-cli.mjs`): one module to load, not 290; unless `dist/` is newer. */
function entry() {
  const bundle = new URL('../bundle/linkworthy.js', import.meta.url);
  const dist = new URL('../dist/index.js', import.meta.url);
  const modified = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs;
  const bundled = modified(bundle);
  return bundled !== undefined && bundled >= (modified(dist) ?? 0) ? bundle.href : dist.href;
}

const { main } = await import(entry());

process.exitCode = await main(process.argv.slice(2));
