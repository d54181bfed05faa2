import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PageFacts } from '../model/facts.js';
import { EXTRACTOR_VERSION, type ExtractResult } from './file.js';

interface CacheFile {
  version: number;
  entries: Record<string, { hash: string; facts: PageFacts }>;
}

/**
 * Facts of earlier runs, by file and content hash: an unchanged file is not parsed again. One
 * JSON file, read at the start of a run and written at the end.
 */
export class FactsCache {
  private entries = new Map<string, { hash: string; facts: PageFacts }>();

  private constructor(private readonly path: string) {}

  /** Opens the cache at `path`; a missing, unreadable or outdated cache starts empty. */
  static async open(path: string): Promise<FactsCache> {
    const cache = new FactsCache(path);
    try {
      const data = JSON.parse(await readFile(path, 'utf8')) as CacheFile;
      if (data.version === EXTRACTOR_VERSION) cache.entries = new Map(Object.entries(data.entries));
    } catch {
      // No cache yet, or one from another version: start empty.
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
    const entries: CacheFile['entries'] = {};
    for (const [key, entry] of this.entries) if (kept.has(key)) entries[key] = entry;
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(
      temporary,
      JSON.stringify({ version: EXTRACTOR_VERSION, entries } satisfies CacheFile),
    );
    await rename(temporary, this.path);
  }
}
