import type { ControlFact } from '../model/facts.js';

/**
 * Message control in Markdown sources, as remark-message-control does it for remark-lint:
 * `<!-- lint disable rule-id -->` and `<!-- lint enable rule-id -->` hold from the comment's
 * line on, `<!-- lint ignore rule-id -->` covers the next block only, and no ids means every
 * rule. `linkworthy-disable`, `linkworthy-enable` and `linkworthy-ignore` are the same; in MDX
 * the comment is `{/* lint disable rule-id *\/}`.
 */

const HTML_COMMENT = /^<!--([\s\S]*?)-->$/;
const JS_COMMENT = /^\/\*([\s\S]*?)\*\/$/;
const DIRECTIVE =
  /^(?:lint\s+(disable|enable|ignore)|linkworthy-(disable|enable|ignore))(?:\s+([\s\S]*))?$/;

/**
 * The directive in a comment: an HTML comment (`<!-- … -->`) or, with `mdx`, the text of an
 * MDX expression (`/* … *\/`). Undefined for anything else.
 */
export function parseControl(
  text: string,
  mdx = false,
): Pick<ControlFact, 'kind' | 'ruleIds'> | undefined {
  const comment = (mdx ? JS_COMMENT : HTML_COMMENT).exec(text.trim());
  if (!comment) return undefined;
  const directive = DIRECTIVE.exec(comment[1]!.trim());
  if (!directive) return undefined;
  const kind = (directive[1] ?? directive[2]) as ControlFact['kind'];
  const ruleIds = (directive[3] ?? '').split(/[\s,]+/).filter(Boolean);
  return { kind, ruleIds };
}

/**
 * Whether the author turned off `ruleId` at `line` of a file with these controls (in source
 * order). Findings without a line are never suppressed. Linear in the number of controls.
 */
export function isSuppressed(
  controls: readonly ControlFact[] | undefined,
  line: number | undefined,
  ruleId: string,
): boolean {
  if (!controls || controls.length === 0 || line === undefined) return false;
  let disabled = false;
  for (const control of controls) {
    if (control.line > line) break;
    const named = control.ruleIds.length === 0 || control.ruleIds.includes(ruleId);
    if (!named) continue;
    if (control.kind === 'ignore') {
      if (line <= (control.until ?? control.line)) return true;
    } else {
      disabled = control.kind === 'disable';
    }
  }
  return disabled;
}
