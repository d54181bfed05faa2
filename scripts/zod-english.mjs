// An esbuild plugin for the bundles (scripts/bundle-*.mjs): zod's `z.locales` (its messages in
// about 40 languages, 370 KB of a 950 KB bundle) is never used by linkworthy, whose messages
// are its own; English, zod's default, is all a bundle keeps of it.
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
