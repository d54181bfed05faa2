import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { PageSummary } from './engine.js';
import type { EntryLocation } from './extract/cache.js';
import type { Finding } from './model/finding.js';
import { writeBuffers } from './util/write.js';

const FORMAT = 'linkworthy-run';
const VERSION = 3;
const NEWLINE = Buffer.from('\n');
const FIRST_LINE = Buffer.from(`${JSON.stringify({ format: FORMAT, version: VERSION })}\n`);

/** What the last run's analysis depended on besides its pages' facts. */
export interface RunInputs {
  /** Digest of the tool, its code, the settings, the rules and their options, the baseline. */
  signature: string;
  /** Digest of every file name of the output folder (pages, assets, unreadable files). */
  files: string;
  /** Non-page files the analysis read (`robots.txt`, sitemaps): digest of content, null if absent. */
  read: Record<string, string | null>;
}

/** The run as a whole: written after its pages, it makes them the current ones. */
interface RunRecord extends RunInputs {
  pages: number;
  links: number;
  /** Pages with findings, in report order (the order of their files). */
  order: number[];
  /** Findings about no page (placed in the baseline file, or nowhere), in report order. */
  unplaced: Finding[];
}

/**
 * Where a finding about a page was placed, as a path in the page's facts to the position it took
 * (`["links", 3, "position"]`); `[]` when it took none (the file alone); null when not known.
 */
export type Anchor = (string | number)[] | null;

/** One page of the last run. */
export interface RunPage {
  file: string;
  /** The content hash its facts were made from (the facts cache's). */
  hash: string;
  /** Where the facts cache holds them, and the stat it trusts the file by. */
  cached?: EntryLocation;
  /** Its `pages[]` entry without the scorecard (the report's `element` holds both). */
  summary: Omit<PageSummary, 'linkability'>;
  /** Its `pages[]` entry's text as the JSON report writes it (`pageJson`), in pieces… */
  element: readonly Buffer[];
  /** …of which this one (read back: a view of it) is its scorecard's text, if it has one. */
  scorecard?: Buffer;
  /** Its findings, in report order (all placed in its own file)… */
  findings: Finding[];
  /** …their texts as the JSON report writes them (`findingJson`)… */
  findingTexts: (readonly Buffer[])[];
  /** …and the fact each was placed at, to place it again when the page's lines move. */
  anchors: Anchor[];
  /** The record as it is in the file: written again as it is while the page is unchanged. */
  raw?: Buffer;
}

export interface LastRun extends Omit<RunRecord, 'pages'> {
  pages: RunPage[];
  /** The file's size, and how much of it later records superseded. */
  bytes: number;
  superseded: number;
}

/**
 * A run record, or a page's: its summary, where it is in the facts cache, then the lengths of
 * the texts that follow the line (the element, in which the scorecard starts where given, and each
 * finding's).
 */
type Record_ =
  | ['run', RunRecord]
  | [
      'page',
      index: number,
      file: string,
      hash: string,
      summary: RunPage['summary'],
      cached: EntryLocation | null,
      element: number,
      scorecard: [start: number, length: number] | null,
      findings: number[],
      anchors: Anchor[],
    ];

/** A digest for {@link RunInputs}: hex SHA-1 of the parts, each ended by a NUL. */
export function digest(parts: Iterable<string | Uint8Array>): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * The last run's analysis, kept beside the facts cache (`<cache>.run`) so that a run after a few
 * pages changed can check just those pages: each page's findings and `pages[]` entry (its
 * scorecard as JSON text, never parsed unless read) and what the analysis depended on. The
 * engine decides what may be kept (rules' `reads`); this file only stores it.
 *
 * A log: a format line, then records. A page's record is a JSON line (`["page", index, …]`, see
 * `Record_`) followed by its `pages[]` element's text and its findings' texts as the JSON report
 * writes them (a re-run joins them in as they are) and a newline; a run's record is a JSON line
 * (`["run", {…}]`). A run record commits the page records before it, so a write cut short leaves
 * the last whole run. A run that checked a few pages again appends their records and a run
 * record; once superseded records are half the file, the file is written anew from the live
 * records' bytes (nothing is serialised again).
 */
