import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { PageFacts } from '../model/facts.js';
import { EXTRACTOR_VERSION, type ExtractResult } from './file.js';

/** The first line of a cache file; every other line is one `[key, hash, facts]` entry. */
interface CacheHeader {
  format: 'linkworthy-cache';
  version: number;
}

/**
 * Facts of earlier runs, by file and content hash: an unchanged file is not parsed again. One
 * file in JSON Lines (a header, then one entry per line), read at the start of a run and written
 * at the end, entry by entry: the facts of 100,000 pages are longer than the longest string V8
 * can hold, so the cache is never one string.
 */
export class FactsCache {
  private entries = new Map<string, { hash: string; facts: PageFacts }>();

  private constructor(private readonly path: string) {}

  /** Opens the cache at `path`; a missing, unreadable or outdated cache starts empty. */
  static async open(path: string): Promise<FactsCache> {
    const cache = new FactsCache(path);
    const input = createReadStream(path, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      let header: Partial<CacheHeader> | undefined;
      for await (const line of lines) {
        if (header === undefined) {
          header = JSON.parse(line) as Partial<CacheHeader>;
          if (header.format !== 'linkworthy-cache' || header.version !== EXTRACTOR_VERSION) break;
          continue;
        }
        if (line === '') continue;
        const [key, hash, facts] = JSON.parse(line) as [string, string, PageFacts];
        cache.entries.set(key, { hash, facts });
      }
    } catch {
      // No cache yet, or one from another version or format: start empty.
      cache.entries.clear();
    } finally {
      input.destroy();
    }
    return cache;
  }

  hashOf(key: string): string | undefined {
    return this.entries.get(key)?.hash;
  }

  /** The facts for a result: the cached ones when the file is unchanged, else the new ones (kept). */
  resolve(key: string, result: ExtractResult): PageFacts | undefined {
    if (result.unchanged) return this.entries.get(key)?.facts;
    if (result.hash !== undefined)
      this.entries.set(key, { hash: result.hash, facts: result.facts });
    return result.facts;
  }

  /** Keeps only the given keys (files that no longer exist are dropped) and writes the cache. */
  async save(keep: Iterable<string>): Promise<void> {
    const kept = new Set(keep);
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const out = createWriteStream(temporary);
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    };
    await write(
      JSON.stringify({
        format: 'linkworthy-cache',
        version: EXTRACTOR_VERSION,
      } satisfies CacheHeader),
    );
    for (const [key, entry] of this.entries) {
      if (kept.has(key)) await write(JSON.stringify([key, entry.hash, entry.facts]));
    }
    out.end();
    await finished(out);
    await rename(temporary, this.path);
  }
}
