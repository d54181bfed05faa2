// An esbuild plugin for the bundles (scripts/bundle-*.mjs): zod's `z.locales` (its messages in
// about 40 languages, 370 KB of a 950 KB bundle) is never used by linkworthy, whose messages
// are its own; English, zod's default, is all a bundle keeps of it.
import { readFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

export const zodEnglish = {
  name: 'zod-english',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-english' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * For a bundle that runs in a process of its own (the CLI): zod compiles each object schema's
 * parser with `new Function` on first use, which pays for many parses and costs a run that
 * parses each config schema once (core parses them `jitless` for that reason); with `jitless`
 * set before any schema is made, zod also skips the `new Function` probe it makes then (about
 * 4 ms). Not for a bundle loaded into a host (the Astro integration): zod keeps this setting on
 * `globalThis`, where the host's own zod would see it.
 */
export const zodJitless = {
  name: 'zod-jitless',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/ }, async (args) => ({
      contents: `${await readFile(args.path, 'utf8')}\nglobalConfig.jitless = true;\n`,
      resolveDir: dirname(args.path),
    }));
  },
};
