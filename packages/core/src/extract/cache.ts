import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { PageFacts } from '../model/facts.js';
import { EXTRACTOR_VERSION, type ExtractJob, type ExtractResult } from './file.js';

/**
 * The first line of a cache file. Every other line is one entry: `[key, hash, stamp]` (stamp
 * `null` when there is none), a tab, then the facts, so that an entry is known by its stat without
 * parsing its facts (JSON text never holds a raw tab).
 */
interface CacheHeader {
  format: 'linkworthy-cache';
  version: number;
  layout: typeof LAYOUT;
}

/** How entry lines are laid out; caches of another layout start empty. */
const LAYOUT = 2;
const TAB = 9;
const NEWLINE = Buffer.from('\n');

interface Entry {
  hash: string;
  /** The facts, once parsed; until then `raw` holds their JSON text. */
  facts?: PageFacts;
  raw?: Buffer;
  /** The file's stat when its facts were made (see {@link stampOf}); absent: check the hash. */
  stamp?: string;
  /** The entry's line in the file (0 = the first after the header); -1: not written yet. */
  line: number;
  /** Where the line starts in the file, and its length in bytes (without its newline). */
  at?: number;
  size?: number;
}

/** Where a written entry is in the file, with the stat it was cached with (see `factsAt`). */
export interface EntryLocation {
  stamp: string | null;
  at: number;
  size: number;
}

/**
 * A file modified this recently (by its mtime, against the clock when it is stat'ed) is not
 * trusted by its stat: a write in the same timestamp tick (a jiffy on Linux, 2 s on FAT) would
 * leave size and times as they were. Such files are hashed instead, like git's "racy" entries.
 */
const RACY_MS = 2000;
/** Lines are read and written in blocks of this many bytes. */
const BLOCK = 1 << 24;
/** Lines are written in blocks of about this many characters. */
const WRITE_BLOCK = 1 << 20;

/**
 * What a cached entry is trusted by, without reading the file: its size, modification and
 * change times and inode, with the settings its facts depend on. `undefined` when the file cannot
 * be stat'ed or was modified too recently to trust (see {@link RACY_MS}).
 */
