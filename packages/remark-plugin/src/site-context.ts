import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Dirent,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, matcher, type PageFacts } from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { relativeToRoot } from './files.js';

const MARKDOWN_FILE = /\.(md|mdx|markdown)$/i;

/** Files that mark a site root: the linkworthy config, a remark config, a package. */
const ROOT_MARKERS = [
  ...CONFIG_FILE_NAMES,
  '.remarkrc',
  '.remarkrc.json',
  '.remarkrc.js',
  '.remarkrc.cjs',
  '.remarkrc.mjs',
  '.remarkrc.yml',
  '.remarkrc.yaml',
  'package.json',
];

/**
 * The site root of a file when the `root` option is not given: the nearest folder, from the
 * file's own up to `cwd`, with a `linkworthy.config.*`, a `.remarkrc*` or a `package.json`; else
 * `cwd` (the folder remark-cli runs in, the editor's workspace folder). Never above `cwd`.
 */
export function findSiteRoot(cwd: string, file: string): string {
  const top = resolve(cwd);
  let folder = dirname(resolve(cwd, file));
  if (folder !== top && relativeToRoot(top, folder) === undefined) return top;
  for (;;) {
    if (ROOT_MARKERS.some((name) => existsSync(join(folder, name)))) return folder;
    if (folder === top) return top;
    const parent = dirname(folder);
    if (parent === folder) return top;
    folder = parent;
  }
}

interface Cached {
  mtimeMs: number;
  size: number;
  page: PageFacts;
  /** The page without its links, images and text: a link target, cheap to check rules over. */
  stub?: PageFacts;
}

/** The Markdown/MDX pages of one site root as on disk, and a counter that moves on any change. */
export interface DiskSite {
  /** File (relative to the root, `/`-separated) → facts, for every Markdown/MDX file found. */
  pages: ReadonlyMap<string, PageFacts>;
  /** Changes whenever a file was added, removed or changed since the previous read. */
  generation: number;
  /** The page without links, images or text (same object while the file is unchanged). */
  stubOf(file: string): PageFacts | undefined;
}

export interface SiteCacheOptions {
  /** Whether to extract terms (only `link-suggestion` reads them; they cost time). */
  terms?: boolean;
  /**
   * How old the last walk of the whole root may be before a read walks it again, in ms; reads in
   * between check only the files they are given (the files the open page links to). Default 1000.
   */
  rescanMs?: number;
}

/**
 * Facts of every Markdown/MDX file under a site root, cached by path, modification time and size
 * across runs: a read re-reads and re-extracts only the files that changed. This is how the
 * language server, which lints one open file at a time, sees the rest of the site. Every read
 * checks the files it is given (what the open page links to: its cross-file fragments are always
 * current); the whole root is walked and every file checked at most once per `rescanMs`, so
 * typing in a large site does not stat every file on every keystroke.
 */
export class SiteCache {
  private readonly files = new Map<string, Cached>();
  private generation = 0;
  /** When the whole root was last walked (`performance.now()`), and the files it found. */
  private lastWalk = Number.NEGATIVE_INFINITY;
  private walked = new Set<string>();

  /** The root with a trailing separator: file paths are appended to it (cheaper than `join`). */
  private readonly prefix: string;

  constructor(
    readonly root: string,
    private readonly options: SiteCacheOptions = {},
  ) {
    this.prefix = join(root, sep);
  }

