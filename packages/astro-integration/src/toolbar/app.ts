/// <reference lib="dom" />
/**
 * The linkworthy Dev Toolbar app: the current page's findings, linkability score and infographic
 * embed code, in plain DOM. It runs in the browser and imports nothing: all the analysis happens
 * in the dev server (toolbar/server.ts), which answers with plain JSON.
 */
import type { DevPageReport } from './server.js';

/** The parts of Astro's toolbar helpers the app uses (typed here: no import of astro). */
interface AppEvents {
  onToggled(callback: (options: { state: boolean }) => void): void;
  toggleNotification(options: { state: boolean; level?: 'error' | 'warning' | 'info' }): void;
}
interface ServerHelpers {
  send(event: string, payload: unknown): void;
  on(event: string, callback: (payload: unknown) => void): void;
}

const REQUEST_EVENT = 'linkworthy:request';
const RESULT_EVENT = 'linkworthy:result';

const STYLE = `
:host { color-scheme: dark; }
.lw { font: 14px/1.45 system-ui, sans-serif; max-width: 46rem; max-height: 70vh; overflow: auto; }
.lw header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
.lw h2 { font-size: 1.1rem; margin: 0; }
.lw h3 { font-size: 0.95rem; margin: 1rem 0 0.4rem; }
.lw h4 { font-size: 0.9rem; margin: 0.6rem 0 0.3rem; }
.lw ul, .lw ol { margin: 0; padding-left: 1.2rem; }
.lw li { margin: 0.25rem 0; }
.lw .sev { display: inline-block; min-width: 3.2rem; font-weight: 600; text-transform: uppercase; font-size: 0.75rem; }
.lw .sev-error { color: #ff8a8a; } .lw .sev-warn { color: #ffd479; } .lw .sev-info { color: #9ecbff; }
.lw code, .lw textarea { font: 12px/1.4 ui-monospace, monospace; }
.lw .where { color: #c7c9d3; }
.lw .score { font-size: 1.6rem; font-weight: 700; }
.lw textarea { width: 100%; box-sizing: border-box; min-height: 5.5rem; background: #13151a; color: #e6e6e6; border: 1px solid #343841; border-radius: 4px; }
.lw button { font: inherit; cursor: pointer; background: #343841; color: #fff; border: 1px solid #4b505b; border-radius: 4px; padding: 0.2rem 0.7rem; }
.lw button:focus-visible, .lw a:focus-visible, .lw textarea:focus-visible { outline: 2px solid #9ecbff; outline-offset: 2px; }
.lw a { color: #9ecbff; }
.lw .notes { color: #c7c9d3; font-size: 0.85rem; }
`;

function element<K extends keyof HTMLElementTagNameMap>(
  name: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function isReport(value: unknown): value is DevPageReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    Array.isArray((value as { findings?: unknown }).findings)
  );
}

function whereOf(finding: DevPageReport['findings'][number]): string {
  if (finding.file !== undefined && finding.line !== undefined) {
    return `${finding.file}:${finding.line}:${finding.column ?? 1}`;
  }
  if (finding.file !== undefined) {
    return finding.htmlLine === undefined
      ? finding.file
      : `${finding.file} (served HTML, line ${finding.htmlLine})`;
  }
  return finding.htmlLine === undefined ? '' : `served HTML, line ${finding.htmlLine}`;
}

async function copy(text: string, textarea: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    textarea.focus();
    textarea.select();
    return false;
  }
}

