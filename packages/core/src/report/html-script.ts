// The HTML report's script (ES2020, no dependencies, no network): written as plain JavaScript so
// the report is one self-contained file. Every site value goes through textContent, never HTML.
export const REPORT_SCRIPT = String.raw`(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('lw-data').textContent);
  var pages = D.pages;
  var findings = D.findings;
  var edges = D.edges || [];
  var N = pages.length;
  var SEV_ORDER = { error: 0, warn: 1, info: 2 };
  var PAGE_LIMIT = 200;
  var ROW_LIMIT = 500;

  function $(id) {
    return document.getElementById(id);
  }
  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      for (var key in props) {
        if (props[key] === undefined || props[key] === null) continue;
        if (key === 'text') node.textContent = String(props[key]);
        else if (key === 'className') node.className = props[key];
        else if (key === 'onclick') node.addEventListener('click', props[key]);
        else node.setAttribute(key, String(props[key]));
      }
    }
    if (children) {
      for (var i = 0; i < children.length; i++) {
        var child = children[i];
        if (child === null || child === undefined) continue;
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return node;
  }
  function safeHref(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
  }
  function fmt(n) {
    return n === null || n === undefined ? '–' : String(n);
  }

  // ---- indexes ----------------------------------------------------------------------------
  var pageByUrl = new Map();
  var pageByFile = new Map();
  for (var p = 0; p < N; p++) {
    if (pages[p].u !== null) pageByUrl.set(pages[p].u, p);
    pageByFile.set(pages[p].f, p);
  }
  var findingPage = new Int32Array(findings.length).fill(-1);
  var pageFindings = [];
  for (p = 0; p < N; p++) pageFindings.push([]);
  for (var f = 0; f < findings.length; f++) {
    var fi = findings[f];
    var at = fi.u !== undefined && pageByUrl.has(fi.u) ? pageByUrl.get(fi.u) : -1;
    if (at < 0 && fi.f !== undefined && pageByFile.has(fi.f)) at = pageByFile.get(fi.f);
    findingPage[f] = at;
    if (at >= 0) pageFindings[at].push(f);
  }
  var outAdj = [];
  var inAdj = [];
  for (p = 0; p < N; p++) {
    outAdj.push([]);
    inAdj.push([]);
  }
  for (var e = 0; e + 1 < edges.length; e += 2) {
    var a = edges[e];
    var b = edges[e + 1];
    if (a < N && b < N) {
      outAdj[a].push(b);
      inAdj[b].push(a);
    }
  }
  var hasScore = pages.some(function (page) {
    return typeof page.l === 'number';
  });

  // orphans: nothing links to them; unreachable: linked, but no chain from the entry points
  var kind = new Uint8Array(N); // 0 reachable, 1 entry, 2 orphan, 3 unreachable cluster
  var orphans = 0;
  var unreachable = 0;
  var entries = 0;
  for (p = 0; p < N; p++) {
    var page = pages[p];
    if (page.d === 0) {
      kind[p] = 1;
      entries++;
    } else if (page.i === 0 && page.d !== 0) {
      kind[p] = 2;
      orphans++;
    } else if (page.d === null) {
      kind[p] = 3;
      unreachable++;
    }
  }

  var noEntry = N > 0 && entries === 0;

  // ---- summary ------------------------------------------------------------------------------
  function card(label, value, cls) {
    return el('div', { className: 'card' + (cls ? ' ' + cls : '') }, [
      el('div', { className: 'value', text: value }),
      el('div', { className: 'label', text: label }),
    ]);
  }
  var s = D.summary;
  var depths = [];
  for (p = 0; p < N; p++) if (pages[p].d !== null) depths.push(pages[p].d);
  depths.sort(function (x, y) {
    return x - y;
  });
  var cards = [
    card('pages', s.pages),
    card('links', s.links),
    card('errors', s.errors, s.errors ? 'bad' : 'good'),
    card('warnings', s.warnings, s.warnings ? 'warn' : 'good'),
    card('infos', s.infos),
    card('orphan pages', orphans, orphans ? 'warn' : 'good'),
    // Without an entry point (no page at /) every linked page would count as unreachable.
    noEntry
      ? card('unreachable pages', 'no entry point', 'warn')
      : card('unreachable pages', unreachable, unreachable ? 'warn' : 'good'),
    card('median click depth', depths.length ? depths[Math.floor(depths.length / 2)] : '–'),
  ];
  if (hasScore) {
    var scores = pages
      .filter(function (page) {
        return typeof page.l === 'number';
      })
      .map(function (page) {
        return page.l;
      });
    var mean = scores.reduce(function (x, y) {
      return x + y;
    }, 0);
    cards.push(card('mean linkability', Math.round(mean / scores.length)));
  }
  var summaryNode = $('lw-cards');
  cards.forEach(function (c) {
    summaryNode.appendChild(c);
  });

  // ---- findings table -----------------------------------------------------------------------
  var ruleSelect = $('f-rule');
  var ruleCounts = new Map();
  findings.forEach(function (finding) {
    ruleCounts.set(finding.r, (ruleCounts.get(finding.r) || 0) + 1);
  });
  Array.from(ruleCounts.keys())
    .sort()
    .forEach(function (id) {
      ruleSelect.appendChild(el('option', { value: id, text: id + ' (' + ruleCounts.get(id) + ')' }));
    });
  var fState = { sort: 'v', dir: 1, limit: ROW_LIMIT };
  function findingKey(finding, key) {
    if (key === 'v') return SEV_ORDER[finding.v];
    if (key === 'p') return (finding.f || finding.u || '') + '\u0000' + String(1e9 + (finding.l || 0));
    return finding[key] || '';
  }
  function compare(x, y) {
    return x < y ? -1 : x > y ? 1 : 0;
  }
  function renderFindings() {
    var query = $('f-search').value.trim().toLowerCase();
    var sev = $('f-sev').value;
    var rule = ruleSelect.value;
    var rows = [];
    for (var i = 0; i < findings.length; i++) {
      var finding = findings[i];
      if (sev && finding.v !== sev) continue;
      if (rule && finding.r !== rule) continue;
      if (query) {
        var hay = (finding.m + ' ' + (finding.u || '') + ' ' + (finding.f || '') + ' ' + finding.r + ' ' + (finding.t || '')).toLowerCase();
        if (hay.indexOf(query) < 0) continue;
      }
      rows.push(i);
    }
    var key = fState.sort;
    var dir = fState.dir;
    rows.sort(function (x, y) {
      return dir * compare(findingKey(findings[x], key), findingKey(findings[y], key)) || x - y;
    });
    var body = $('f-body');
    body.textContent = '';
    var shown = Math.min(rows.length, fState.limit);
    var frag = document.createDocumentFragment();
    for (var r = 0; r < shown; r++) {
      frag.appendChild(findingRow(rows[r]));
    }
    body.appendChild(frag);
    $('f-count').textContent =
      'Showing ' + shown + ' of ' + rows.length + ' findings' + (rows.length !== findings.length ? ' (' + findings.length + ' in all)' : '');
    var more = $('f-more');
    more.hidden = shown >= rows.length;
    more.textContent = 'Show all ' + rows.length;
  }
  function findingRow(index) {
    var finding = findings[index];
    var place = finding.f ? finding.f + (finding.l ? ':' + finding.l + (finding.c ? ':' + finding.c : '') : '') : '';
    var pageIndex = findingPage[index];
    var message = el('td', { className: 'msg' }, [el('div', { text: finding.m })]);
    if (finding.n) message.appendChild(el('div', { className: 'note', text: finding.n }));
    return el('tr', null, [
      el('td', null, [el('span', { className: 'sev ' + finding.v, text: finding.v })]),
      el('td', null, [el('a', { href: safeHref(finding.d), text: finding.r, target: '_blank', rel: 'noreferrer' })]),
      message,
      el('td', null, [
        pageIndex >= 0
          ? el('a', { href: '#drill', className: 'pagelink', text: finding.u || pages[pageIndex].f, onclick: function () { select(pageIndex); } })
          : document.createTextNode(finding.u || ''),
      ]),
      el('td', { className: 'mono', text: place }),
    ]);
  }
  ['f-search', 'f-sev', 'f-rule'].forEach(function (id) {
    $(id).addEventListener('input', function () {
      fState.limit = ROW_LIMIT;
      renderFindings();
    });
  });
  $('f-more').addEventListener('click', function () {
    fState.limit = Infinity;
    renderFindings();
  });
  sortable('f-head', fState, renderFindings);

  function sortable(headId, state, render) {
    var heads = $(headId).querySelectorAll('th[data-key]');
    heads.forEach(function (th) {
      th.tabIndex = 0;
      function go() {
        var key = th.getAttribute('data-key');
        if (state.sort === key) state.dir = -state.dir;
        else {
          state.sort = key;
          state.dir = th.getAttribute('data-desc') ? -1 : 1;
        }
        heads.forEach(function (other) {
          other.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
        render();
      }
      th.addEventListener('click', go);
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          go();
        }
      });
    });
  }

  // ---- pages table --------------------------------------------------------------------------
  var pState = { sort: 'n', dir: -1, limit: PAGE_LIMIT };
  if (!hasScore) {
    var scoreHead = document.querySelector('#p-head th[data-key="l"]');
    if (scoreHead) scoreHead.remove();
  }
  function pageKey(index, key) {
    var page = pages[index];
    if (key === 'n') return pageFindings[index].length;
    if (key === 'u') return page.u || page.f;
    var value = page[key];
    return value === null || value === undefined ? Infinity : value;
  }
  function renderPages() {
    var query = $('p-search').value.trim().toLowerCase();
    var only = $('p-kind').value;
    var rows = [];
    for (var i = 0; i < N; i++) {
      if (only === 'orphan' && kind[i] !== 2) continue;
      if (only === 'unreachable' && kind[i] !== 3) continue;
      if (only === 'findings' && pageFindings[i].length === 0) continue;
      if (query && ((pages[i].u || '') + ' ' + pages[i].f).toLowerCase().indexOf(query) < 0) continue;
      rows.push(i);
    }
    var key = pState.sort;
    var dir = pState.dir;
    rows.sort(function (x, y) {
      return dir * compare(pageKey(x, key), pageKey(y, key)) || x - y;
    });
    var body = $('p-body');
    body.textContent = '';
    var shown = Math.min(rows.length, pState.limit);
    var frag = document.createDocumentFragment();
    for (var r = 0; r < shown; r++) frag.appendChild(pageRow(rows[r]));
    body.appendChild(frag);
    $('p-count').textContent = 'Showing ' + shown + ' of ' + rows.length + ' pages';
    var more = $('p-more');
    more.hidden = shown >= rows.length;
    more.textContent = 'Show all ' + rows.length;
  }
  function pageRow(index) {
    var page = pages[index];
    var cells = [
      el('td', null, [el('a', { href: '#drill', className: 'pagelink', text: page.u || page.f, onclick: function () { select(index); } })]),
      el('td', { className: 'num', text: page.i }),
      el('td', { className: 'num', text: page.o }),
      el('td', { className: 'num', text: fmt(page.d) }),
      el('td', { className: 'num', text: page.e.toFixed(3) }),
    ];
    if (hasScore) cells.push(el('td', { className: 'num', text: fmt(page.l) }));
    cells.push(el('td', { className: 'num', text: pageFindings[index].length }));
    var row = el('tr', { className: kind[index] === 2 ? 'orphan' : kind[index] === 3 ? 'unreach' : null }, cells);
    return row;
  }
  ['p-search', 'p-kind'].forEach(function (id) {
    $(id).addEventListener('input', function () {
      pState.limit = PAGE_LIMIT;
      renderPages();
    });
  });
  $('p-more').addEventListener('click', function () {
    pState.limit = Infinity;
    renderPages();
  });
  sortable('p-head', pState, renderPages);

  // ---- drill-down ---------------------------------------------------------------------------
  var selected = -1;
  function pageList(title, list) {
    var items = list.slice(0, 100).map(function (index) {
      return el('li', null, [el('a', { href: '#drill', className: 'pagelink', text: pages[index].u || pages[index].f, onclick: function () { select(index); } })]);
    });
    if (list.length > 100) items.push(el('li', { className: 'note', text: '… and ' + (list.length - 100) + ' more' }));
    return el('div', { className: 'col' }, [el('h4', { text: title + ' (' + list.length + ')' }), el('ul', null, items)]);
  }
  function select(index) {
    selected = index;
    var page = pages[index];
    var box = $('drill');
    box.textContent = '';
    var stats = [
      ['inbound links', page.i],
      ['outbound links', page.o],
      ['click depth', page.d === null ? 'unreachable' : page.d],
      ['equity', page.e.toFixed(4)],
    ];
    if (typeof page.l === 'number') stats.push(['linkability', page.l + ' / 100']);
    box.appendChild(el('h3', { text: page.u || page.f }));
    box.appendChild(el('p', { className: 'mono', text: page.f + (page.s ? '  ←  ' + page.s : '') }));
    if (kind[index] === 2) box.appendChild(el('p', { className: 'tag orphan', text: 'Orphan: no page links here' }));
    if (kind[index] === 3) box.appendChild(el('p', { className: 'tag unreach', text: 'Unreachable from the entry points' }));
    box.appendChild(
      el('div', { className: 'cards small' }, stats.map(function (stat) {
        return card(stat[0], stat[1]);
      })),
    );
    if (page.g && page.g.length) {
      box.appendChild(el('h4', { text: 'Linkability: biggest gains' }));
      box.appendChild(
        el('ul', null, page.g.map(function (signal) {
          var fix = signal[1] === undefined ? null : (D.fixes || [])[signal[1]];
          return el('li', null, [signal[0], fix ? el('div', { className: 'note', text: fix }) : null]);
        })),
      );
    }
    var own = pageFindings[index];
    box.appendChild(el('h4', { text: 'Findings (' + own.length + ')' }));
    box.appendChild(
      el('ul', null, own.map(function (fIndex) {
        var finding = findings[fIndex];
        return el('li', null, [el('span', { className: 'sev ' + finding.v, text: finding.v }), ' ', finding.m, ' ', el('span', { className: 'note', text: finding.r })]);
      })),
    );
    var unique = function (list) {
      return Array.from(new Set(list));
    };
    box.appendChild(el('div', { className: 'cols' }, [pageList('Linked from', unique(inAdj[index])), pageList('Links to', unique(outAdj[index]))]));
    drawGraph();
  }

  // ---- histograms ---------------------------------------------------------------------------
  function histogram(targetId, buckets) {
    var max = Math.max.apply(null, buckets.map(function (bucket) { return bucket[1]; }).concat([1]));
    var node = $(targetId);
    buckets.forEach(function (bucket) {
      node.appendChild(
        el('div', { className: 'bar' + (bucket[2] ? ' ' + bucket[2] : ''), title: bucket[0] + ': ' + bucket[1] + ' pages' }, [
          el('div', { className: 'count', text: bucket[1] }),
          el('div', { className: 'fill', style: 'height:' + Math.round((bucket[1] / max) * 160) + 'px' }),
          el('div', { className: 'label', text: bucket[0] }),
        ]),
      );
    });
  }
  var maxDepth = depths.length ? depths[depths.length - 1] : 0;
  var depthBuckets = [];
  for (var d = 0; d <= maxDepth; d++) depthBuckets.push([String(d), 0]);
  depths.forEach(function (depth) {
    depthBuckets[depth][1]++;
  });
  depthBuckets.push(['unreachable', N - depths.length, 'unreach']);
  histogram('h-depth', depthBuckets);
  if (hasScore) {
    var scoreBuckets = [];
    for (var b10 = 0; b10 < 10; b10++) scoreBuckets.push([b10 * 10 + '–' + (b10 * 10 + (b10 === 9 ? 10 : 9)), 0]);
    pages.forEach(function (page) {
      if (typeof page.l === 'number') scoreBuckets[Math.min(9, Math.max(0, Math.floor(page.l / 10)))][1]++;
    });
    histogram('h-score', scoreBuckets);
  } else {
    $('score-section').hidden = true;
  }

  // ---- graph --------------------------------------------------------------------------------
  var canvas = $('graph');
  var ctx = canvas.getContext('2d');
  var X = new Float32Array(N);
  var Y = new Float32Array(N);
  var COLORS = ['#3b82f6', '#16a34a', '#e5484d', '#f59e0b'];
  var EDGE_LIMIT = 40000;
  (function layout() {
    var SP = 7;
    var rings = [];
    var parentAngle = new Float64Array(N);
    for (var i = 0; i < N; i++) {
      if (pages[i].d !== null && kind[i] !== 2) {
        (rings[pages[i].d] = rings[pages[i].d] || []).push(i);
      }
    }
    var radius = 0;
    var angle = new Float64Array(N);
    for (var k = 0; k < rings.length; k++) {
      var ring = rings[k] || [];
      if (!ring.length) continue;
      if (k > 0) {
        ring.forEach(function (node) {
          var best = Infinity;
          inAdj[node].forEach(function (from) {
            if (pages[from].d === k - 1 && angle[from] < best) best = angle[from];
          });
          parentAngle[node] = best === Infinity ? 0 : best;
        });
        ring.sort(function (x, y) {
          return parentAngle[x] - parentAngle[y] || x - y;
        });
      }
      var lanes = radius === 0 && ring.length === 1 ? 1 : Math.max(1, Math.ceil((ring.length * SP) / (2 * Math.PI * Math.max(radius, 40))));
      if (radius === 0 && ring.length > 1) radius = 40;
      ring.forEach(function (node, j) {
        var theta = (2 * Math.PI * j) / ring.length;
        var r = radius + (j % lanes) * SP;
        angle[node] = theta;
        X[node] = Math.cos(theta) * r;
        Y[node] = Math.sin(theta) * r;
      });
      radius += lanes * SP + 60;
    }
    // pages no chain reaches: grouped into their linked clusters, around an outer ring
    var parent = new Int32Array(N);
    for (i = 0; i < N; i++) parent[i] = i;
    function root(x) {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }
    var lost = [];
    for (i = 0; i < N; i++) if (kind[i] >= 2) lost.push(i);
    lost.forEach(function (node) {
      outAdj[node].forEach(function (to) {
        if (kind[to] >= 2) parent[root(node)] = root(to);
      });
    });
    var groups = new Map();
    lost.forEach(function (node) {
      var key = root(node);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(node);
    });
    var list = Array.from(groups.values()).sort(function (x, y) {
      return y.length - x.length;
    });
    var outer = radius + 80;
    var circumference = 0;
    var sizes = list.map(function (group) {
      var size = Math.sqrt(group.length) * SP + SP;
      circumference += size * 2 + SP;
      return size;
    });
    outer = Math.max(outer, circumference / (2 * Math.PI));
    var walked = 0;
    list.forEach(function (group, g) {
      var size = sizes[g];
      var theta = ((walked + size) / Math.max(circumference, 1)) * 2 * Math.PI;
      walked += size * 2 + SP;
      var cx = Math.cos(theta) * outer;
      var cy = Math.sin(theta) * outer;
      group.forEach(function (node, j) {
        var r = Math.sqrt(j) * SP * 0.9;
        var t = j * 2.39996;
        X[node] = cx + Math.cos(t) * r;
        Y[node] = cy + Math.sin(t) * r;
      });
    });
    $('g-legend-clusters').textContent = String(list.filter(function (group) { return group.length > 1; }).length);
  })();

  var view = { x: 0, y: 0, k: 1 };
  function fit() {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (var i = 0; i < N; i++) {
      if (X[i] < minX) minX = X[i];
      if (X[i] > maxX) maxX = X[i];
      if (Y[i] < minY) minY = Y[i];
      if (Y[i] > maxY) maxY = Y[i];
    }
    if (!N) return;
    var w = canvas.clientWidth || 800;
    var h = canvas.clientHeight || 600;
    view.k = Math.min(w / (maxX - minX + 40), h / (maxY - minY + 40), 4);
    view.x = w / 2 - ((minX + maxX) / 2) * view.k;
    view.y = h / 2 - ((minY + maxY) / 2) * view.k;
  }
  var pending = false;
  function drawGraph() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      paint();
    });
  }
  var focus = $('g-focus');
  function paint() {
    var dpr = window.devicePixelRatio || 1;
    var w = canvas.clientWidth;
    var h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.setTransform(dpr * view.k, 0, 0, dpr * view.k, dpr * view.x, dpr * view.y);
    var only = focus.checked;
    var edgeCount = edges.length / 2;
    if (edgeCount <= EDGE_LIMIT && !only) {
      ctx.strokeStyle = 'rgba(100,116,139,0.12)';
      ctx.lineWidth = 1 / view.k;
      ctx.beginPath();
      for (var e2 = 0; e2 + 1 < edges.length; e2 += 2) {
        ctx.moveTo(X[edges[e2]], Y[edges[e2]]);
        ctx.lineTo(X[edges[e2 + 1]], Y[edges[e2 + 1]]);
      }
      ctx.stroke();
    }
    if (selected >= 0) {
      ctx.lineWidth = 1.5 / view.k;
      ctx.strokeStyle = 'rgba(22,163,74,0.8)';
      ctx.beginPath();
      outAdj[selected].forEach(function (to) {
        ctx.moveTo(X[selected], Y[selected]);
        ctx.lineTo(X[to], Y[to]);
      });
      ctx.stroke();
      ctx.strokeStyle = 'rgba(124,58,237,0.8)';
      ctx.beginPath();
      inAdj[selected].forEach(function (from) {
        ctx.moveTo(X[from], Y[from]);
        ctx.lineTo(X[selected], Y[selected]);
      });
      ctx.stroke();
    }
    var size = Math.max(2.5, 3 / view.k);
    var drawn = 0;
    for (var c = 0; c < 4; c++) {
      ctx.fillStyle = only && c < 2 ? 'rgba(148,163,184,0.35)' : COLORS[c];
      // orphans and unreachable pages stay visible at any zoom
      var s2 = c >= 2 ? Math.max(size * 1.6, 7 / view.k) : size;
      for (var i = 0; i < N; i++) {
        if (kind[i] !== c) continue;
        ctx.fillRect(X[i] - s2 / 2, Y[i] - s2 / 2, s2, s2);
        drawn++;
      }
    }
    if (selected >= 0) {
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2 / view.k;
      ctx.beginPath();
      ctx.arc(X[selected], Y[selected], 8 / view.k, 0, 2 * Math.PI);
      ctx.stroke();
    }
    canvas.setAttribute('data-drawn', String(drawn));
    $('g-note').textContent =
      edgeCount > EDGE_LIMIT ? edgeCount + ' links: too many to draw at once; select a page to see its links.' : edgeCount + ' links drawn.';
  }
  function nearest(mx, my) {
    var best = -1;
    var bestD = (10 / view.k) * (10 / view.k);
    var gx = (mx - view.x) / view.k;
    var gy = (my - view.y) / view.k;
    for (var i = 0; i < N; i++) {
      var dx = X[i] - gx;
      var dy = Y[i] - gy;
      var dist = dx * dx + dy * dy;
      if (dist < bestD) {
        bestD = dist;
        best = i;
      }
    }
    return best;
  }
  var drag = null;
  canvas.addEventListener('mousedown', function (event) {
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
  });
  window.addEventListener('mousemove', function (event) {
    var rect = canvas.getBoundingClientRect();
    if (drag) {
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
      drawGraph();
      return;
    }
    if (event.target !== canvas) return;
    var hit = nearest(event.clientX - rect.left, event.clientY - rect.top);
    var tip = $('g-tip');
    if (hit < 0) {
      tip.hidden = true;
      return;
    }
    tip.hidden = false;
    tip.textContent = (pages[hit].u || pages[hit].f) + ' — in ' + pages[hit].i + ', out ' + pages[hit].o + ', depth ' + (pages[hit].d === null ? 'unreachable' : pages[hit].d);
    tip.style.left = event.clientX - rect.left + 12 + 'px';
    tip.style.top = event.clientY - rect.top + 12 + 'px';
  });
  window.addEventListener('mouseup', function (event) {
    if (drag && !drag.moved && event.target === canvas) {
      var rect = canvas.getBoundingClientRect();
      var hit = nearest(event.clientX - rect.left, event.clientY - rect.top);
      if (hit >= 0) select(hit);
    }
    drag = null;
  });
  canvas.addEventListener(
    'wheel',
    function (event) {
      event.preventDefault();
      var rect = canvas.getBoundingClientRect();
      var mx = event.clientX - rect.left;
      var my = event.clientY - rect.top;
      var factor = Math.exp(-event.deltaY * 0.0015);
      view.x = mx - (mx - view.x) * factor;
      view.y = my - (my - view.y) * factor;
      view.k *= factor;
      drawGraph();
    },
    { passive: false },
  );
  $('g-fit').addEventListener('click', function () {
    fit();
    drawGraph();
  });
  focus.addEventListener('change', drawGraph);
  window.addEventListener('resize', drawGraph);
  $('g-legend-orphans').textContent = String(orphans);
  $('g-legend-unreach').textContent = noEntry ? 'no entry point' : String(unreachable);

  // ---- infographic gallery -----------------------------------------------------------------
  var gallery = D.infographics || [];
  for (var g = 0; g < gallery.length; g++) {
    var item = gallery[g];
    var code = el('textarea', { readonly: 'readonly', 'aria-label': 'Embed code: ' + item.t });
    code.value = item.c;
    var pageHref = safeHref(item.u) || (/^\/(?!\/)/.test(item.u) ? item.u : undefined);
    $('gallery-list').appendChild(
      el('figure', null, [
        item.i ? el('img', { src: item.i, alt: item.t, loading: 'lazy' }) : null,
        el('figcaption', null, [
          el('strong', { text: item.t }),
          ' · ',
          el('a', { href: pageHref, className: 'mono', text: item.u }),
        ]),
        code,
      ]),
    );
  }

  renderFindings();
  renderPages();
  fit();
  paint();
  document.body.setAttribute('data-ready', 'true');
})();
`;
