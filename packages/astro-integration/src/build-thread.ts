import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { UserConfig } from '@linkworthy/core';
import type { BuildAnalysisInput, BuildFailure } from './build-analysis.js';
import type { LoggerLike } from './format.js';

/** What the analysis thread is started with (plain data). */
export interface BuildThreadInit {
  root: string;
  /** The build folder, as a path: pages are extracted as Astro writes them there. */
  outDir: string;
  /** The config the lint will get (`buildLintConfig`), so pages are extracted alike. */
  config: UserConfig;
  /** The Markdown source folders, relative to the root: their texts are read ahead. */
  sources: string[];
  /**
   * Set to 1 (`Atomics.store`) when the build is done. The thread may be in the middle of a
   * rehearsal then, which cannot see a message before it ends: it reads this between steps.
   */
  buildDone: Int32Array;
}

/** One call of the thread's logger, replayed on Astro's. */
export interface LogCall {
  level: keyof LoggerLike;
  message: string;
}

/** What the thread answers to `analyse`. */
export type BuildThreadAnswer =
  | { type: 'done'; logs: LogCall[]; failure: BuildFailure | undefined }
  | { type: 'error'; logs: LogCall[]; message: string; stack?: string; configError: boolean };

/** A configuration error found on the analysis thread (a `ConfigError` there). */
export class ThreadConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The analysis of `astro build` on a thread of its own. Started when the build starts, it loads
 * linkworthy and extracts each page while Astro renders the next ones (Astro's rendering keeps
 * one core busy; the thread takes the other), so that `astro:build:done` only waits for what
 * needs every page: the link graph, the rules and the reports.
 */
export class BuildThread {
  private failed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly buildDone: Int32Array,
  ) {
    // Never keeps the process alive: a build that fails before `astro:build:done` exits as usual.
    worker.unref();
    worker.on('error', () => {
      this.failed = true;
    });
  }

  /** Starts the thread; undefined when it cannot run here (sources run by a test runner). */
  static start(init: Omit<BuildThreadInit, 'buildDone'>): BuildThread | undefined {
    const script = fileURLToPath(new URL('./build-worker-start.js', import.meta.url));
    if (!existsSync(script)) return undefined;
    const buildDone = new Int32Array(new SharedArrayBuffer(4));
    try {
      return new BuildThread(
        new Worker(script, { workerData: { ...init, buildDone } satisfies BuildThreadInit }),
        buildDone,
      );
    } catch {
      return undefined;
    }
  }

  /** Tells the thread at once that the build is done: a rehearsal under way stops early. */
  done(): void {
    Atomics.store(this.buildDone, 0, 1);
  }

  /**
   * Runs the analysis on the thread and replays its log on `logger`; undefined when the thread
   * died (the caller then analyses on its own thread). Rejects as `analyseBuild` would.
   */
  async analyse(
    input: BuildAnalysisInput,
    logger: LoggerLike,
  ): Promise<{ failure: BuildFailure | undefined } | undefined> {
    this.done();
    if (this.failed) return undefined;
    const { worker } = this;
    worker.ref();
    const answer = await new Promise<BuildThreadAnswer | undefined>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', () => {
        resolve(undefined);
      });
      worker.once('exit', () => {
        resolve(undefined);
      });
      worker.postMessage(input);
    });
    void worker.terminate();
    if (!answer) return undefined;
    for (const call of answer.logs) logger[call.level](call.message);
    if (answer.type === 'done') return { failure: answer.failure };
    if (answer.configError) throw new ThreadConfigError(answer.message);
    const error = new Error(answer.message);
    if (answer.stack) error.stack = answer.stack;
    throw error;
  }

  /** Stops the thread without an analysis. */
  stop(): void {
    void this.worker.terminate();
  }
}
