// The analysis thread of `astro build` (see build-thread.ts): prefetches pages while Astro writes
// them, then runs the analysis when `astro:build:done` sends its input.
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError, prefetchBuild, type BuildPrefetch } from '@linkworthy/core';
import { analyseBuild, type BuildAnalysisInput } from './build-analysis.js';
import type { BuildThreadAnswer, BuildThreadInit, LogCall } from './build-thread.js';

const init = workerData as BuildThreadInit;
// A config error here is reported by the analysis itself, which reads the same config.
const prefetch: Promise<BuildPrefetch | undefined> = prefetchBuild({
  root: init.root,
  outDir: init.outDir,
  config: init.config,
  sources: init.sources,
}).catch(() => undefined);

/**
 * A rehearsal of the analysis on the pages built so far, when this many are in, while Astro
 * builds the rest (see `rehearse`). Its result is thrown away; what it leaves is compiled code
 * for the real analysis. One only: a second at 1,200–1,600 pages (250–350 ms on pages of 1,000–
 * 3,000 words) left the thread 100–400 pages behind Astro at the end of the build, which then
 * waited 100–150 ms longer (bench, realistic site), for no faster analysis.
 */
const REHEARSAL_AT = 300;
/** Set when the build is done: a rehearsal still running stops before its next rule. */
const build = { done: false };
const buildIsDone = () => build.done || Atomics.load(init.buildDone, 0) === 1;
const rehearsals: { pages: number; ms: number; done: boolean }[] = [];
/** Ends the wait between two looks at the page count at once when the build is done. */
let wakeUp: (() => void) | undefined;

const rehearsing = prefetch
  .then(async (prefetched) => {
    if (!prefetched || process.env.LINKWORTHY_REHEARSAL === '0') return;
    while (!buildIsDone() && rehearsals.length === 0) {
      // The build waits for this loop to end: a plain 100 ms sleep cost it 50 ms on average.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
      const pages = prefetched.facts.size;
      if (pages < REHEARSAL_AT || buildIsDone()) continue;
      const started = performance.now();
      const done = prefetched.rehearse(buildIsDone);
      rehearsals.push({ pages, ms: Math.round(performance.now() - started), done });
    }
  })
  .catch(() => undefined);

parentPort!.once('message', (input: BuildAnalysisInput) => {
  void answer(input).then(async (message) => {
    parentPort!.postMessage(message);
    // The build has its answer: what is left to tidy up need not hold it.
    (await prefetch)?.close();
  });
});

async function answer(input: BuildAnalysisInput): Promise<BuildThreadAnswer> {
  const logs: LogCall[] = [];
  const logger = {
    info: (message: string) => logs.push({ level: 'info', message }),
    warn: (message: string) => logs.push({ level: 'warn', message }),
    error: (message: string) => logs.push({ level: 'error', message }),
  };
  try {
    const started = performance.now();
    const cpu = process.threadCpuUsage();
    build.done = true;
    wakeUp?.();
    await rehearsing;
    const prefetched = await prefetch;
    const pagesAtDone = prefetched?.facts.size ?? 0;
    const stopping = performance.now();
    await prefetched?.stop();
    const stopMs = performance.now() - stopping;
    const prefetchedPages = prefetched?.facts.size ?? 0;
    const failure = await analyseBuild(input, logger, prefetched?.facts);
    // LINKWORTHY_TIMING=1 (as ESLint's TIMING): what the build waited for, and why.
    if (process.env.LINKWORTHY_TIMING) {
      const used = process.threadCpuUsage(cpu);
      const total = process.threadCpuUsage();
      logger.info(
        `linkworthy timing: analysis ${Math.round(performance.now() - started)} ms (${Math.round((used.user + used.system) / 1000)} ms CPU on its thread); ${prefetchedPages} pages extracted ahead, ${prefetchedPages - pagesAtDone} of them once the build was done (${Math.round(stopMs)} ms); rehearsals: ${rehearsals.map((run) => `${run.pages} pages ${run.ms} ms${run.done ? '' : ' (cancelled)'}`).join(', ') || 'none'}; ${Math.round((total.user + total.system) / 1000)} ms CPU on the thread in all`,
      );
    }
    return { type: 'done', logs, failure };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    return {
      type: 'error',
      logs,
      message,
      ...(stack ? { stack } : {}),
      configError: error instanceof ConfigError,
    };
  }
}
