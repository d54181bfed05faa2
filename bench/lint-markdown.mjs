#!/usr/bin/env node
// linkworthy over a folder of Markdown, as the remark plugin and the source pass see it:
// `node bench/lint-markdown.mjs <dir>` prints the summary and the count of broken-* findings.
import { lint } from '@linkworthy/core';

const root = process.argv[2];
if (!root) throw new Error('usage: node bench/lint-markdown.mjs <dir>');
const report = await lint({ root, sources: ['.'], configFile: false });
const broken = report.findings.filter((finding) => finding.ruleId.startsWith('broken-')).length;
console.log(`pages: ${report.summary.pages}, links: ${report.summary.links}, broken: ${broken}`);
