import {
  extractHtml,
  placeInPage,
  resolveConfig,
  rules,
  runRules,
  Site,
  type Finding,
  type Rule,
} from '@linkworthy/core';
import { describe, expect, it } from 'vitest';

// A rule that throws (a bug meeting input nobody foresaw) must cost its own findings, never the
// run: the other rules report as usual and the crash becomes an error finding that says so.

const brokenLink = rules.get('broken-link')!;

const crashing: Rule = {
  id: 'crashing-rule',
  meta: { description: 'Throws.', category: 'links', defaultSeverity: 'warn', recommended: false },
  // Any schema: this rule reads no options.
  options: brokenLink.options,
  check({ site, report }) {
    const [first] = site.pages;
    if (first) report({ page: first, messageId: 'before', message: 'Reported before the crash.' });
    throw new TypeError('Invalid URL: //');
  },
};

describe('a rule that throws', () => {
  it('becomes an error finding, and the other rules still report', () => {
    const config = resolveConfig(
      [{ origin: 'test', config: { rules: { 'crashing-rule': 'warn', 'broken-link': 'error' } } }],
      new Map([
        [crashing.id, crashing],
        [brokenLink.id, brokenLink],
      ]),
    );
    const page = extractHtml('<title>A</title><p><a href="/missing/">Missing</a></p>', {
      file: 'index.html',
    });
    const seen: Finding[] = [];
    const findings = runRules(new Site([page]), config, placeInPage, undefined, (finding) =>
      seen.push(finding),
    );
    expect(findings.map((finding) => `${finding.ruleId}:${finding.messageId}`).sort()).toEqual([
      'broken-link:missing',
      'crashing-rule:before',
      'crashing-rule:ruleCrashed',
    ]);
    const crash = findings.find((finding) => finding.messageId === 'ruleCrashed')!;
    expect(crash.severity).toBe('error');
    expect(crash.message).toContain('Rule `crashing-rule` stopped with an error');
    expect(crash.message).toContain('Invalid URL: //');
    expect(crash.data?.stack).toContain('TypeError');
    // Lazy placement in sources rebuilds the findings from these: the crash must be among them.
    expect(seen).toContain(crash);
  });
});
