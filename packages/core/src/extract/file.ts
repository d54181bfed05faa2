import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { emptyPage, type PageFacts } from '../model/facts.js';
import { compactFacts } from '../util/detach.js';
import { extractHtml, urlForBuiltFile } from './html.js';

/** Bumped whenever extraction changes what it produces: cached facts of older versions are dropped. */
export const EXTRACTOR_VERSION = 5;

/** One file to read into facts. Plain data: jobs cross to worker threads. */
export interface ExtractJob {
  /** Absolute path to read. */
  path: string;
  /** The page's `file` (relative to the site or output root, `/`-separated). */
  file: string;
  kind: 'html' | 'markdown';
  /** `false` skips the page's terms (only `link-suggestion` reads them; they cost time). */
  terms?: boolean;
  /** The content hash cached for this file, if any: when it still matches, facts are not rebuilt. */
  cachedHash?: string;
  /** Compute the content hash (only a run with a facts cache needs it). */
  hash?: boolean;
}

export type ExtractResult =
  | { file: string; hash: string; unchanged: true }
  | { file: string; hash?: string; unchanged: false; facts: PageFacts };

/** Reads one file and extracts its facts, unless its hash shows the cached facts still hold. */
export async function extractFile(
  job: ExtractJob,
  options: { detach?: boolean } = {},
): Promise<ExtractResult> {
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: extraction is CPU-bound on this thread anyway, and the promise API
    // costs four event-loop round trips (open, stat, read, close) per file.
    bytes = readFileSync(job.path);
  } catch (error) {
    return {
      file: job.file,
      unchanged: false,
      facts: unreadablePage(job.file, job.kind, (error as Error).message),
    };
  }
  const hash =
    job.hash || job.cachedHash !== undefined
      ? createHash('sha1')
          .update(`${EXTRACTOR_VERSION}\0${job.terms === false ? 'no-terms' : ''}\0${job.file}\0`)
          .update(bytes)
          .digest('hex')
      : undefined;
  if (hash !== undefined && hash === job.cachedHash) {
    return { file: job.file, hash, unchanged: true };
  }
  const facts =
    job.kind === 'html'
      ? extractHtml(bytes, { file: job.file, ...(job.terms === false ? { terms: false } : {}) })
      : (await markdownExtractor()).extractMarkdown(new TextDecoder().decode(bytes), {
          file: job.file,
          ...(job.terms === false ? { terms: false } : {}),
        });
  // Facts outlive the file's text: they must not keep slices of it (see compactFacts). Facts made
  // on a worker thread are copied to the main thread, string by string, which detaches them.
  compactFacts(facts, options.detach ?? true);
  return { file: job.file, ...(hash === undefined ? {} : { hash }), unchanged: false, facts };
}

/** The facts of a file that could not be read at all: a page with only a problem. */
export function unreadablePage(file: string, kind: 'html' | 'markdown', reason: string): PageFacts {
  const page = emptyPage(
    file,
    kind === 'html' ? 'html' : /\.mdx$/i.test(file) ? 'mdx' : 'markdown',
  );
  if (kind === 'html') page.url = urlForBuiltFile(file);
  page.partial = true;
  page.problems.push({ message: `The file could not be read: ${reason}.` });
  return page;
}

/** The Markdown stack (unified, micromark) is large: a worker that only sees HTML never loads it. */
function markdownExtractor(): Promise<typeof import('./markdown.js')> {
  return import('./markdown.js');
}
