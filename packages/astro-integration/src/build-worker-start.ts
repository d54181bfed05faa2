// Entry of the analysis thread (see build-thread.ts). Node's compile cache is per thread, and
// Astro turns it on only for its own: on here, the thread loads linkworthy from V8's cached code
// on every build after the first (about half the loading time), which leaves more of the cores
// to Astro. The analysis itself is in build-worker.ts, imported once the cache is on.
import module from 'node:module';

// Node 20 (Astro 5) has no compile cache.
if ('enableCompileCache' in module) module.enableCompileCache();
await import('./build-worker.js');
