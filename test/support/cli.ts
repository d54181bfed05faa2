import { main, type CliIo } from 'linkworthy';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, no colours, in `cwd`; `io` overrides the rest. */
export async function runCli(
  argv: string[],
  cwd: string,
  io: Partial<CliIo> = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    colorTerminal: false,
    cwd,
    ...io,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
