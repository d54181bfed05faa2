import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSite, tempSite } from './helpers.js';

const SERVER = fileURLToPath(new URL('./lsp/server.mjs', import.meta.url));
const PLUGIN = fileURLToPath(
  new URL('../../packages/remark-plugin/dist/index.js', import.meta.url),
);

interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
  severity: number;
  code?: string;
  source?: string;
  codeDescription?: { href: string };
  data?: { expected?: string[] };
}

/** A minimal LSP client over stdio: JSON-RPC with Content-Length framing. */
class Client {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly diagnostics = new Map<string, Diagnostic[][]>();
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly server: ChildProcessWithoutNullStreams) {
    server.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Waits for diagnostics of `uri` that satisfy `test` (the latest published set). */
  async diagnosticsFor(uri: string, test: (list: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const latest = this.diagnostics.get(uri)?.at(-1);
      if (latest && test(latest)) return latest;
      if (Date.now() > deadline) {
        throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify(latest)}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  private send(message: unknown): void {
    const body = JSON.stringify(message);
    this.server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const length = Number(
        /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1],
      );
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString();
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(
        JSON.parse(body) as { id?: number; method?: string; params?: unknown; result?: unknown },
      );
    }
  }

  private handle(message: {
    id?: number;
    method?: string;
    params?: unknown;
    result?: unknown;
  }): void {
    if (message.method === undefined && message.id !== undefined) {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const { uri, diagnostics } = message.params as { uri: string; diagnostics: Diagnostic[] };
      const list = this.diagnostics.get(uri) ?? [];
      list.push(diagnostics);
      this.diagnostics.set(uri, list);
      for (const wake of this.waiters.splice(0)) wake();
      return;
    }
    // Requests from the server (configuration, capability registration): answer plainly.
    if (message.id !== undefined) {
      const result = message.method === 'workspace/configuration' ? [{}] : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    }
  }
}

const GUIDE = '# Guide\n\n## Installation\n\nSteps.\n';
const INDEX = '# Docs\n\nRead the [setup steps](./guide.md#setup).\n';
const NOTES = '# Notes\n\n## Method\n\nHow we measured.\n';
const POST = '# Post\n\nSee [the results](./notes.md#results).\n';
// The site's config, read by every surface: the linkability minimum score on, as a warning.
const CONFIG = JSON.stringify({ rules: { linkability: 'warn' } });

describe('remark-linkworthy in the unified language server (the editor)', () => {
  let root: string;
  let server: ChildProcessWithoutNullStreams;
  let client: Client;
  const uriOf = (file: string) => pathToFileURL(join(root, file)).href;
  const codes = (list: Diagnostic[]) => list.map((diagnostic) => diagnostic.code).sort();

  beforeAll(async () => {
    if (!existsSync(PLUGIN)) {
      throw new Error('packages/remark-plugin is not built: `npm test` builds before testing.');
    }
    root = await tempSite({
      'linkworthy.config.json': CONFIG,
      'index.md': INDEX,
      'guide.md': GUIDE,
      'notes.md': NOTES,
      'post.md': POST,
    });
    server = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root });
    client = new Client(server);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'site' }],
    });
    client.notify('initialized', {});
  });

  afterAll(async () => {
    server.kill();
    await removeSite(root);
  });

  it('reports a broken fragment into another file and a linkability finding', async () => {
    const uri = uriOf('index.md');
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: INDEX },
    });
    const diagnostics = await client.diagnosticsFor(uri, (list) => list.length > 0);
    expect(codes(diagnostics)).toEqual(['broken-fragment', 'linkability']);
    const fragment = diagnostics.find((diagnostic) => diagnostic.code === 'broken-fragment');
    expect(fragment).toMatchObject({
      source: 'linkworthy',
      severity: 1,
      range: { start: { line: 2, character: 23 } },
      codeDescription: { href: expect.stringContaining('docs/rules/broken-fragment.md') as string },
    });
    expect(fragment!.message).toContain('`#setup`');
    const linkability = diagnostics.find((diagnostic) => diagnostic.code === 'linkability');
    expect(linkability).toMatchObject({ source: 'linkworthy', severity: 2 });
    expect(linkability!.message).toMatch(/^Linkability `\d+`\/100/);
  });

  it('updates them when the linked file, never opened, changes on disk', async () => {
    const uri = uriOf('index.md');
    writeFileSync(join(root, 'guide.md'), '# Guide\n\n## Setup\n\nSteps.\n');
    client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('guide.md'), type: 2 }],
    });
    const diagnostics = await client.diagnosticsFor(
      uri,
      (list) => !codes(list).includes('broken-fragment'),
    );
    expect(codes(diagnostics)).toEqual(['linkability']);
  });

  it('updates them when the linked file is edited and saved in the editor', async () => {
    const uri = uriOf('post.md');
    const notes = uriOf('notes.md');
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: POST },
    });
    expect(
      codes(await client.diagnosticsFor(uri, (list) => codes(list).includes('broken-fragment'))),
    ).toEqual(['broken-fragment', 'linkability']);

    client.notify('textDocument/didOpen', {
      textDocument: { uri: notes, languageId: 'markdown', version: 1, text: NOTES },
    });
    const edited = `${NOTES}\n## Results\n\nThe numbers.\n`;
    client.notify('textDocument/didChange', {
      textDocument: { uri: notes, version: 2 },
      contentChanges: [{ text: edited }],
    });
    await client.diagnosticsFor(notes, () => true);
    // Saved: the file is on disk, and the client reports the change to the server.
    writeFileSync(join(root, 'notes.md'), edited);
    client.notify('textDocument/didSave', { textDocument: { uri: notes } });
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: notes, type: 2 }] });
    const diagnostics = await client.diagnosticsFor(
      uri,
      (list) => !codes(list).includes('broken-fragment'),
    );
    expect(codes(diagnostics)).toEqual(['linkability']);
  });
});
