import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  resolveFilePath,
  resolveHref,
  sourceFileCandidates,
  type PageFacts,
} from '@linkworthy/core';

const MARKDOWN_FILE = /\.(md|mdx|markdown)$/i;

/** Whether a file exists, per absolute path; one per run so an editor never sees stale answers. */
export type ExistenceCache = Map<string, Promise<boolean>>;

export interface LinkedFiles {
  /**
   * Files the page's relative links and images lead to that exist, relative to the root, as
   * the core's `Site` wants them in its `files` option (with aliases, see below).
   */
  existing: string[];
  /** The Markdown/MDX files among them that a link resolves to as a page, relative to the root. */
  markdown: string[];
}

/**
 * Checks, on disk, the files the page's file-relative links and images point at, trying the
 * same candidates as the core's `Site` (`x`, `x.md`, `x.mdx`, `x/index.md`, …), in the same order.
 * Only these paths can change a finding in source mode (root-relative links without a URL map
 * are never reported), so this replaces walking the whole root. Nothing outside the root is
 * touched: paths that climb above it are skipped, symbolic links out of it count as missing.
 */
export async function checkLinkedFiles(
  page: PageFacts,
  root: string,
  cache: ExistenceCache,
): Promise<LinkedFiles> {
  const existing = new Set<string>();
  const markdown = new Set<string>();
  const targets = new Set<string>();
  for (const href of [...page.links.map((link) => link.href), ...page.images.map((i) => i.src)]) {
    const target = resolveHref(href, undefined, { base: '/' });
    if (target.kind !== 'internal' || target.relativePath === undefined) continue;
    const path = resolveFilePath(page.file, target.relativePath);
    if (path !== undefined) targets.add(path);
  }

  await Promise.all(
    [...targets].map(async (path) => {
      for (const candidate of sourceFileCandidates(path)) {
        if (!(await exists(root, candidate, cache))) continue;
        existing.add(candidate);
        if (MARKDOWN_FILE.test(candidate)) markdown.add(candidate);
        return;
      }
    }),
  );
  return { existing: [...existing].sort(), markdown: [...markdown].sort() };
}

/** The path of `absolute` relative to `root` with `/`, or undefined when it is outside. */
export function relativeToRoot(root: string, absolute: string): string | undefined {
  const rel = relative(root, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function exists(root: string, file: string, cache: ExistenceCache): Promise<boolean> {
  const absolute = resolve(root, ...file.split('/'));
  let result = cache.get(absolute);
  if (!result) {
    result = isFileInside(root, absolute);
    cache.set(absolute, result);
  }
  return result;
}

async function isFileInside(root: string, absolute: string): Promise<boolean> {
  try {
    if (!(await stat(absolute)).isFile()) return false;
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(absolute)]);
    return relativeToRoot(realRoot, realFile) !== undefined;
  } catch {
    return false;
  }
}