  /**
   * Walks the root (skipping `node_modules`, hidden files and folders, and the patterns of a
   * `.remarkignore` in the root; never following symbolic links, so nothing outside the root is
   * read) and brings the cache up to date. `extra` are files that are checked on every read and
   * included even when the walk skips them (the files the checked pages link to). Files in `skip`
   * are not read now (the caller has them in memory: the files of the run); what the cache holds
   * for them is kept, and checked again when they are no longer skipped.
   */
  read(extra: Iterable<string> = [], skip: ReadonlySet<string> = new Set()): DiskSite {
    const seen = new Set(skip);
    let changed = false;
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const absolute = `${this.prefix}${file}`;
      let stats;
      try {
        // Symbolic links are not followed: nothing outside the root is read.
        stats = lstatSync(absolute);
      } catch {
        stats = undefined;
      }
      const cached = this.files.get(file);
      if (!stats?.isFile()) {
        // Gone (or no longer a plain file) since it was read.
        if (cached) changed = this.files.delete(file);
        return;
      }
      if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return;
      let text: string;
      try {
        text = readFileSync(absolute, 'utf8');
      } catch {
        return;
      }
      this.files.set(file, {
        mtimeMs: stats.mtimeMs,
        size: stats.size,
        page: extractMarkdown(text, { file, terms: this.options.terms ?? true }),
      });
      changed = true;
    };
    const now = performance.now();
    const walk = now - this.lastWalk >= (this.options.rescanMs ?? 1000);
    if (walk) {
      this.walked = new Set(this.walk());
      for (const file of this.walked) visit(file);
    }
    for (const file of extra) {
      if (seen.has(file) || !MARKDOWN_FILE.test(file)) continue;
      if (this.walked.has(file) || this.isInside(file)) visit(file);
    }
    if (walk) {
      for (const file of this.files.keys()) {
        if (seen.has(file)) continue;
        this.files.delete(file);
        changed = true;
      }
      // From the end of the walk: a slow walk of a huge root is not repeated on every read.
      this.lastWalk = performance.now();
    }
    if (changed) this.generation++;
    const files = this.files;
    const pages = new Map<string, PageFacts>();
    for (const [file, cached] of files) pages.set(file, cached.page);
    return {
      pages,
      generation: this.generation,
      stubOf(file) {
        const cached = files.get(file);
        if (!cached) return undefined;
        cached.stub ??= stub(cached.page);
        return cached.stub;
      },
    };
  }

  /** Whether a path given from outside the walk stays in the root, symbolic links resolved. */
  private isInside(file: string): boolean {
    if (file.split('/').includes('..')) return false;
    try {
      const real = realpathSync(join(this.root, ...file.split('/')));
      return relativeToRoot(realpathSync(this.root), real) !== undefined;
    } catch {
      return false;
    }
  }

  /** The files the last walk found, while it is recent (younger than `rescanMs`). */
  recentListing(): ReadonlySet<string> | undefined {
    const fresh = performance.now() - this.lastWalk < (this.options.rescanMs ?? 1000);
    return fresh ? this.walked : undefined;
  }

  /** The Markdown/MDX files under the root, relative to it. */
  private walk(): string[] {
    return listMarkdownFiles(this.root);
  }
}

/**
 * The Markdown/MDX files under a site root, relative to it with `/`: skips `node_modules`, hidden
 * files and folders and the patterns of a `.remarkignore` in the root, and never follows
 * symbolic links (everything listed is a plain file inside the root).
 */
export function listMarkdownFiles(root: string): string[] {
  const ignored = remarkIgnore(root);
  const found: string[] = [];
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder === '' ? root : join(root, folder), {
        withFileTypes: true,
      });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = folder === '' ? name : `${folder}/${name}`;
      if (entry.isDirectory()) {
        if (!ignored(path) && !ignored(`${path}/`)) folders.push(path);
      } else if (entry.isFile() && MARKDOWN_FILE.test(name) && !ignored(path)) {
        found.push(path);
      }
    }
  }
  return found;
}

/**
 * The page as a link target only: URL, title, ids, headings and metadata, but no links, images
 * or text. Rules about a page's own content then have nothing to do on it, while links into it
 * still resolve, fragments are still checked against its ids and did-you-means still find it.
 */
function stub(page: PageFacts): PageFacts {
  const { file, format, url, title, lang, meta, headings, ids, frontmatter, partial } = page;
  return {
    file,
    format,
    ...(url === undefined ? {} : { url }),
    ...(title === undefined ? {} : { title }),
    ...(lang === undefined ? {} : { lang }),
    meta,
    headings,
    ids,
    links: [],
    images: [],
    ...(frontmatter === undefined ? {} : { frontmatter }),
    wordCount: 0,
    problems: [],
    // Its ids are not all known (a build-time include): fragments into it cannot be checked.
    ...(partial === undefined ? {} : { partial }),
  };
}

/**
 * The patterns of `.remarkignore` in the root (gitignore syntax, as remark-cli reads it), as a
 * test of root-relative paths (folders end in `/`). Negations (`!`) are not supported.
 */
function remarkIgnore(root: string): (path: string) => boolean {
  let text: string;
  try {
    text = readFileSync(join(root, '.remarkignore'), 'utf8');
  } catch {
    return () => false;
  }
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const folderOnly = line.endsWith('/');
    const body = line.replace(/^\/|\/$/g, '');
    if (body === '') continue;
    // A pattern with a slash inside is anchored at the root; one without matches at any depth.
    const anchored = line.startsWith('/') || body.includes('/');
    const base = anchored ? body : `**/${body}`;
    globs.push(`${base}/`, `${base}/**`);
    if (!folderOnly) globs.push(base);
  }
  return matcher(globs);
}
