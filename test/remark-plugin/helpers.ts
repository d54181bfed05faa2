import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import remarkLinkworthy, { type Options } from 'remark-linkworthy';
import {
  engine,
  type PluggableList,
  remark,
  remarkFrontmatter,
  type Context,
  type VFile,
  type VFileMessage,
} from './deps.js';

/** Writes `files` (path → text) into a new temporary folder and returns its path. */
export async function tempSite(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'remark-linkworthy-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

export function removeSite(root: string): Promise<void> {
  return rm(root, { recursive: true, force: true });
}

export interface EngineRun {
  code: 0 | 1 | undefined;
  context: Context;
  /** What the reporter wrote. */
  report: string;
}

/** Runs unified-engine the way remark-cli does, with the plugin given programmatically. */
export function runEngine(
  cwd: string,
  files: string[],
  options?: Options,
  extra: { frail?: boolean } = {},
): Promise<EngineRun> {
  const streamError = new PassThrough();
  let report = '';
  streamError.on('data', (chunk: Buffer) => (report += chunk.toString()));
  return new Promise((resolve, reject) => {
    engine(
      {
        processor: remark(),
        cwd,
        files,
        extensions: ['md'],
        // unified's `PluggableList` wants `Plugin<unknown[]>`, which no plugin with typed
        // options (remark-frontmatter included) satisfies.
        plugins: [
          [remarkFrontmatter, ['yaml']],
          options === undefined ? remarkLinkworthy : [remarkLinkworthy, options],
        ] as unknown as PluggableList,
        detectConfig: false,
        out: false,
        quiet: true,
        color: false,
        frail: extra.frail ?? false,
        streamError,
      },
      (error, code, context) => {
        if (error) reject(error);
        else if (!context) reject(new Error('unified-engine gave no context'));
        else resolve({ code, context, report });
      },
    );
  });
}

/** The file of a run whose path (relative to the cwd) is `path`. */
export function fileOf(files: readonly VFile[], path: string): VFile {
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no file \`${path}\` in ${files.map((f) => f.path).join(', ')}`);
  return file;
}

/** The messages of linkworthy on a file, as plain objects for readable assertions. */
export function linkworthyMessages(file: VFile) {
  return file.messages.filter((message) => message.source === 'linkworthy').map(summarize);
}

function summarize(message: VFileMessage) {
  return {
    ruleId: message.ruleId,
    source: message.source,
    line: message.line,
    column: message.column,
    fatal: message.fatal,
    actual: message.actual,
    expected: message.expected,
    url: message.url,
    reason: message.reason,
    note: message.note,
  };
}
