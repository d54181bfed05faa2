import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { LoggerLike } from '../format.js';
import { toPosix } from '../paths.js';
import {
  DevAnalyzer,
  REQUEST_EVENT,
  RESULT_EVENT,
  TOOLBAR_APP_ID,
  type DevProject,
  type DevSettings,
  type Fetched,
} from './server.js';

/** A link with a check mark: the app's icon on the toolbar. */
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7"/><path d="M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7"/></svg>';

/** Registers the toolbar app (`astro:config:setup`, `command === 'dev'`). */
export function registerToolbarApp(
  addDevToolbarApp:
    ((entry: { id: string; name: string; icon?: string; entrypoint: string }) => void) | undefined,
): void {
  addDevToolbarApp?.({
    id: TOOLBAR_APP_ID,
    name: 'linkworthy',
    icon: ICON,
    // The built client module next to this one (dist/toolbar/app.js).
    entrypoint: toPosix(fileURLToPath(new URL('./app.js', import.meta.url))),
  });
}

/** The parts of `astro:server:setup`'s parameters the toolbar uses. */
export interface ServerSetup {
  server: {
    httpServer?: { address(): AddressInfo | string | null } | null;
    watcher?: { on(event: string, callback: (file: string) => void): unknown };
  };
  toolbar: {
    on(event: string, callback: (payload: unknown, client?: unknown) => void): void;
    send(event: string, payload: unknown): void;
  };
  logger: LoggerLike;
}

/**
 * Answers the toolbar app (`astro:server:setup`): for each request it lints the page the browser
 * shows, as the dev server serves it, and sends back plain JSON.
 */
export function serveToolbar(
  { server, toolbar, logger }: ServerSetup,
  project: DevProject,
  settings: DevSettings,
  routes: () => DevAnalyzer['routes'],
): DevAnalyzer {
  const analyzer = new DevAnalyzer(project, settings, (path) => fetchFrom(server, path));
  for (const event of ['change', 'add', 'unlink']) {
    server.watcher?.on(event, (file) => {
      analyzer.invalidate(file);
    });
  }
  toolbar.on(REQUEST_EVENT, (payload, client) => {
    const { id, path } = (payload ?? {}) as { id?: unknown; path?: unknown };
    if (typeof id !== 'string' || typeof path !== 'string' || !path.startsWith('/')) return;
    analyzer.routes = routes();
    void analyzer.analyze(id, path).then((report) => {
      if (report.error !== undefined) logger.warn(`linkworthy: ${path}: ${report.error}`);
      // Answer the tab that asked when Vite gives its client; else every tab (ids tell them apart).
      const reply = client as { send?: (event: string, payload: unknown) => void } | undefined;
      if (typeof reply?.send === 'function') reply.send(RESULT_EVENT, report);
      else toolbar.send(RESULT_EVENT, report);
    });
  });
  return analyzer;
}

/** Fetches a path from the running dev server itself. */
async function fetchFrom(server: ServerSetup['server'], path: string): Promise<Fetched> {
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the dev server is not listening');
  const host =
    address.family === 'IPv6' || address.family === (6 as unknown as string)
      ? address.address === '::'
        ? '[::1]'
        : `[${address.address}]`
      : address.address === '0.0.0.0'
        ? '127.0.0.1'
        : address.address;
  const response = await fetch(`http://${host}:${address.port}${path}`, {
    headers: { accept: 'text/html,*/*', 'x-linkworthy': 'dev-toolbar' },
  });
  const body = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: (response.headers.get('content-type') ?? '').toLowerCase(),
    body,
    path: new URL(response.url).pathname,
  };
}
