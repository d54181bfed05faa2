import type { GeneratedEmbed } from '../embed/generate.js';
import type { LintReport, PageSummary } from '../engine.js';
import { siteGraph } from '../site/graph.js';
import type { Site } from '../site/site.js';
import { REPORT_SCRIPT } from './html-script.js';

export interface HtmlOptions {
  /**
   * The site's links between pages, as `[from, to]` indexes into `report.pages` (see
   * {@link reportLinks}); the link graph and the drill-down lists need them. Without them the
   * graph shows the pages alone.
   */
  links?: readonly (readonly [number, number])[];
  /** The report's title (default: `linkworthy report`). */
  title?: string;
  /** The site's infographics for the gallery (see {@link reportInfographics}). */
  infographics?: readonly ReportInfographic[];
}

/** An infographic in the report's gallery. */
export interface ReportInfographic {
  title: string;
  /** The page that shows it (absolute https URL or URL path). */
  page: string;
  /** The embed code others paste (HTML; shown as text in a read-only textarea). */
  code: string;
  /**
   * The thumbnail: the stable image's URL path on the site (`/embed/chart.png`), shown when the
   * report is served from the built site. Other URLs are dropped (the report makes no requests
   * elsewhere).
   */
  image?: string;
}

/**
 * The gallery entries for a linted site: the embed codes its pages show in copy boxes, titled by
 * the page's infographic (else the code's image alt, else the page title).
 */
export function siteInfographics(site: Site): ReportInfographic[] {
  const entries: ReportInfographic[] = [];
  for (const page of site.pages) {
    const codes = page.embedCodes?.filter((item) => item.code !== undefined) ?? [];
    codes.forEach((item, index) => {
      const image = item.images[0];
      let path: string | undefined;
      try {
        path = image ? new URL(image.src, 'https://report.invalid/').pathname : undefined;
      } catch {
        path = undefined;
      }
      entries.push({
        title:
          page.infographics?.[index]?.title ?? image?.alt ?? page.title ?? page.url ?? page.file,
        page: page.url ?? page.file,
        code: item.code!,
        ...(path === undefined ? {} : { image: path }),
      });
    });
  }
  return entries;
}

/** The gallery entries for the infographics {@link generateEmbeds} made embeddable. */
export function reportInfographics(embeds: readonly GeneratedEmbed[]): ReportInfographic[] {
  return embeds.map((embed) => ({
    title: embed.title,
    page: embed.artifacts.urls.page,
    code: embed.artifacts.snippet,
    image: new URL(embed.artifacts.urls.image).pathname,
  }));
}

/**
 * A page of the report, read loosely: the linkability scorecard is optional, and the report
 * shows whatever score and signals a run put there.
 */
type ReportPage = Omit<PageSummary, 'linkability'> & {
  linkability?: { score?: unknown; signals?: readonly unknown[] };
};

/**
 * The links between pages of `site` as index pairs into `site.pages` (the order of
 * `LintReport.pages`), each pair once: what {@link formatHtml} draws.
 */
export function reportLinks(site: Site): [number, number][] {
  return siteGraph(site).linkedPairs();
}

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * JSON that is safe inside `<script type="application/json">`: no `<` (so no `</script>` or
 * `<!--`), and no `>`/`&` either, for good measure; JSON.parse reads the escapes back.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Signals listed per page in the drill-down: the biggest gains, so 10,000 pages stay small. */
const SIGNALS_PER_PAGE = 3;

/**
 * A page's scorecard signals for the drill-down: those a fix would improve (biggest gain
 * first, as the scorecard orders them), as `[text, fix index]` with each distinct fix text
 * stored once in `fixes`.
 */
function signalEntries(
  signals: readonly unknown[],
  fixes: Map<string, number>,
): [string, number?][] {
  const entries: [string, number?][] = [];
  for (const signal of signals) {
    if (entries.length === SIGNALS_PER_PAGE) break;
    if (typeof signal === 'string') {
      entries.push([signal]);
      continue;
    }
    if (!signal || typeof signal !== 'object') continue;
    const record = signal as Record<string, unknown>;
    if (record.gain === 0 || record.points === null) continue;
    const name = [record.id, record.name, record.label].find((value) => typeof value === 'string');
    const max = typeof record.max === 'number' ? `/${record.max}` : '';
    const points = typeof record.points === 'number' ? `: ${record.points}${max}` : '';
    const measured = typeof record.measured === 'string' ? ` — ${record.measured}` : '';
    const text = `${typeof name === 'string' ? name : 'signal'}${points}${measured}`;
    if (typeof record.fix === 'string' && record.fix) {
      let index = fixes.get(record.fix);
      if (index === undefined) {
        index = fixes.size;
        fixes.set(record.fix, index);
      }
      entries.push([text, index]);
    } else {
      entries.push([text]);
    }
  }
  return entries;
}