export const RunCache = {
  read(path: string): LastRun | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return undefined;
    }
    if (!bytes.subarray(0, FIRST_LINE.length).equals(FIRST_LINE)) return undefined;
    let run: RunRecord | undefined;
    let pages: RunPage[] = [];
    const pending = new Map<number, RunPage>();
    let superseded = 0;
    let sinceCommit = 0;
    let at = FIRST_LINE.length;
    /** Where the last run record ends: records after it belong to no whole run. */
    let committed = at;
    try {
      while (at < bytes.length) {
        const start = at;
        const end = bytes.indexOf(10, at);
        if (end < 0) break;
        const record = JSON.parse(bytes.toString('utf8', at, end)) as Record_;
        at = end + 1;
        if (record[0] === 'run') {
          if (run) superseded += sinceCommit;
          sinceCommit = end + 1 - start;
          run = record[1];
          const next = pages.slice(0, run.pages);
          for (const [index, page] of pending) {
            if (next[index]?.raw) superseded += next[index].raw.length;
            next[index] = page;
          }
          pages = next;
          pending.clear();
          committed = at;
          continue;
        }
        const [, index, file, hash, summary, cached, length, scorecard, findingLengths, anchors] =
          record;
        const total = findingLengths.reduce((sum, size) => sum + size, length);
        if (at + total >= bytes.length || bytes[at + total] !== 10) break;
        const element = bytes.subarray(at, at + length);
        at += length;
        const findings: Finding[] = [];
        const findingTexts: Buffer[][] = [];
        for (const size of findingLengths) {
          const text = bytes.subarray(at, at + size);
          findings.push(JSON.parse(text.toString()) as Finding);
          findingTexts.push([text]);
          at += size;
        }
        at++;
        const page: RunPage = {
          file,
          hash,
          summary,
          element: [element],
          findings,
          findingTexts,
          anchors,
          ...(cached ? { cached } : {}),
          ...(scorecard
            ? { scorecard: element.subarray(scorecard[0], scorecard[0] + scorecard[1]) }
            : {}),
        };
        page.raw = bytes.subarray(start, at);
        const earlier = pending.get(index);
        if (earlier?.raw) superseded += earlier.raw.length;
        pending.set(index, page);
      }
    } catch {
      // A record cut short: the last whole run stands.
    }
    if (!run || pages.length !== run.pages || pages.includes(undefined as never)) return undefined;
    return { ...withoutPages(run), pages, bytes: committed, superseded };
  },

  /**
   * Writes the run: the records of `changed` pages and a run record appended to the file `last`
   * was read from, or (no last run, or too much of the file superseded) a new file.
   */
  write(
    path: string,
    run: Omit<LastRun, 'bytes' | 'superseded'>,
    last?: LastRun,
    changed?: Iterable<number>,
  ): void {
    const header = (): Buffer => line(['run', { ...withoutPages(run), pages: run.pages.length }]);
    if (last && changed) {
      const parts: Buffer[] = [];
      let superseded = last.superseded;
      for (const index of changed) {
        parts.push(...record(index, run.pages[index]!));
        superseded += last.pages[index]?.raw?.length ?? 0;
      }
      parts.push(header());
      const added = parts.reduce((sum, part) => sum + part.length, 0);
      if (2 * (superseded + added) <= last.bytes + added) {
        const fd = openSync(path, 'r+');
        try {
          // Appended where the last whole run ends: records of a run cut short are dropped.
          const end = writeBuffers(fd, parts, last.bytes);
          if (fstatSync(fd).size > end) ftruncateSync(fd, end);
        } finally {
          closeSync(fd);
        }
        return;
      }
    }
    const parts: Buffer[] = [FIRST_LINE];
    for (const [index, page] of run.pages.entries()) {
      if (!page.raw) {
        parts.push(...record(index, page));
        continue;
      }
      const { raw } = page;
      const previous = parts[parts.length - 1]!;
      // Records read from one file and written back in order are one piece of it.
      if (
        previous.buffer === raw.buffer &&
        previous.byteOffset + previous.length === raw.byteOffset
      ) {
        parts[parts.length - 1] = Buffer.from(
          raw.buffer,
          previous.byteOffset,
          previous.length + raw.length,
        );
      } else parts.push(raw);
    }
    parts.push(header());
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeBuffers(fd, parts, 0);
    } catch (error) {
      closeSync(fd);
      rmSync(temporary, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temporary, path);
  },
};

function withoutPages(run: Omit<RunRecord, 'pages'>): Omit<RunRecord, 'pages'> {
  return {
    signature: run.signature,
    files: run.files,
    read: run.read,
    links: run.links,
    order: run.order,
    unplaced: run.unplaced,
  };
}

function line(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value)}\n`);
}

/** A page's record in pieces: its line, its element's and its findings' texts, a newline. */
function record(index: number, page: RunPage): Buffer[] {
  const { element, scorecard } = page;
  let length = 0;
  let start = -1;
  for (const piece of element) {
    if (piece === scorecard) start = length;
    length += piece.length;
  }
  // Read back, the element is one piece and the scorecard a view of it.
  if (scorecard && start < 0 && element.length === 1) {
    start = scorecard.byteOffset - element[0]!.byteOffset;
  }
  const head = line([
    'page',
    index,
    page.file,
    page.hash,
    page.summary,
    page.cached ?? null,
    length,
    scorecard && start >= 0 ? [start, scorecard.length] : null,
    page.findingTexts.map((pieces) => pieces.reduce((sum, piece) => sum + piece.length, 0)),
    page.anchors,
  ] satisfies Record_);
  return [head, ...element, ...page.findingTexts.flat(), NEWLINE];
}
