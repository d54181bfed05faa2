import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkFiles, type WalkResult } from '../../packages/core/src/util/files.js';

// `walkFiles` walks with promises on the main thread and in plain loops on worker threads (the
// Astro integration's analysis thread): both must list the same files and skip the same links.

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'linkworthy-walk-'));
  const outside = mkdtempSync(join(tmpdir(), 'linkworthy-walk-outside-'));
  writeFileSync(join(outside, 'secret.html'), '<p>secret</p>');
  const site = join(root, 'site');
  for (const folder of ['a/b/c', 'a/d', 'node_modules/x', '.git', 'e']) {
    mkdirSync(join(site, folder), { recursive: true });
  }
  for (const file of ['index.html', 'a/index.html', 'a/b/c/deep.html', 'a/d/x.css', 'e/z.txt']) {
    writeFileSync(join(site, file), 'x');
  }
  writeFileSync(join(site, 'node_modules/x/skipped.html'), 'x');
  writeFileSync(join(root, 'beside.html'), 'x');
  symlinkSync(join(site, 'a/index.html'), join(site, 'alias.html'));
  symlinkSync(join(site, 'a'), join(site, 'e/loop'));
  symlinkSync(join(root, 'beside.html'), join(site, 'beside.html'));
  symlinkSync(join(outside, 'secret.html'), join(site, 'secret.html'));
  symlinkSync(join(site, 'missing.html'), join(site, 'dangling.html'));
  return () => {
    rmSync(outside, { recursive: true, force: true });
  };
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function walkOnWorker(dir: string, rootDir: string): Promise<WalkResult> {
  const module = pathToFileURL(join(import.meta.dirname, '../../packages/core/src/util/files.ts'));
  const worker = new Worker(
    `import('${module.href}').then(async ({ walkFiles }) => {
      const { parentPort, workerData } = await import('node:worker_threads');
      parentPort.postMessage(await walkFiles(workerData.dir, workerData.root));
    });`,
    { eval: true, workerData: { dir, root: rootDir } },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (result: WalkResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

describe('walkFiles', () => {
  it('lists files, follows links inside the root once and skips the others', async () => {
    const site = join(root, 'site');
    const walked = await walkFiles(site, root);
    expect(walked.files).toEqual([
      'a/b/c/deep.html',
      'a/d/x.css',
      'a/index.html',
      'alias.html',
      'beside.html',
      'e/loop/b/c/deep.html',
      'e/loop/d/x.css',
      'e/loop/index.html',
      'e/z.txt',
      'index.html',
    ]);
    expect(walked.skipped).toEqual([
      { file: 'dangling.html', reason: 'a symbolic link to nothing' },
      { file: 'secret.html', reason: 'a symbolic link to outside the site root' },
    ]);
  });

  it('gives the same result on a worker thread', async () => {
    const site = join(root, 'site');
    expect(await walkOnWorker(site, root)).toEqual(await walkFiles(site, root));
    // With the site as the root, the link to a file beside it leads outside.
    expect(await walkOnWorker(site, site)).toEqual(await walkFiles(site, site));
    expect((await walkOnWorker(site, site)).skipped.map((entry) => entry.file)).toContain(
      'beside.html',
    );
  });
});
