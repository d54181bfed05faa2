import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractFile, type ExtractJob, type ExtractResult } from './file.js';
import { readTable, unpackResult, type StringTable, type TransferResult } from './transfer.js';

export interface ExtractAllOptions {
  /** Worker threads to use; 0 extracts on this thread. Default: one per core, for large sites. */
  threads?: number;
  /** Called with the number of files done so far: per file on this thread, per batch in workers. */
  onDone?: (done: number) => void;
  /**
   * Called with each result and its job's index as soon as it is there (workers answer a batch
   * at a time), in no particular order: work that needs only one page can be done while the
   * workers still extract the rest, instead of after all of them.
   */
  onResult?: (result: ExtractResult, index: number) => void;
}

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 1000;
/**
 * With two or three cores, workers pay from this many files (bench/README.md, "Worker threads
 * from 2,000 files"): seven runs each, alternating, two workers against this thread took 1.57
 * against 1.75 s on the realistic 2,000-page site and broke even on the light one (1.40 against
 * 1.41 s), while on the realistic 1,000-page one they were slower (1.05 against 0.98 s: starting
 * them and copying facts back costs more than the second core saves). Under load from other jobs
 * the second core is not free and they only break even.
 */
const MIN_FILES_FOR_WORKERS_FEW_CORES = 2000;
const BATCH_SIZE = 32;
const IN_THREAD_CONCURRENCY = 16;

/**
 * Extracts facts from every job, in parallel: worker threads for large sites (extraction is
 * CPU-bound, one file never depends on another), this thread for small ones. Results come back
 * in job order.
 */
export async function extractAll(
  jobs: readonly ExtractJob[],
  options: ExtractAllOptions = {},
): Promise<ExtractResult[]> {
  const workerScript = fileURLToPath(new URL('./worker.js', import.meta.url));
  const threads = options.threads ?? defaultThreads(jobs.length);
  // Running from TypeScript sources (tests) there is no compiled worker: stay on this thread.
  // Compiled or bundled, the worker is there (a missing one fails loudly, not slowly).
  if (threads <= 0 || import.meta.url.endsWith('.ts')) return inThread(jobs, options);

  const batches: ExtractJob[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH_SIZE)
    batches.push(jobs.slice(start, start + BATCH_SIZE));
  const results = new Array<ExtractResult[]>(batches.length);
  const workers = Array.from(
    { length: Math.min(threads, batches.length) },
    () => new Worker(workerScript),
  );
  let next = 0;
  let done = 0;
  /** What `onResult` threw: after the last batch was sent, rejecting would be too late. */
  let failure: { error: unknown } | undefined;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) {
                resolve();
                return;
              }
              const id = next++;
              worker.postMessage({ id, jobs: batches[id] });
            };
            type Answer = { id: number; results: TransferResult[]; strings: StringTable };
            worker.on('message', (message: Answer) => {
              const strings = readTable(message.strings);
              const batch = message.results.map((result) => unpackResult(result, strings));
              results[message.id] = batch;
              done += batch.length;
              options.onDone?.(done);
              // The next batch goes out first, so the worker is not kept waiting for `onResult`.
              send();
              if (!options.onResult) return;
              try {
                for (const [offset, result] of batch.entries())
                  options.onResult(result, message.id * BATCH_SIZE + offset);
              } catch (error) {
                failure ??= { error };
                reject(error instanceof Error ? error : new Error(String(error)));
              }
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (failure) throw failure.error;
  return results.flat();
}

async function inThread(
  jobs: readonly ExtractJob[],
  { onDone, onResult }: Pick<ExtractAllOptions, 'onDone' | 'onResult'>,
): Promise<ExtractResult[]> {
  const results = new Array<ExtractResult>(jobs.length);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(IN_THREAD_CONCURRENCY, jobs.length) }, async () => {
      while (next < jobs.length) {
        const index = next++;
        const result = await extractFile(jobs[index]!);
        results[index] = result;
        onDone?.(++done);
        onResult?.(result, index);
      }
    }),
  );
  return results;
}

/**
 * Workers for a run over `files` files: from four cores one per core but one (this thread reads
 * and merges), with two or three one per core on large sites (this thread only waits for them
 * while they extract), none on one core.
 */
export function defaultThreads(files: number, cores = availableParallelism()): number {
  if (cores >= 4) return files >= MIN_FILES_FOR_WORKERS ? cores - 1 : 0;
  if (cores >= 2) return files >= MIN_FILES_FOR_WORKERS_FEW_CORES ? cores : 0;
  return 0;
}
