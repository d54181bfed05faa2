import {
  readdirSync,
  readFileSync,
  statSync,
  watch,
  type Dirent,
  type FSWatcher,
  type Stats,
} from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { extractFile, type ExtractJob, type ExtractResult } from './file.js';

/** An extraction that read the file (not one that found a cached hash unchanged). */
type Extracted = Extract<ExtractResult, { unchanged: false }>;
import type { PageFacts } from '../model/facts.js';
import { scanSource, type SourceFile } from '../site/lazy-sources.js';
import { toPosix } from '../util/files.js';

/** What identifies a file's content without reading it: its size and modification time. */
interface Stamp {
  size: number;
  mtimeMs: number;
}

const stampOf = (stats: Stats): Stamp => ({ size: stats.size, mtimeMs: stats.mtimeMs });
const sameStamp = (a: Stamp, b: Stamp) => a.size === b.size && a.mtimeMs === b.mtimeMs;

function stamp(path: string): Stamp | undefined {
  try {
    return stampOf(statSync(path));
  } catch {
    return undefined;
  }
}

/**
 * Facts extracted ahead of a run, while a host is still writing the files: the Astro integration
 * extracts each page as `astro build` writes it, on a thread of its own, so that the lint at the
 * end of the build only extracts what changed since. Each result is kept with the file's size and
 * modification time, taken before it was read; {@link take} hands it out only while the file
 * still has both (a write during or after the read changes one or the other). A file rewritten
 * with the same size within the file system's timestamp resolution would be missed: hosts use
 * this for files they are writing once, never for sources a person edits.
 */
export class PrefetchedFacts {
  private readonly entries = new Map<
    string,
    { stamp: Stamp; job: ExtractJob; result: Extracted }
  >();
  private readonly scans = new Map<string, { stamp: Stamp; source: SourceFile }>();

  /**
   * @param onExtracted Called with each page's fresh facts: work that needs only the page (its
   * linkability scorecard, say) can be done ahead too.
   */
  constructor(private readonly onExtracted?: (facts: PageFacts) => void) {}

  /** Extracts one file now (on this thread), unless its last extraction still holds. */
  async extract(job: ExtractJob): Promise<void> {
    const before = stamp(job.path);
    if (before === undefined) {
      this.entries.delete(job.path);
      return;
    }
    const known = this.entries.get(job.path);
    if (known && sameJob(known.job, job) && sameStamp(known.stamp, before)) return;
    // No content hash: the stamp decides, and a run with a facts cache extracts on its own.
    const result = await extractFile({ ...job, hash: false });
    if (result.unchanged) return;
    this.entries.set(job.path, { stamp: before, job, result });
    this.onExtracted?.(result.facts);
  }

  /** The extraction of `job`'s file, if the file has not changed since it was extracted. */
  take(job: ExtractJob): Extracted | undefined {
    const known = this.entries.get(job.path);
    if (!known || !sameJob(known.job, job)) return undefined;
    const now = stamp(job.path);
    return now !== undefined && sameStamp(now, known.stamp) ? known.result : undefined;
  }

  /**
   * Reads a Markdown source's text as a lazy run does ({@link scanSource}), now. Sources are
   * read ahead too: a lazy run reads every source's text to trace pages to it.
   */
  scan(path: string, file: string): void {
    const before = stamp(path);
    if (before === undefined) return;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return;
    }
    const after = stamp(path);
    if (after !== undefined && sameStamp(before, after)) {
      this.scans.set(path, { stamp: before, source: scanSource(path, file, text) });
    }
  }

  /** The scan of a source, if the file has not changed since it was read. */
  scanned(path: string, file: string): SourceFile | undefined {
    const known = this.scans.get(path);
    if (!known || known.source.file !== file) return undefined;
    const now = stamp(path);
    // A copy: the lazy run fills in what extraction finds (the slug).
    return now !== undefined && sameStamp(now, known.stamp) ? { ...known.source } : undefined;
  }

  /** The facts of every file held, in no particular order. */
  pages(): PageFacts[] {
    return [...this.entries.values()].map((entry) => entry.result.facts);
  }

  /** Whether facts of the file at `path` are held (changed since or not). */
  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** How many files are held. */
  get size(): number {
    return this.entries.size;
  }
}

function sameJob(a: ExtractJob, b: ExtractJob): boolean {
  return a.file === b.file && a.kind === b.kind && (a.terms ?? true) === (b.terms ?? true);
}

export interface OutputWatcher {
  /** Stops taking in writes and waits until every file seen so far is extracted. */
  stop(): Promise<void>;
  /**
   * Ends the watches. Apart from `stop`: closing 2,000 folders' watches takes about 15 ms, which
   * a host can spend after its analysis (they keep no process alive meanwhile).
   */
  close(): void;
}

/** The pause after the last write to a file before it is read: a page is written in one go. */
const SETTLE_MS = 25;
const HTML_FILE = /\.html?$/i;

