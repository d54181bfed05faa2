import { lstatSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isMainThread } from 'node:worker_threads';

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
  if (!isMainThread) return walkFilesSync(dir, root);
  const result: WalkResult = { files: [], skipped: [] };
  const realRoot = await realpath(root);
  const visited = new Set<string>();

  // Names are joined as the walk goes down: `path.relative` for every file cost more than listing.
  async function visit(folder: string, prefix: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      result.skipped.push({ file: prefix.slice(0, -1), reason: (error as Error).message });
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        const path = join(folder, entry.name);
        const name = prefix + entry.name;
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) await visit(path, `${name}/`);
        } else if (entry.isFile()) {
          result.files.push(name);
        } else if (entry.isSymbolicLink()) {
          const link = followLink(path, realRoot);
          if ('skipped' in link) result.skipped.push({ file: name, reason: link.skipped });
          else if (link.kind === 'file') result.files.push(name);
          else if (link.kind === 'folder' && !visited.has(link.target)) {
            visited.add(link.target);
            await visit(path, `${name}/`);
          }
        }
      }),
    );
  }

  visited.add(await realpath(dir));
  await visit(dir, '');
  return sorted(result);
}

/**
 * {@link walkFiles} in plain loops, for worker threads (where blocking blocks nobody): at the end
 * of `astro build`, whose analysis thread walks 2,000 page folders while the build waits, a
 * promise per folder and per entry cost more than the system calls.
 */
function walkFilesSync(dir: string, root: string): WalkResult {
  const result: WalkResult = { files: [], skipped: [] };
  const realRoot = realpathSync(root);
  const start = realpathSync(dir);
  const visited = new Set<string>([start]);
  /** Folders to list, each with its name relative to `dir` and a `/` (the root: none). */
  const folders: [string, string][] = [[dir, '']];
  for (let next = folders.pop(); next !== undefined; next = folders.pop()) {
    const [folder, prefix] = next;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      result.skipped.push({ file: prefix.slice(0, -1), reason: (error as Error).message });
      continue;
    }
    for (const entry of entries) {
      const name = prefix + entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) folders.push([join(folder, entry.name), `${name}/`]);
      } else if (entry.isFile()) {
        result.files.push(name);
      } else if (entry.isSymbolicLink()) {
        const path = join(folder, entry.name);
        const link = followLink(path, realRoot);
        if ('skipped' in link) result.skipped.push({ file: name, reason: link.skipped });
        else if (link.kind === 'file') result.files.push(name);
        else if (link.kind === 'folder' && !visited.has(link.target)) {
          visited.add(link.target);
          folders.push([path, `${name}/`]);
        }
      }
    }
  }
  return sorted(result);
}

/**
 * Where a symbolic link leads, if it stays inside the root (linkworthy never reads outside it).
 * Synchronous in both walks: links are rare in a site's folders.
 */
function followLink(
  path: string,
  realRoot: string,
): { skipped: string } | { target: string; kind: 'file' | 'folder' | 'other' } {
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    return { skipped: 'a symbolic link to nothing' };
  }
  if (target !== realRoot && !target.startsWith(realRoot + sep)) {
    return { skipped: 'a symbolic link to outside the site root' };
  }
  const stats = lstatSync(target);
  return { target, kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other' };
}

/** Files in code-point order, and what was skipped by file: the same for any walk order. */
function sorted(result: WalkResult): WalkResult {
  result.files.sort();
  result.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
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
