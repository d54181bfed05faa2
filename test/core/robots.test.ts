import { parseRobots } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';

/** One group for every agent with the given rules. */
function rules(...lines: string[]) {
  return parseRobots(['User-agent: *', ...lines].join('\n'));
}

describe('robots.txt precedence (Google’s documented examples)', () => {
  it('the longest matching rule wins', () => {
    expect(rules('Allow: /p', 'Disallow: /').isAllowed('/page')).toBe(true);
    expect(rules('Allow: /page', 'Disallow: /*.htm').isAllowed('/page.htm')).toBe(false);
  });

  it('between an allow and a disallow of the same length, allow wins', () => {
    expect(rules('Allow: /folder', 'Disallow: /folder').isAllowed('/folder/page')).toBe(true);
    expect(rules('Allow: /page', 'Disallow: /*.ph').isAllowed('/page.php5')).toBe(true);
  });

  it('`$` anchors the end', () => {
    const robots = rules('Allow: /$', 'Disallow: /');
    expect(robots.isAllowed('/')).toBe(true);
    expect(robots.isAllowed('/page.htm')).toBe(false);
  });
});

describe('robots.txt path matching (Google’s documented examples)', () => {
  it('a plain path is a prefix', () => {
    const robots = rules('Disallow: /fish');
    for (const path of [
      '/fish',
      '/fish.html',
      '/fish/salmon.html',
      '/fishheads',
      '/fish.php?id=anything',
    ])
      expect(robots.isAllowed(path), path).toBe(false);
    for (const path of ['/Fish.asp', '/catfish', '/?id=fish', '/desert/fish'])
      expect(robots.isAllowed(path), path).toBe(true);
  });

  it('`*` matches any run of characters, and a trailing `*` is the same as none', () => {
    expect(rules('Disallow: /fish*').isAllowed('/fishheads/yummy.html')).toBe(false);
    const robots = rules('Disallow: /*.php');
    for (const path of [
      '/index.php',
      '/filename.php',
      '/folder/filename.php',
      '/folder/filename.php?parameters',
      '/folder/any.php.file.html',
    ])
      expect(robots.isAllowed(path), path).toBe(false);
    expect(robots.isAllowed('/')).toBe(true);
    expect(robots.isAllowed('/windows.PHP')).toBe(true);
  });

  it('`$` after a pattern matches only URLs that end there', () => {
    const robots = rules('Disallow: /*.php$');
    expect(robots.isAllowed('/filename.php')).toBe(false);
    expect(robots.isAllowed('/folder/filename.php')).toBe(false);
    expect(robots.isAllowed('/filename.php?parameters')).toBe(true);
    expect(robots.isAllowed('/filename.php/')).toBe(true);
    expect(robots.isAllowed('/filename.php5')).toBe(true);
  });

  it('a folder path matches only inside the folder', () => {
    const robots = rules('Disallow: /fish/');
    expect(robots.isAllowed('/fish/')).toBe(false);
    expect(robots.isAllowed('/fish/?id=anything')).toBe(false);
    expect(robots.isAllowed('/fish/salmon.htm')).toBe(false);
    expect(robots.isAllowed('/fish')).toBe(true);
    expect(robots.isAllowed('/fish.html')).toBe(true);
    expect(robots.isAllowed('/Fish/Salmon.asp')).toBe(true);
  });

  it('an empty disallow allows everything; robots.txt itself is always allowed', () => {
    expect(rules('Disallow:').isAllowed('/anything')).toBe(true);
    expect(rules('Disallow: /').isAllowed('/robots.txt')).toBe(true);
  });

  it('matches percent-encoded and raw non-ASCII paths alike', () => {
    expect(rules('Disallow: /café/').isAllowed('/caf%C3%A9/menu/')).toBe(false);
    expect(rules('Disallow: /caf%c3%a9/').isAllowed('/café/menu/')).toBe(false);
  });
});

describe('robots.txt groups', () => {
  const text = [
    '\uFEFF# comment',
    'Sitemap: https://example.com/sitemap.xml',
    'Disallow: /before-any-group/',
    'User-agent: Googlebot',
    'User-agent: bingbot # two agents, one group',
    'Disallow: /private/',
    '',
    'user-agent: *',
    'disallow: /',
    'allow: /public/',
    '',
    'User-agent: googlebot',
    'Dissallow: /drafts/',
    'SITEMAP: /other-sitemap.xml',
  ].join('\r\n');
  const robots = parseRobots(text);

  it('merges every group of an agent, matching its product token case-insensitively', () => {
    expect(robots.isAllowed('/private/x', 'Googlebot')).toBe(false);
    expect(robots.isAllowed('/drafts/x', 'Googlebot/2.1 (+http://www.google.com/bot.html)')).toBe(
      false,
    );
    expect(robots.isAllowed('/anything', 'Googlebot')).toBe(true);
    expect(robots.isAllowed('/private/x', 'BingBot')).toBe(false);
    expect(robots.isAllowed('/drafts/x', 'bingbot')).toBe(true);
  });

  it('falls back to the `*` group for other agents, ignoring rules before any group', () => {
    expect(robots.isAllowed('/anything', 'DuckDuckBot')).toBe(false);
    expect(robots.isAllowed('/public/page', 'DuckDuckBot')).toBe(true);
    expect(robots.isAllowed('/before-any-group/x', 'Googlebot')).toBe(true);
    expect(robots.verdict('/anything', 'DuckDuckBot').rule).toMatchObject({
      pattern: '/',
      line: 9,
    });
  });

  it('collects Sitemap lines wherever they are', () => {
    expect(robots.sitemaps).toEqual(['https://example.com/sitemap.xml', '/other-sitemap.xml']);
  });

  it('allows everything without a matching group', () => {
    const googleOnly = parseRobots('User-agent: Googlebot\nDisallow: /');
    expect(googleOnly.isAllowed('/x', 'bingbot')).toBe(true);
    expect(googleOnly.isAllowed('/x', 'Googlebot')).toBe(false);
    expect(parseRobots('').isAllowed('/x')).toBe(true);
  });
});
