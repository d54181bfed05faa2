import type { LintProgress } from '@linkworthy/core';

const UNITS: Record<LintProgress['phase'], string> = { extract: 'files', rules: 'rules' };
/** With the label, a line stays within 75 columns. */
const MAX_LABEL = 20;
const BAR_WIDTH = 20;

/**
 * One line of the progress bar, e.g. `[=====>    ] 1234/2000 files`: `width` cells, filled in
 * proportion to `done / total` (clamped), with `>` at the head while it is not full.
 */
export function renderProgress({ phase, done, total }: LintProgress, width = 30): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.floor(ratio * width);
  const bar =
    filled >= width
      ? '='.repeat(width)
      : `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}`;
  return `[${bar}] ${done}/${total} ${UNITS[phase]}`;
}

export interface ProgressBar {
  /** Draws the progress, when it changed the line. */
  update: (progress: LintProgress) => void;
  /** Clears the line, if anything was drawn. */
  stop: () => void;
}

/**
 * The progress bar on standard error: only when it is a terminal (`progressTerminal`), so logs
 * and pipes stay clean; the line is redrawn in place and cleared at the end.
 */
export function startProgressBar(
  io: { stderr: (text: string) => void; progressTerminal?: boolean },
  label: string,
): ProgressBar {
  if (!io.progressTerminal) return { update: () => undefined, stop: () => undefined };
  // Short enough for an 80-column terminal: a wrapped line could not be redrawn in place.
  const name = label.length > MAX_LABEL ? `…${label.slice(1 - MAX_LABEL)}` : label;
  let shown = '';
  return {
    update: (progress) => {
      const line = `linkworthy: ${name} ${renderProgress(progress, BAR_WIDTH)}`;
      if (line === shown) return;
      io.stderr(`\r\u001B[K${line}`);
      shown = line;
    },
    stop: () => {
      if (shown) io.stderr('\r\u001B[K');
      shown = '';
    },
  };
}