/**
 * One self-contained HTML file (no network requests): the summary, a findings table with
 * filter, sort and search, a page drill-down, the click-depth and linkability histograms and
 * a canvas link graph that highlights orphans and unreachable clusters. Site values travel as
 * JSON in a data block and reach the page only as text.
 */
export function formatHtml(report: LintReport, options: HtmlOptions = {}): string {
  const fixes = new Map<string, number>();
  const pages = (report.pages as readonly ReportPage[]).map((page) => {
    const score = page.linkability?.score;
    const signals = page.linkability?.signals ? signalEntries(page.linkability.signals, fixes) : [];
    return {
      u: page.url,
      f: page.file,
      ...(page.source === undefined ? {} : { s: page.source }),
      i: page.inbound,
      o: page.outbound,
      d: page.depth,
      e: page.equity,
      ...(typeof score === 'number' ? { l: Math.round(score) } : {}),
      ...(signals.length ? { g: signals } : {}),
    };
  });
  const findings = report.findings.map((finding) => ({
    r: finding.ruleId,
    v: finding.severity,
    m: finding.message,
    ...(finding.note === undefined ? {} : { n: finding.note }),
    ...(finding.url === undefined ? {} : { u: finding.url }),
    ...(finding.file === undefined ? {} : { f: finding.file }),
    ...(finding.line === undefined ? {} : { l: finding.line }),
    ...(finding.column === undefined ? {} : { c: finding.column }),
    ...(finding.target === undefined ? {} : { t: finding.target }),
    d: finding.docs,
  }));
  const edges: number[] = [];
  for (const [from, to] of options.links ?? []) edges.push(from, to);
  const infographics = (options.infographics ?? []).map((item) => ({
    t: item.title,
    u: item.page,
    c: item.code,
    // Only a path on the report's own site: no requests elsewhere.
    ...(item.image !== undefined && /^\/(?![/\\])/.test(item.image) ? { i: item.image } : {}),
  }));
  const thumbnails = infographics.some((item) => 'i' in item);
  const data = {
    tool: report.tool,
    summary: report.summary,
    pages,
    findings,
    edges,
    fixes: [...fixes.keys()],
    ...(infographics.length ? { infographics } : {}),
  };
  const title = escapeHtml(options.title ?? 'linkworthy report');
  const { errors, warnings, infos, pages: pageCount, links } = report.summary;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:${thumbnails ? " 'self'" : ''}">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="sub">${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)} · ${pageCount} pages, ${links} links · ${errors} errors, ${warnings} warnings, ${infos} infos · ${report.summary.durationMs} ms</p>
<nav><a href="#summary">Summary</a><a href="#findings">Findings</a><a href="#pages">Pages</a><a href="#graph-section">Link graph</a><a href="#depth">Click depth</a>${infographics.length ? '<a href="#gallery">Infographics</a>' : ''}</nav>
</header>
<main>
<section id="summary"><div id="lw-cards" class="cards"></div></section>
<section id="findings">
<h2>Findings</h2>
<div class="controls">
<input id="f-search" type="search" placeholder="Search messages, pages, files, rules" aria-label="Search findings">
<select id="f-sev" aria-label="Severity"><option value="">All severities</option><option value="error">Errors</option><option value="warn">Warnings</option><option value="info">Infos</option></select>
<select id="f-rule" aria-label="Rule"><option value="">All rules</option></select>
<span id="f-count" class="count" aria-live="polite"></span>
</div>
<div class="scroll"><table><thead id="f-head"><tr><th data-key="v">Severity</th><th data-key="r">Rule</th><th data-key="m">Message</th><th data-key="u">Page</th><th data-key="p">File</th></tr></thead><tbody id="f-body"></tbody></table></div>
<button id="f-more" type="button" hidden></button>
</section>
<section id="pages">
<h2>Pages</h2>
<div class="controls">
<input id="p-search" type="search" placeholder="Search URLs and files" aria-label="Search pages">
<select id="p-kind" aria-label="Show"><option value="">All pages</option><option value="findings">With findings</option><option value="orphan">Orphans</option><option value="unreachable">Unreachable</option></select>
<span id="p-count" class="count" aria-live="polite"></span>
</div>
<div class="scroll"><table><thead id="p-head"><tr><th data-key="u">Page</th><th data-key="i" data-desc="1">Inbound</th><th data-key="o" data-desc="1">Outbound</th><th data-key="d" data-desc="1">Depth</th><th data-key="e" data-desc="1">Equity</th><th data-key="l" data-desc="1">Linkability</th><th data-key="n" data-desc="1" aria-sort="descending">Findings</th></tr></thead><tbody id="p-body"></tbody></table></div>
<button id="p-more" type="button" hidden></button>
<div id="drill" class="drill"><p class="note">Select a page in a table or the graph to see its links, depth, equity and findings.</p></div>
</section>
<section id="graph-section">
<h2>Link graph</h2>
<div class="controls">
<span class="legend"><i style="background:#16a34a"></i>entry points <i style="background:#3b82f6"></i>reachable (rings by click depth) <i style="background:#e5484d"></i>orphans: <b id="g-legend-orphans"></b> <i style="background:#f59e0b"></i>unreachable: <b id="g-legend-unreach"></b> in <b id="g-legend-clusters"></b> linked clusters</span>
<label><input id="g-focus" type="checkbox"> highlight orphans and unreachable pages only</label>
<button id="g-fit" type="button">Fit</button>
</div>
<div class="graph-wrap"><canvas id="graph" aria-label="Link graph of the site: drag to pan, scroll to zoom, click a page to select it"></canvas><div id="g-tip" class="tip" hidden></div></div>
<p id="g-note" class="note"></p>
</section>
<section id="depth">
<h2>Click depth</h2>
<p class="note">Pages by the number of clicks it takes to reach them from the entry points.</p>
<div id="h-depth" class="hist"></div>
</section>
<section id="score-section">
<h2>Linkability score</h2>
<div id="h-score" class="hist"></div>
</section>
<section id="gallery"${infographics.length ? '' : ' hidden'}>
<h2>Infographics</h2>
<p class="note">The site's embeddable infographics and the code others paste to embed them.</p>
<div id="gallery-list" class="gallery"></div>
</section>
</main>
<script type="application/json" id="lw-data">${scriptJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
:root{--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f8fafc;--red:#e5484d;--amber:#f59e0b;--blue:#3b82f6;--green:#16a34a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 28px 0;background:#fff;border-bottom:1px solid var(--line)}
h1{margin:0;font-size:22px}
.sub{color:var(--muted);margin:4px 0 10px}
nav a{display:inline-block;margin-right:18px;padding:8px 0;color:var(--fg);text-decoration:none;border-bottom:2px solid transparent}
nav a:hover{border-color:var(--blue)}
main{padding:10px 28px 40px;max-width:1400px}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:16px 0}
h2{margin:0 0 12px;font-size:18px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{min-width:120px;padding:10px 14px;border:1px solid var(--line);border-radius:8px}
.card .value{font-size:24px;font-weight:600}
.card .label{color:var(--muted);font-size:12px}
.cards.small .card{min-width:100px;padding:6px 10px}.cards.small .value{font-size:18px}
.card.bad .value{color:var(--red)}.card.warn .value{color:#b45309}.card.good .value{color:var(--green)}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:10px}
input[type=search]{min-width:280px;padding:6px 8px;border:1px solid #cbd5e1;border-radius:6px}
select,button{padding:6px 8px;border:1px solid #cbd5e1;border-radius:6px;background:#fff}
button{cursor:pointer;margin-top:8px}
.count{color:var(--muted)}
.scroll{max-height:560px;overflow:auto;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{position:sticky;top:0;background:#f1f5f9;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;word-break:break-all}
.msg{max-width:560px}
.note{color:var(--muted);font-size:12px}
.sev{display:inline-block;padding:1px 6px;border-radius:4px;font-size:12px;font-weight:600;color:#fff}
.sev.error{background:var(--red)}.sev.warn{background:var(--amber)}.sev.info{background:var(--blue)}
tr.orphan td:first-child{box-shadow:inset 3px 0 var(--red)}tr.unreach td:first-child{box-shadow:inset 3px 0 var(--amber)}
a{color:#1d4ed8}
.drill{margin-top:14px;padding:12px 16px;border:1px dashed #cbd5e1;border-radius:8px}
.drill h3{margin:0 0 4px;word-break:break-all}
.cols{display:flex;gap:24px;flex-wrap:wrap}.col{flex:1;min-width:260px}.col ul{max-height:240px;overflow:auto;padding-left:18px}
.tag{display:inline-block;padding:2px 8px;border-radius:4px;font-size:12px}
.tag.orphan{background:#fee2e2}.tag.unreach{background:#fef3c7}
.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;border-radius:2px}
.graph-wrap{position:relative}
canvas#graph{width:100%;height:620px;border:1px solid var(--line);border-radius:6px;cursor:grab;display:block}
.tip{position:absolute;pointer-events:none;background:#0f172a;color:#fff;padding:4px 8px;border-radius:4px;font-size:12px;max-width:480px;word-break:break-all}
.hist{display:flex;align-items:flex-end;gap:6px;min-height:200px;overflow-x:auto;padding-top:10px}
.bar{display:flex;flex-direction:column;align-items:center;min-width:34px}
.bar .fill{width:28px;background:var(--blue);border-radius:3px 3px 0 0}
.bar.unreach .fill{background:var(--amber)}
.bar .count,.bar .label{font-size:11px;color:var(--muted);white-space:nowrap}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:14px}
.gallery figure{margin:0;padding:10px;border:1px solid var(--line);border-radius:8px}
.gallery img{max-width:100%;max-height:180px;display:block;margin-bottom:6px}
.gallery textarea{width:100%;min-height:90px;font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
[hidden]{display:none!important}
`;
