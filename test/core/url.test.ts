import { normalizeBase, pageKey, resolveHref, type HrefTarget } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';

const root = { base: '/' };
const docs = { base: '/docs/', origin: 'https://example.com' };

function internalPath(target: HrefTarget): string | undefined {
  return target.kind === 'internal' ? target.path : undefined;
}

describe('resolveHref', () => {
  it('resolves relative hrefs from the page URL, as a browser does', () => {
    expect(internalPath(resolveHref('b/', '/a/', root))).toBe('/a/b/');
    expect(internalPath(resolveHref('../c.html', '/a/b/', root))).toBe('/a/c.html');
    expect(internalPath(resolveHref('c.html', '/a/b.html', root))).toBe('/a/c.html');
    expect(internalPath(resolveHref('../../../../x/', '/a/', root))).toBe('/x/');
  });

  it('handles the base path for relative, root-relative and same-origin links', () => {
    expect(internalPath(resolveHref('../x/', '/guide/', docs))).toBe('/x/');
    expect(resolveHref('/docs/x/', '/', docs)).toMatchObject({ path: '/x/', outsideBase: false });
    expect(resolveHref('/x/', '/', docs)).toMatchObject({ path: '/x/', outsideBase: true });
    expect(resolveHref('https://example.com/docs/x/#y', '/', docs)).toMatchObject({
      kind: 'internal',
      path: '/x/',
      fragment: 'y',
    });
    expect(resolveHref('//example.com/docs/', '/', docs)).toMatchObject({
      kind: 'internal',
      path: '/',
    });
  });

  it('treats other hosts as external and non-web schemes as skipped', () => {
    expect(resolveHref('https://other.example/x', '/', docs).kind).toBe('external');
    expect(resolveHref('//cdn.example/x.js', '/', docs).kind).toBe('external');
    for (const href of [
      'mailto:a@b.c',
      'tel:+123',
      'javascript:void(0)',
      'data:text/plain,x',
      'ftp://x',
    ]) {
      expect(resolveHref(href, '/', docs)).toEqual({ kind: 'skip', reason: 'scheme' });
    }
    expect(resolveHref('  ', '/', docs)).toEqual({ kind: 'skip', reason: 'empty' });
    expect(resolveHref('https://example.com/x', '/', root).kind).toBe('external');
  });

  it('keeps fragments, drops queries and marks same-page links', () => {
    expect(resolveHref('#intro', '/a/', root)).toMatchObject({
      path: '/a/',
      fragment: 'intro',
      samePage: true,
    });
    expect(resolveHref('?page=2', '/a/', root)).toMatchObject({ path: '/a/', samePage: true });
    expect(resolveHref('/b/?q=1#x', '/a/', root)).toMatchObject({
      path: '/b/',
      fragment: 'x',
      samePage: false,
    });
  });

  it('decodes percent-encoding and normalises unicode', () => {
    expect(internalPath(resolveHref('/caf%C3%A9/', '/', root))).toBe('/café/');
    expect(internalPath(resolveHref('/café/', '/', root))).toBe('/café/');
    expect(internalPath(resolveHref('/cafe\u0301/', '/', root))).toBe('/café/');
    expect(internalPath(resolveHref('/100%/', '/', root))).toBe('/100%/');
  });

  it('strips tabs and newlines inside hrefs like browsers do', () => {
    expect(internalPath(resolveHref(' /a/\n\tb/ ', '/', root))).toBe('/a/b/');
  });

  it('reads backslashes and control characters as browsers do, and never throws', () => {
    // `\\/host` is protocol-relative in a browser; this host is invalid, so nothing is followed.
    expect(resolveHref('\\/%2F.', '/', root)).toEqual({ kind: 'external', url: '\\/%2F.' });
    expect(resolveHref('\u0000https:\\/', '/', root).kind).toBe('external');
    expect(internalPath(resolveHref('\u0000/a/\u001f', '/', root))).toBe('/a/');
    // Every href made of these pieces, from pages and bases of every kind: no exception.
    const pieces = ['\\', '/', '//', '..', '.', '%', '%zz', '#', '?', ':', '@', '[::1]', 'a', 'é'];
    const pieces2 = ['', '\u0000', ' ', 'http:', 'https:', '%2F', '..//', '\\/'];
    for (const first of pieces2) {
      for (const second of pieces) {
        for (const third of pieces) {
          for (const fourth of pieces2) {
            const href = `${first}${second}${third}${fourth}`;
            for (const [page, context] of [
              ['/', root],
              ['/a/b.html', docs],
              [undefined, { base: '/a/b/', origin: 'https://x.org' }],
            ] as const) {
              expect(() => resolveHref(href, page, context), JSON.stringify(href)).not.toThrow();
            }
          }
        }
      }
    }
  });

  it('keeps a resolved path that starts with // a path, as a browser does', () => {
    // `new URL('..//x', 'https://h/a/p.html').pathname` is `//x`: an empty segment, no host.
    for (const [href, from, path] of [
      ['..//', '/a/p.html', '//'],
      ['..//x', '/a/p.html', '//x'],
      ['..//x%20y/', '/a/b/', '/a//x y/'],
      ['.././/x', '/a/p.html', '//x'],
      ['..\\\\x', '/a/p.html', '//x'],
    ] as const) {
      expect(internalPath(resolveHref(href, from, root)), href).toBe(path);
      expect(new URL(href, `https://h${from}`).pathname.replace('%20', ' '), href).toBe(path);
    }
  });
});

describe('pageKey and normalizeBase', () => {
  it('makes /a/, /a and /a/index.html one page', () => {
    expect(new Set(['/a/', '/a', '/a/index.html', '/a/index.htm'].map(pageKey))).toEqual(
      new Set(['/a']),
    );
    expect(pageKey('/')).toBe('/');
    expect(pageKey('/index.html')).toBe('/');
  });

  it('normalises base paths', () => {
    expect(normalizeBase(undefined)).toBe('/');
    expect(normalizeBase('docs')).toBe('/docs/');
    expect(normalizeBase('/docs')).toBe('/docs/');
    expect(normalizeBase('/docs/v2/')).toBe('/docs/v2/');
  });
});
