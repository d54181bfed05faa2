import type { Rule } from '../model/rule.js';
import brokenFragment from './broken-fragment.js';
import brokenLink from './broken-link.js';
import parseError from './parse-error.js';

/** Every rule, by id. A test checks this list against the files in this folder and docs/rules. */
export const rules: ReadonlyMap<string, Rule> = new Map(
  [brokenLink, brokenFragment, parseError].map((rule) => [rule.id, rule as unknown as Rule]),
);
