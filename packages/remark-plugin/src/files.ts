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
  /**
   * What is already known about a file (relative to the root) without touching the disk: `true`
   * when it is a plain file inside the root, undefined when unknown (then it is checked on disk).
   */
  known?: (file: string) => boolean | undefined,
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

  // Resolved once per page, not once per target.
  let realRoot: Promise<string> | undefined;
  const rootReal = () => (realRoot ??= realpath(root));
  await Promise.all(
    [...targets].map(async (path) => {
      for (const candidate of sourceFileCandidates(path)) {
        if (!(known?.(candidate) ?? (await exists(root, candidate, cache, rootReal)))) continue;
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

function exists(
  root: string,
  file: string,
  cache: ExistenceCache,
  realRoot: () => Promise<string>,
): Promise<boolean> {
  const absolute = resolve(root, ...file.split('/'));
  let result = cache.get(absolute);
  if (!result) {
    result = isFileInside(realRoot, absolute);
    cache.set(absolute, result);
  }
  return result;
}

async function isFileInside(realRoot: () => Promise<string>, absolute: string): Promise<boolean> {
  try {
    if (!(await stat(absolute)).isFile()) return false;
    const [rootPath, realFile] = await Promise.all([realRoot(), realpath(absolute)]);
    return relativeToRoot(rootPath, realFile) !== undefined;
  } catch {
    return false;
  }
}
