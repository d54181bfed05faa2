import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writevSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { PageSummary } from './engine.js';
import type { Finding } from './model/finding.js';

const FORMAT = 'linkworthy-run';
const VERSION = 1;
const NEWLINE = Buffer.from('\n');

/** What the last run's analysis depended on besides its pages' facts. */
export interface RunInputs {
  /** Digest of the tool, its code, the settings, the rules and their options, the baseline. */
  signature: string;
  /** Digest of every file name of the output folder (pages, assets, unreadable files). */
  files: string;
  /** Non-page files the analysis read (`robots.txt`, sitemaps): digest of content, null if absent. */
  read: Record<string, string | null>;
}

interface RunHeader extends RunInputs {
  format: typeof FORMAT;
  version: number;
  pages: number;
  links: number;
}

/** One page of the last run. */
export interface RunPage {
  file: string;
  /** The content hash its facts were made from (the facts cache's). */
  hash: string;
  /** Its `pages[]` entry without the scorecard. */
  summary: Omit<PageSummary, 'linkability'>;
  /** Its scorecard's JSON text as the report writes it. */
  scorecard?: Buffer;
  /** The record as it is in the file: written again as it is while the page is unchanged. */
  raw?: Buffer;
}

/** The last run's findings, in report order, each with the index of the page it is about (-1: none). */
export type RunFindings = [page: number, finding: Finding][];

export interface LastRun extends RunInputs {
  pages: RunPage[];
  links: number;
  findings: RunFindings;
}

/** A digest for {@link RunInputs}: hex SHA-1 of the parts, each ended by a NUL. */
export function digest(parts: Iterable<string | Uint8Array>): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * The last run's analysis, kept beside the facts cache (`<cache>.run`) so that a run after a few
 * pages changed can check just those pages: findings, `pages[]` entries (scorecards as their JSON
 * text, never parsed unless read) and what they depended on. The engine decides what may be
 * kept (rules' `reads`); this file only stores it. Layout: a header line, then per page a line
 * `[file, hash, summary, scorecard bytes]` and the scorecard's text and a newline, then one line
 * of findings. Unreadable or of another version: there is no last run.
 */
export const RunCache = {
  read(path: string): LastRun | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return undefined;
    }
    try {
      let at = 0;
      const line = () => {
        const end = bytes.indexOf(10, at);
        if (end < 0) throw new Error('cut short');
        const text = bytes.toString('utf8', at, end);
        at = end + 1;
        return text;
      };
      const header = JSON.parse(line()) as Partial<RunHeader>;
      if (header.format !== FORMAT || header.version !== VERSION) return undefined;
      const pages: RunPage[] = [];
      for (let index = 0; index < header.pages!; index++) {
        const start = at;
        const [file, hash, summary, length] = JSON.parse(line()) as [
          string,
          string,
          RunPage['summary'],
          number,
        ];
        const page: RunPage = { file, hash, summary };
        if (length >= 0) {
          page.scorecard = bytes.subarray(at, at + length);
          at += length;
        }
        if (bytes[at] !== 10) throw new Error('cut short');
        at++;
        page.raw = bytes.subarray(start, at);
        pages.push(page);
      }
      const findings = JSON.parse(line()) as RunFindings;
      return {
        signature: header.signature!,
        files: header.files!,
        read: header.read!,
        links: header.links!,
        pages,
        findings,
      };
    } catch {
      return undefined;
    }
  },

  /** Writes the run (a new file, renamed over the old one); unchanged pages' records are copied. */
  write(path: string, run: LastRun): void {
    const header: RunHeader = {
      format: FORMAT,
      version: VERSION,
      signature: run.signature,
      files: run.files,
      read: run.read,
      pages: run.pages.length,
      links: run.links,
    };
    const parts: Buffer[] = [Buffer.from(`${JSON.stringify(header)}\n`)];
    for (const page of run.pages) {
      const raw = page.raw ?? record(page);
      const last = parts[parts.length - 1]!;
      // Records read from one file and written back in order are one piece of it.
      if (last.buffer === raw.buffer && last.byteOffset + last.length === raw.byteOffset) {
        parts[parts.length - 1] = Buffer.from(
          raw.buffer,
          last.byteOffset,
          last.length + raw.length,
        );
      } else parts.push(raw);
    }
    parts.push(Buffer.from(JSON.stringify(run.findings)), NEWLINE);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      let pending = parts;
      while (pending.length > 0) {
        let written = writevSync(fd, pending);
        // A short write: go on from where it stopped.
        let next = 0;
        while (next < pending.length && written >= pending[next]!.length) {
          written -= pending[next]!.length;
          next++;
        }
        pending = pending.slice(next);
        if (written > 0) pending[0] = pending[0]!.subarray(written);
      }
    } catch (error) {
      closeSync(fd);
      rmSync(temporary, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temporary, path);
  },
};

function record(page: RunPage): Buffer {
  const head = JSON.stringify([page.file, page.hash, page.summary, page.scorecard?.length ?? -1]);
  return Buffer.concat([Buffer.from(`${head}\n`), page.scorecard ?? Buffer.alloc(0), NEWLINE]);
}
