import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AstroBuild {
  /** The exit status (null when the build was killed by the timeout). */
  status: number | null;
  /** stdout and stderr together. */
  output: string;
  /** The version of the project's Astro. */
  version: string;
}

/**
 * Runs `astro build` in the project at `root` with the project's own Astro, as a user would:
 * no telemetry, no colours, and `LINKWORTHY_TIMING=1`, so tests can see where the analysis ran.
 */
export function astroBuild(root: string, env: Record<string, string> = {}): AstroBuild {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules/astro/package.json'), 'utf8')) as {
    version: string;
    bin: { astro: string };
  };
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/astro', pkg.bin.astro), 'build'],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        LINKWORTHY_TIMING: '1',
        ...env,
      },
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return {
    status: result.status,
    output: `${result.stdout}${result.stderr}`,
    version: pkg.version,
  };
}