function render(root: HTMLElement, report: DevPageReport): void {
  root.replaceChildren();
  if (report.error !== undefined) {
    root.append(element('p', { 'data-lw': 'error' }, report.error));
    return;
  }
  if (report.source !== undefined) {
    const from = element('p', { class: 'where' }, 'Made from ');
    from.append(element('code', {}, report.source));
    root.append(from);
  }

  const findings = element('section', {
    'aria-labelledby': 'lw-findings-title',
    'data-lw': 'findings',
  });
  const { errors, warnings, infos } = report.counts;
  findings.append(
    element(
      'h3',
      { id: 'lw-findings-title' },
      `Findings: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}`,
    ),
  );
  if (report.findings.length === 0) {
    findings.append(element('p', {}, 'Nothing to fix on this page.'));
  } else {
    const list = element('ul');
    const order = { error: 0, warn: 1, info: 2 };
    const sorted = [...report.findings].sort((a, b) => order[a.severity] - order[b.severity]);
    for (const finding of sorted) {
      const item = element('li', { 'data-lw': 'finding', 'data-rule': finding.ruleId });
      item.append(
        element('span', { class: `sev sev-${finding.severity}` }, finding.severity),
        ' ',
        element('span', { class: 'message' }, finding.message),
        ' ',
      );
      const docs = element('a', { href: finding.docs, target: '_blank', rel: 'noopener' });
      docs.textContent = finding.ruleId;
      item.append('(', docs, ')');
      const where = whereOf(finding);
      if (where) {
        item.append(element('br'), element('code', { class: 'where' }, where));
      }
      if (finding.note !== undefined) item.title = finding.note;
      list.append(item);
    }
    findings.append(list);
  }
  root.append(findings);

  const score = element('section', { 'aria-labelledby': 'lw-score-title', 'data-lw': 'score' });
  score.append(element('h3', { id: 'lw-score-title' }, 'Linkability'));
  if (report.linkability) {
    const line = element('p');
    line.append(
      element(
        'span',
        { class: 'score', 'data-lw': 'score-value' },
        String(report.linkability.score),
      ),
      ` / 100 · ${report.linkability.band} (${report.linkability.profile})`,
    );
    score.append(line);
    if (report.linkability.gains.length > 0) {
      score.append(element('h4', {}, 'Biggest gains'));
      const gains = element('ol', { 'data-lw': 'gains' });
      for (const gain of report.linkability.gains) {
        const item = element('li');
        item.append(element('code', {}, gain.id), ` +${gain.gain}: ${gain.fix}`);
        gains.append(item);
      }
      score.append(gains);
    }
  } else {
    score.append(element('p', {}, 'No score: the page has no content to score.'));
  }
  root.append(score);

  if (report.embeds.length > 0) {
    const embeds = element('section', {
      'aria-labelledby': 'lw-embeds-title',
      'data-lw': 'embeds',
    });
    embeds.append(element('h3', { id: 'lw-embeds-title' }, 'Embed code of the infographics'));
    report.embeds.forEach((embed, index) => {
      const id = `lw-embed-${index}`;
      embeds.append(element('h4', { id: `${id}-title` }, embed.title));
      const code = element('textarea', {
        readonly: '',
        rows: '4',
        'aria-labelledby': `${id}-title`,
        'data-lw': 'embed-code',
      });
      code.value = embed.code;
      const button = element('button', { type: 'button' }, 'Copy embed code');
      const status = element('span', { role: 'status', class: 'notes' });
      button.addEventListener('click', () => {
        void copy(embed.code, code).then((copied) => {
          status.textContent = copied ? ' Copied.' : ' Selected: press Ctrl+C (⌘C) to copy.';
        });
      });
      embeds.append(code, button, status);
    });
    root.append(embeds);
  }

  if (report.notes.length > 0) {
    const notes = element('ul', { class: 'notes', 'data-lw': 'notes' });
    for (const note of report.notes) notes.append(element('li', {}, note));
    root.append(notes);
  }
  root.append(element('p', { class: 'notes' }, `Checked in ${report.durationMs} ms.`));
}

export default {
  init(canvas: ShadowRoot, app: AppEvents, server: ServerHelpers): void {
    const style = element('style', {}, STYLE);
    const frame = document.createElement('astro-dev-toolbar-window');
    const wrapper = element('div', { class: 'lw', 'data-lw': 'app' });
    const header = element('header');
    const title = element('h2', {}, 'linkworthy');
    const refresh = element('button', { type: 'button', 'data-lw': 'refresh' }, 'Check again');
    header.append(title, refresh);
    const status = element('p', { role: 'status', 'aria-live': 'polite', 'data-lw': 'status' });
    const body = element('div', { 'data-lw': 'body' });
    wrapper.append(header, status, body);
    frame.append(wrapper);
    canvas.append(style, frame);

    // Answers may reach every open tab: each request carries this tab's token and a count.
    const tab = Math.random().toString(36).slice(2);
    let count = 0;
    let sent = '';
    const request = () => {
      sent = `${tab}:${++count}`;
      status.textContent = 'Checking this page…';
      server.send(REQUEST_EVENT, { id: sent, path: window.location.pathname });
    };
    server.on(RESULT_EVENT, (payload) => {
      if (!isReport(payload) || payload.id !== sent) return;
      const { errors, warnings } = payload.counts;
      status.textContent =
        payload.error === undefined
          ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')} on this page.`
          : 'The page could not be checked.';
      render(body, payload);
      app.toggleNotification(
        errors + warnings > 0
          ? { state: true, level: errors > 0 ? 'error' : 'warning' }
          : { state: false },
      );
    });
    refresh.addEventListener('click', request);
    app.onToggled(({ state }) => {
      if (state) request();
    });
    // Once at start, for the badge on the toolbar icon.
    request();
  },
};