export function stampOf(job: Pick<ExtractJob, 'path' | 'file' | 'terms'>, now: number) {
  let stats;
  try {
    stats = statSync(job.path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stats?.isFile() || stats.mtimeMs > now - RACY_MS) return undefined;
  const terms = job.terms === false ? 'no-terms' : 'terms';
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}:${terms}:${job.file}`;
}

/**
 * Facts of earlier runs, by file: an unchanged file is not read again, a file whose content is
 * unchanged is not parsed again. One file in JSON Lines (a header, then one entry per line), read
 * at the start of a run; entries are written line by line: the facts of 100,000 pages are longer
 * than the longest string V8 can hold, so the cache is never one string.
 *
 * A file is unchanged when its stat (size, mtime, ctime, inode) is the one cached with its facts:
 * then it is not even read (on a 10,000-page site, reading and hashing 456 MB again took more
 * than a second of CPU). The trade-off, as in git and rsync: a file rewritten with the same size
 * and the same times is taken as unchanged. Setting the mtime back (`touch -d`, `utimes`) changes
 * the ctime, so only a write within the same timestamp tick as the cached stat can do that; and
 * files modified in the last two seconds before the run are never trusted by their stat (a write
 * right after it could keep their times). A changed stat reads and hashes the file, and a content
 * hash that still matches skips parsing (after a rebuild that rewrote every file, say); the new
 * stat is then written only for few files (or entries that had none), so a generator that
 * rewrites every file on every build does not make each run rewrite the cache.
 *
 * New entries are appended to the file ({@link flush}), before the run changes any facts (a built
 * page adopts its source's infographics): the cache keeps facts as extracted. A run that changed
 * none writes nothing. The file is compacted (its live lines copied, never serialised again) once
 * superseded lines make up half of it, or a file is gone.
 */
export class FactsCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys whose entries are new or changed in this run and not written yet. */
  private readonly changed = new Set<string>();
  /** Keys whose content is unchanged but whose stat is new (the file was rewritten or touched). */
  private readonly restamped = new Set<string>();
  /** Stamps of files stat'ed in this run that did not match their entry's. */
  private readonly stamps = new Map<string, string>();
  /** Entry lines in the file (superseded and unreadable ones included); -1: no usable file. */
  private lines = -1;
  /** Whether the file read ends with a complete line (else the next append starts a new one). */
  private complete = true;
  /** Opened to append only ({@link appendTo}): the entries of the file were never read. */
  private appending = false;

  private constructor(private readonly path: string) {}

  /** Opens the cache at `path`; a missing, unreadable or outdated cache starts empty. */
  static open(path: string): FactsCache {
    const cache = new FactsCache(path);
    try {
      let header = true;
      cache.complete = eachLine(
        path,
        (line, at) => {
          if (header) {
            header = false;
            const parsed = JSON.parse(line.toString()) as Partial<CacheHeader>;
            if (
              parsed.format !== 'linkworthy-cache' ||
              parsed.version !== EXTRACTOR_VERSION ||
              parsed.layout !== LAYOUT
            ) {
              return false;
            }
            cache.lines = 0;
            return true;
          }
          const index = cache.lines++;
          const tab = line.indexOf(TAB);
          let head: [string, string, string | null];
          try {
            if (tab < 0) return true;
            head = JSON.parse(line.toString('utf8', 0, tab)) as typeof head;
          } catch {
            return true; // A line cut short (a run that was killed): the others still hold.
          }
          const [key, hash, stamp] = head;
          // A view of the block read (`eachLine` reads each into a new one): no copy.
          const raw = line.subarray(tab + 1);
          cache.entries.set(key, {
            hash,
            raw,
            ...(stamp ? { stamp } : {}),
            line: index,
            at,
            size: line.length,
          });
          return true;
        },
        true,
      );
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    if (cache.lines < 0) cache.entries.clear();
    return cache;
  }

  /**
   * The cache at `path` to add entries to, without reading those it has: for a run that knows
   * where the few entries it needs are ({@link locate}, {@link factsAt}). It holds only the
   * entries made in the run; superseded lines are left for the next full open to count.
   */
  static appendTo(path: string): FactsCache {
    const cache = new FactsCache(path);
    try {
      const fd = openSync(path, 'r');
      try {
        const size = fstatSync(fd).size;
        const start = Buffer.alloc(Math.min(size, 256));
        readSync(fd, start, 0, start.length, 0);
        const end = start.indexOf(10);
        const header = JSON.parse(start.toString('utf8', 0, end)) as Partial<CacheHeader>;
        if (
          header.format === 'linkworthy-cache' &&
          header.version === EXTRACTOR_VERSION &&
          header.layout === LAYOUT
        ) {
          const last = Buffer.alloc(1);
          readSync(fd, last, 0, 1, size - 1);
          cache.complete = last[0] === 10;
          cache.lines = 0;
          cache.appending = true;
        }
      } finally {
        closeSync(fd);
      }
    } catch {
      // No usable file: the first flush writes a new one.
    }
    return cache;
  }

  /**
   * The facts of the entry written at a {@link locate}d place, if it is still there and still the
   * one for `key` with content `hash`; read without reading the rest of the file.
   */
  static factsAt(
    path: string,
    location: EntryLocation,
    key: string,
    hash: string,
  ): PageFacts | undefined {
    try {
      const fd = openSync(path, 'r');
      const line = Buffer.allocUnsafe(location.size);
      try {
        if (readSync(fd, line, 0, location.size, location.at) !== location.size) return undefined;
      } finally {
        closeSync(fd);
      }
      const tab = line.indexOf(TAB);
      if (tab < 0) return undefined;
      const [entryKey, entryHash] = JSON.parse(line.toString('utf8', 0, tab)) as [string, string];
      if (entryKey !== key || entryHash !== hash) return undefined;
      return JSON.parse(line.toString('utf8', tab + 1)) as PageFacts;
    } catch {
      return undefined;
    }
  }

  /** Adds facts extracted apart from the cache (see {@link appendTo}), with the file's stat now. */
  add(
    key: string,
    job: Pick<ExtractJob, 'path' | 'file' | 'terms'>,
    hash: string,
    facts: PageFacts,
    now: number,
  ): void {
    const stamp = stampOf(job, now);
    this.entries.set(key, { hash, facts, ...(stamp === undefined ? {} : { stamp }), line: -1 });
    this.changed.add(key);
  }

  /** Where a file's entry is written, and the stat it was cached with; undefined if not written. */
  locate(key: string): EntryLocation | undefined {
    const entry = this.entries.get(key);
    if (entry?.at === undefined || entry.size === undefined) return undefined;
    return { stamp: entry.stamp ?? null, at: entry.at, size: entry.size };
  }

  /**
   * The cached facts of a file whose stat is unchanged (it is not read at all), else `undefined`
   * (the job then goes to extraction, with the cached hash: see {@link hashOf}).
   */
  fresh(key: string, job: Pick<ExtractJob, 'path' | 'file' | 'terms'>, now: number) {
    const entry = this.entries.get(key);
    const stamp = stampOf(job, now);
    if (stamp === undefined) return undefined;
    if (entry?.stamp === stamp) {
      const facts = factsOf(entry);
      if (facts) return facts;
    }
    this.stamps.set(key, stamp);
    return undefined;
  }

  hashOf(key: string): string | undefined {
    return this.entries.get(key)?.hash;
  }

  /** The facts for a result: the cached ones when the file is unchanged, else the new ones (kept). */
  resolve(key: string, result: ExtractResult): PageFacts | undefined {
    const stamp = this.stamps.get(key);
    if (result.unchanged) {
      const entry = this.entries.get(key);
      if (entry && stamp !== undefined && entry.stamp !== stamp) {
        // Rewritten with the same content: trust the new stat from now on. An entry that had no
        // stat (written while its file was too recent) is always written again with one.
        if (entry.stamp === undefined) this.changed.add(key);
        else this.restamped.add(key);
        entry.stamp = stamp;
      }
      return entry && factsOf(entry);
    }
    if (result.hash !== undefined) {
      this.entries.set(key, {
        hash: result.hash,
        facts: result.facts,
        ...(stamp === undefined ? {} : { stamp }),
        line: -1,
      });
      this.changed.add(key);
    }
    return result.facts;
  }

  /**
   * Writes the entries that are new since the last flush: appended to the file, or a new file
   * when there is no usable one. Call it before anything changes the facts extracted.
   */
  flush(): void {
    // Files touched but unchanged get their new stat written when they are few. A generator that
    // rewrites every file on every build (Astro) would make each run rewrite the whole cache, to
    // be stale again by the next build: those files are hashed, as before, and nothing is written.
    if (this.restamped.size * 10 <= this.entries.size) {
      for (const key of this.restamped) this.changed.add(key);
    }
    this.restamped.clear();
    if (this.changed.size === 0) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const fresh = this.lines < 0;
    const target = fresh ? this.temporary() : this.path;
    const fd = openSync(target, fresh ? 'w' : 'a');
    try {
      const out = new LineWriter(fd);
      if (fresh) {
        out.line(
          JSON.stringify({
            format: 'linkworthy-cache',
            version: EXTRACTOR_VERSION,
            layout: LAYOUT,
          } satisfies CacheHeader),
        );
        this.lines = 0;
      } else {
        out.position = fstatSync(fd).size;
        if (!this.complete) out.text('\n');
      }
      this.complete = true;
      for (const key of this.changed) {
        const entry = this.entries.get(key)!;
        const at = out.position;
        out.text(JSON.stringify([key, entry.hash, entry.stamp ?? null]));
        out.text('\t');
        out.line(entry.raw ?? JSON.stringify(entry.facts));
        entry.line = this.lines++;
        entry.at = at;
        entry.size = out.position - at - 1;
      }
      out.end();
    } finally {
      closeSync(fd);
    }
    this.changed.clear();
    if (fresh) renameSync(target, this.path);
  }

  /**
   * Writes what is left, and keeps only the given keys (files not seen in this run are gone): once a file is gone or superseded lines
   * make up half of the file, its live lines are copied to a new one.
   */
  save(keep: Iterable<string>): void {
    this.flush();
    if (this.appending) return;
    const kept = new Set(keep);
    let live = 0;
    for (const [key, entry] of this.entries) {
      if (kept.has(key) && entry.line >= 0) live++;
    }
    if (this.lines < 0 || (live === this.entries.size && this.lines <= 2 * live)) return;
    const wanted = new Uint8Array(this.lines);
    for (const [key, entry] of this.entries) {
      if (kept.has(key) && entry.line >= 0) wanted[entry.line] = 1;
    }
    const target = this.temporary();
    const fd = openSync(target, 'w');
    /** Where each kept line starts in the new file. */
    const starts = new Float64Array(this.lines);
    try {
      const out = new LineWriter(fd);
      let index = -1;
      eachLine(this.path, (line) => {
        if (index >= 0 && wanted[index] === 1) starts[index] = out.position;
        if (index < 0 || wanted[index] === 1) out.line(line);
        index++;
        return index < this.lines;
      });
      out.end();
    } catch (error) {
      closeSync(fd);
      rmSync(target, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(target, this.path);
    // The entries' lines in the new file.
    let next = 0;
    const moved = new Int32Array(this.lines);
    for (let line = 0; line < this.lines; line++) moved[line] = wanted[line] === 1 ? next++ : -1;
    for (const [key, entry] of this.entries) {
      if (!kept.has(key)) {
        this.entries.delete(key);
        continue;
      }
      if (entry.line >= 0) entry.at = starts[entry.line]!;
      entry.line = moved[entry.line]!;
    }
    this.lines = next;
  }

  private temporary(): string {
    return `${this.path}.${process.pid}.tmp`;
  }
}

/** An entry's facts, parsed from their text the first time they are asked for. */
function factsOf(entry: Entry): PageFacts | undefined {
  if (entry.facts === undefined && entry.raw !== undefined) {
    try {
      entry.facts = JSON.parse(entry.raw.toString()) as PageFacts;
    } catch {
      return undefined; // Cut short: the file is read and parsed again.
    }
    delete entry.raw;
  }
  return entry.facts;
}

/**
 * Calls `onLine` with each line of a file (without its newline) until it returns `false`; returns
 * whether the file ended with a newline. The file is read in blocks, never as one string. With
 * `keep`, each block is a new buffer, so lines stay valid after the call (they are views of it).
 */
function eachLine(
  path: string,
  onLine: (line: Buffer, at: number) => boolean,
  keep = false,
): boolean {
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafeSlow(BLOCK);
    let length = 0;
    /** Where the buffer's first byte is in the file. */
    let base = 0;
    for (;;) {
      if (length === buffer.length) {
        // A line longer than the block: grow it.
        const larger = Buffer.allocUnsafeSlow(buffer.length * 2);
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
      let start = 0;
      for (;;) {
        const end = buffer.indexOf(10, start);
        if (end < 0 || end >= length) break;
        if (end > start && !onLine(buffer.subarray(start, end), base + start)) return true;
        start = end + 1;
      }
      if (read === 0) {
        if (start < length) onLine(buffer.subarray(start, length), base + start);
        return start === length;
      }
      if (keep) {
        // The lines handed out keep this block: the rest of the last line starts a new one.
        const next = Buffer.allocUnsafeSlow(Math.max(BLOCK, (length - start) * 2));
        buffer.copy(next, 0, start, length);
        buffer = next;
      } else buffer.copy(buffer, 0, start, length);
      length -= start;
      base += start;
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes lines to a file descriptor in blocks. */
class LineWriter {
  private parts: Buffer[] = [];
  private size = 0;
  /** Where the next byte goes in the file (set it when appending to one). */
  position = 0;

  constructor(private readonly fd: number) {}

  line(line: string | Buffer): void {
    this.text(line);
    this.text(NEWLINE);
  }

  text(text: string | Buffer): void {
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    this.parts.push(bytes);
    this.size += bytes.length;
    this.position += bytes.length;
    if (this.size >= WRITE_BLOCK) this.end();
  }

  end(): void {
    if (this.parts.length === 0) return;
    const block = Buffer.concat(this.parts);
    let written = 0;
    while (written < block.length) {
      written += writeSync(this.fd, block, written, block.length - written);
    }
    this.parts = [];
    this.size = 0;
  }
}
