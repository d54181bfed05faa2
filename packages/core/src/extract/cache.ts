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
 *
 * A run that changed few entries appends them (a later line for a key replaces an earlier one)
 * instead of writing the whole file again, and a run that changed none writes nothing: on a
 * 10,000-page site, rewriting the 110 MB cache after one edit took a tenth of the re-run. The
 * file is written whole again once superseded lines make up half of it, or a file is gone.
 */
export class FactsCache {
  private entries = new Map<string, { hash: string; facts: PageFacts }>();
  /** Keys whose facts are new in this run: the lines an append writes. */
  private readonly changed = new Set<string>();
  /** Entry lines in the file as read (superseded ones included); -1: no usable file. */
  private lines = -1;

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
          cache.lines = 0;
          continue;
        }
        if (line === '') continue;
        const [key, hash, facts] = JSON.parse(line) as [string, string, PageFacts];
        cache.entries.set(key, { hash, facts });
        cache.lines++;
      }
    } catch {
      // No cache yet, or one from another version or format: start empty.
      cache.entries.clear();
      cache.lines = -1;
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
    if (result.hash !== undefined) {
      this.entries.set(key, { hash: result.hash, facts: result.facts });
      this.changed.add(key);
    }
    return result.facts;
  }

  /** Keeps only the given keys (files that no longer exist are dropped) and writes the cache. */
  async save(keep: Iterable<string>): Promise<void> {
    const kept = new Set(keep);
    let dropped = false;
    for (const key of this.entries.keys()) {
      if (!kept.has(key)) {
        dropped = true;
        break;
      }
    }
    if (!dropped && this.lines >= 0 && (this.lines + this.changed.size) / 2 <= this.entries.size) {
      if (this.changed.size === 0) return;
      const out = createWriteStream(this.path, { flags: 'a' });
      for (const key of this.changed) {
        const entry = this.entries.get(key)!;
        if (!out.write(`${JSON.stringify([key, entry.hash, entry.facts])}\n`))
          await once(out, 'drain');
      }
      out.end();
      await finished(out);
      return;
    }
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