/**
 * Watches a folder a host is writing HTML into (creating it if needed) and extracts each `.html`
 * file into `facts` shortly after it is written. Best effort: where a folder cannot be watched
 * (too many watches, say), its pages are not prefetched and the run extracts them; so is a file
 * written after {@link OutputWatcher.stop}.
 *
 * Each folder gets a watch of its own, added as the folder appears. Node's `recursive` watching
 * is not used: on Linux it watches every file by polling its stat, which on a 2,000-page build
 * took seconds of CPU time.
 */
export async function prefetchOutput(
  dir: string,
  facts: PrefetchedFacts,
  options: { terms: boolean; onError?: (error: Error) => void },
): Promise<OutputWatcher> {
  const pending = new Set<string>();
  const watchers = new Map<string, { watcher: FSWatcher; identity: string }>();
  let timer: NodeJS.Timeout | undefined;
  let draining = Promise.resolve();
  let stopped = false;
  let outOfWatches = false;

  /** Folders that appeared since the last drain: their `index.html` is read, if any. */
  const appeared = new Set<string>();

  const drain = () => {
    timer = undefined;
    const files = [...pending];
    const folders = [...appeared];
    pending.clear();
    appeared.clear();
    draining = draining
      .then(async () => {
        for (const file of files) {
          await facts.extract({
            path: join(dir, file),
            file,
            kind: 'html',
            ...(options.terms ? {} : { terms: false }),
          });
        }
        // A new folder without a page of its own is a section (`blog/`), possibly made in one
        // go with its first page's folder (`blog/first-post/`) before the watch began: it is
        // listed. Folders with a page are not: listing 2,000 page folders cost more than the
        // rest of the prefetch.
        for (const folder of folders) {
          if (!facts.has(join(dir, folder, 'index.html'))) watchFolder(folder, true);
        }
      })
      .catch((error: unknown) => options.onError?.(error as Error));
  };
  const queue = (file: string) => {
    pending.add(file);
    timer ??= setTimeout(drain, SETTLE_MS);
  };

  /** Watches `folder` (relative to `dir`), then reads what it already holds. */
  const watchFolder = (folder: string, scan: boolean) => {
    if (stopped || outOfWatches) return;
    const path = folder === '' ? dir : join(dir, folder);
    const identity = folderId(path);
    const known = watchers.get(folder);
    if (identity === undefined || (known && !scan)) {
      // Gone, or made again under the same name (Astro empties the build folder first; the new
      // folder may even get the old one's inode): the old watch sees nothing any more.
      known?.watcher.close();
      watchers.delete(folder);
      if (identity === undefined) return;
    } else if (known?.identity === identity) {
      list(folder);
      return;
    }
    const child = (name: string) => (folder === '' ? name : `${folder}/${name}`);
    let watcher: FSWatcher;
    try {
      watcher = watch(path, { persistent: false }, (event, name) => {
        if (stopped || typeof name !== 'string' || name === '') return;
        if (HTML_FILE.test(name)) queue(child(toPosix(name)));
        else if (event === 'rename') watchFolder(child(name), false);
      });
    } catch (error) {
      // Out of watches (ENOSPC): the folders not watched yet are left to the run.
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') outOfWatches = true;
      options.onError?.(error as Error);
      return;
    }
    watchers.set(folder, { watcher, identity });
    watcher.on('error', () => {
      // The folder was removed: its watch ends with it.
      watcher.close();
      if (watchers.get(folder)?.watcher === watcher) watchers.delete(folder);
    });
    if (!scan && !holdsFolders(path)) {
      // A folder that just appeared holds, as a rule, the one page written right after it was
      // made (Astro's `page/index.html`), before this watch began: see `drain`.
      appeared.add(folder);
      queue(child('index.html'));
      return;
    }
    // Folders made in one go with this one (`mkdir -p tags/beans`) before its watch began: their
    // pages would be missed, which cost an Astro build 8 pages extracted at the end (one per tag).
    list(folder);
  };

  /** Reads what a watched folder already holds: its pages, and its folders, watched in turn. */
  const list = (folder: string) => {
    const child = (name: string) => (folder === '' ? name : `${folder}/${name}`);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(folder === '' ? dir : join(dir, folder), { withFileTypes: true });
    } catch {
      // Removed already.
    }
    for (const entry of entries) {
      if (entry.isDirectory()) watchFolder(child(entry.name), true);
      else if (entry.isFile() && HTML_FILE.test(entry.name)) queue(child(entry.name));
    }
  };

  try {
    await mkdir(dir, { recursive: true });
    watchFolder('', true);
  } catch (error) {
    options.onError?.(error as Error);
  }

  return {
    async stop() {
      // Events of the last writes may still wait in the event loop: they are taken in first.
      await new Promise((resolve) => setImmediate(resolve));
      stopped = true;
      if (timer) clearTimeout(timer);
      drain();
      await draining;
    },
    close() {
      stopped = true;
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/**
 * Whether a folder may hold folders: on Linux a folder's link count is 2 plus one for each
 * folder in it, so 2 says it holds none. Other counts (file systems that keep none, 1; those
 * that count every entry) or no answer: it may.
 */
function holdsFolders(path: string): boolean {
  try {
    return statSync(path).nlink !== 2;
  } catch {
    return false;
  }
}

/** The device and inode of a folder; undefined for anything else, or nothing. */
function folderId(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}
