import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from './errors.js';

export const CONFIG_FILE_NAMES = [
  'linkworthy.config.ts',
  'linkworthy.config.mts',
  'linkworthy.config.mjs',
  'linkworthy.config.js',
  'linkworthy.config.json',
];

export interface LoadedConfig {
  /** The file, relative to the root. */
  file: string;
  config: unknown;
}

/** Finds and loads `linkworthy.config.*` in `root`; undefined when there is none. */
export async function loadConfigFile(
  root: string,
  explicit?: string,
): Promise<LoadedConfig | undefined> {
  const candidates = explicit ? [explicit] : CONFIG_FILE_NAMES;
  for (const name of candidates) {
    // An explicit file may be anywhere (the CLI's `--config` is resolved from where it runs).
    const path = resolve(root, name);
    let modified: number;
    try {
      modified = (await stat(path)).mtimeMs;
    } catch {
      if (explicit)
        throw new ConfigError(explicit, [{ path: '', message: 'the file does not exist.' }]);
      continue;
    }
    const inRoot = relative(root, path);
    const file = inRoot === '' || inRoot.startsWith('..') || isAbsolute(inRoot) ? path : inRoot;
    if (name.endsWith('.json')) {
      try {
        return { file, config: JSON.parse(await readFile(path, 'utf8')) as unknown };
      } catch (error) {
        throw new ConfigError(file, [
          { path: '', message: `not valid JSON: ${(error as Error).message}.` },
        ]);
      }
    }
    try {
      // The query defeats Node's module cache so an edited config is re-read in watch mode.
      const module = (await import(`${pathToFileURL(path).href}?mtime=${modified}`)) as {
        default?: unknown;
      };
      return { file, config: module.default };
    } catch (error) {
      throw new ConfigError(file, [
        { path: '', message: `could not be loaded: ${(error as Error).message}` },
      ]);
    }
  }
  return undefined;
}
