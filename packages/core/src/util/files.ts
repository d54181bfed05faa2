import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import * as promises from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * The file system calls of a walk. On a worker thread they are made synchronously: blocking it
 * blocks nobody, and each asynchronous call costs a round trip through libuv's thread pool,
 * which on a build folder of 2,000 page folders took twice as long.
 */
const fs = isMainThread
  ? { readdir: promises.readdir, realpath: promises.realpath, lstat: promises.lstat }
  : {
      readdir: (path: string, options: { withFileTypes: true }) =>
        settle(() => readdirSync(path, options)),
      realpath: (path: string) => settle(() => realpathSync(path)),
      lstat: (path: string) => settle(() => lstatSync(path)),
    };

/** The call's result, or its error as a rejection, as the promise API gives them. */
function settle<T>(call: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(call());
  });
}

export interface WalkResult {
  /** Files found, relative to the walked folder, `/`-separated. */
  files: string[];
  /** Entries that were not followed, with the reason (a link out of the root, unreadable). */
  skipped: { file: string; reason: string }[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.linkworthy-cache']);

/**
 * Lists every file under `dir`. Symbolic links are followed only when they stay inside `root`:
 * linkworthy never reads outside the site root.
 */
export async function walkFiles(dir: string, root: string): Promise<WalkResult> {
  const result: WalkResult = { files: [], skipped: [] };
  const realRoot = await fs.realpath(root);
  const visited = new Set<string>();

  async function visit(folder: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      result.skipped.push({
        file: toPosix(relative(dir, folder)),
        reason: (error as Error).message,
      });
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        const path = join(folder, entry.name);
        const name = toPosix(relative(dir, path));
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) await visit(path);
        } else if (entry.isFile()) {
          result.files.push(name);
        } else if (entry.isSymbolicLink()) {
          let target: string;
          try {
            target = await fs.realpath(path);
          } catch {
            result.skipped.push({ file: name, reason: 'a symbolic link to nothing' });
            return;
          }
          if (target !== realRoot && !target.startsWith(realRoot + sep)) {
            result.skipped.push({ file: name, reason: 'a symbolic link to outside the site root' });
            return;
          }
          const stats = await fs.lstat(target);
          if (stats.isFile()) result.files.push(name);
          else if (stats.isDirectory() && !visited.has(target)) {
            visited.add(target);
            await visit(path);
          }
        }
      }),
    );
  }

  visited.add(await fs.realpath(dir));
  await visit(dir);
  result.files.sort();
  return result;
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** True when `path` is `root` or inside it (both absolute and resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}
