import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { ConfigError } from './config/errors.js';
import { EXTRACTOR_VERSION } from './extract/file.js';
import type { PageFacts } from './model/facts.js';

/**
 * One shard of a built site's extraction (`linkworthy extract --shard i/n`): the facts of the
 * HTML files whose path hashes to this shard, the names of every file of the output folder that
 * hashes here, and the contents of the non-page files the site analysis reads (robots.txt,
 * `_redirects`, sitemaps, JSON). The shards of one build, merged, are everything a run needs:
 * `lint({ shards })` gives the same report as reading the folder.
 */
export interface FactsShard {
  format: typeof SHARD_FORMAT;
  /** The extractor version: shards of different versions do not merge. */
  version: number;
  /** 1-based shard index and the shard count. */
  shard: { index: number; count: number };
  /** Whether pages carry `terms` (only `link-suggestion` reads them). */
  terms: boolean;
  /** The site folder relative to the repository (`dist/`), for annotation paths; may be empty. */
  prefix?: string;
  /** Every file of the output folder in this shard, `/`-separated, relative to it. */
  files: string[];
  /** Entries of this shard that could not be read (unreadable folders, links outside the root). */
  skipped: { file: string; reason: string }[];
  /** Facts of this shard's HTML files. */
  pages: PageFacts[];
  /** Base64 contents of this shard's non-page files the analysis may read. */
  contents: Record<string, string>;
}

export const SHARD_FORMAT = 'linkworthy-facts';

/** Non-page files a Site reads through `readFile`: robots.txt, `_redirects`, sitemaps, JSON. */
const READ_BY_ANALYSIS = /(?:^|\/)(?:_redirects|robots\.txt)$|\.(?:xml|xml\.gz|json|txt)$/i;
/** Larger files are not carried in a facts file (a sitemap is at most 50 MB uncompressed). */
const MAX_CONTENT_BYTES = 64 * 1024 * 1024;

/** Whether the analysis may read `file` (relative to the output folder) and a shard keeps it. */
export function keptInShard(file: string, size: number): boolean {
  return size <= MAX_CONTENT_BYTES && READ_BY_ANALYSIS.test(file);
}

/**
 * The shard (1 … `count`) a file belongs to: FNV-1a of its path, so the split is the same on
 * every machine and every run, and about even.
 */
export function shardOf(file: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < file.length; index++) {
    hash = Math.imul(hash ^ file.charCodeAt(index), 0x01000193);
  }
  return ((hash >>> 0) % count) + 1;
}

/** Parses `i/n` (`--shard 2/8`); undefined when it is not a valid shard. */
export function parseShard(text: string): { index: number; count: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Writes a facts file, gzipped when the name ends in `.gz`: JSON Lines, the shard without its
 * pages on the first line, then one page per line. Never one string: the facts of 100,000
 * pages are longer than the longest string V8 can hold.
 */
export async function writeFactsShard(path: string, shard: FactsShard): Promise<void> {
  const file = createWriteStream(path);
  const gzip = /\.gz$/i.test(path) ? createGzip() : undefined;
  if (gzip) gzip.pipe(file);
  const out: Writable = gzip ?? file;
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const { pages, ...header } = shard;
  await write(JSON.stringify({ ...header, pageCount: pages.length }));
  for (const page of pages) await write(JSON.stringify(page));
  out.end();
  await finished(file);
}

/** Reads and checks a facts file (gzipped or not); a bad file is a `ConfigError` naming it. */
export async function readFactsShard(path: string, name = path): Promise<FactsShard> {
  const fail = (message: string) =>
    new ConfigError('options', [{ path: 'facts', message: `\`${name}\` ${message}` }]);
  const notFacts = () => fail('is not a facts file (`linkworthy extract` writes them).');
  let gzipped: boolean;
  try {
    const handle = await open(path);
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    await handle.close();
    gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
  } catch (error) {
    throw fail(`could not be read: ${(error as Error).message}.`);
  }
  const file = createReadStream(path);
  const input: Readable = gzipped ? file.pipe(createGunzip()) : file;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let shard: (Partial<FactsShard> & { pageCount?: number }) | undefined;
  const pages: PageFacts[] = [];
  try {
    for await (const line of lines) {
      if (line === '') continue;
      if (shard === undefined) {
        shard = JSON.parse(line) as Partial<FactsShard> & { pageCount?: number };
        if (shard.format !== SHARD_FORMAT || !shard.shard) throw notFacts();
        if (shard.version !== EXTRACTOR_VERSION) {
          throw fail(
            `was written by another version of linkworthy (facts version ${String(shard.version)}, this one reads ${EXTRACTOR_VERSION}); extract again.`,
          );
        }
      } else {
        pages.push(JSON.parse(line) as PageFacts);
      }
    }
  } catch (error) {
    file.destroy();
    if (error instanceof ConfigError) throw error;
    throw fail('is not a facts file (`linkworthy extract` writes them): it is not JSON Lines.');
  }
  if (shard === undefined) throw notFacts();
  if (shard.pageCount !== pages.length) {
    throw fail(`is incomplete: ${pages.length} of its ${String(shard.pageCount)} pages are there.`);
  }
  delete shard.pageCount;
  return { ...(shard as Omit<FactsShard, 'pages'>), pages };
}

/** What the analysis needs from the merged shards, in the order a direct run has it. */
export interface MergedShards {
  files: string[];
  skipped: { file: string; reason: string }[];
  pages: PageFacts[];
  terms: boolean;
  prefix: string | undefined;
  readFile: (file: string) => Uint8Array | undefined;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Checks that `shards` are all `count` shards of one extraction, exactly once each, and merges
 * them. Throws a `ConfigError` that names the missing or repeated shards.
 */
export function mergeShards(shards: readonly FactsShard[]): MergedShards {
  const problem = (message: string) => new ConfigError('options', [{ path: 'facts', message }]);
  if (shards.length === 0) throw problem('no facts files were given.');
  const count = shards[0]!.shard.count;
  const seen = new Set<number>();
  for (const shard of shards) {
    if (shard.shard.count !== count) {
      throw problem(
        `the facts files come from different splits (${count} and ${shard.shard.count} shards); give the shards of one \`--shard i/n\` run.`,
      );
    }
    if (seen.has(shard.shard.index)) {
      throw problem(`shard ${shard.shard.index}/${count} was given twice.`);
    }
    seen.add(shard.shard.index);
  }
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter(
    (index) => !seen.has(index),
  );
  if (missing.length > 0) {
    throw problem(
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; a merge needs all ${count}.`,
    );
  }
  const contents = new Map<string, string>();
  for (const shard of shards) {
    for (const [file, base64] of Object.entries(shard.contents)) contents.set(file, base64);
  }
  return {
    files: shards.flatMap((shard) => shard.files).sort(byCodeUnit),
    skipped: shards.flatMap((shard) => shard.skipped).sort((a, b) => byCodeUnit(a.file, b.file)),
    pages: shards.flatMap((shard) => shard.pages).sort((a, b) => byCodeUnit(a.file, b.file)),
    terms: shards.every((shard) => shard.terms),
    prefix: shards.find((shard) => shard.prefix !== undefined)?.prefix,
    readFile(file) {
      const base64 = contents.get(file);
      return base64 === undefined ? undefined : Buffer.from(base64, 'base64');
    },
  };
}
