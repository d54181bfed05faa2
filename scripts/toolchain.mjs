#!/usr/bin/env node
// The two-command promise: `npm start` and `npm test` must work on a machine that has only the
// system Node (20) and npm. This script runs on that Node, with no dependencies, and brings the
// project's own toolchain (Node 24 and pnpm 12, pinned exactly in tools/toolchain/package.json)
// before handing the task to pnpm with that Node first on PATH.
//
// Usage: node scripts/toolchain.mjs run <pnpm-script> [args…]
//        node scripts/toolchain.mjs exec <command> [args…]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const toolchainDir = join(root, 'tools', 'toolchain');
const binDir = join(toolchainDir, 'node_modules', '.bin');
const wanted = JSON.parse(readFileSync(join(toolchainDir, 'package.json'), 'utf8')).dependencies;

function log(message) {
  process.stderr.write(`[linkworthy] ${message}\n`);
}

function fail(message) {
  log(message);
  process.exit(1);
}

/** Runs a command with inherited stdio; returns its exit status. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function installedVersion(tool) {
  const bin = join(binDir, tool);
  if (!existsSync(bin)) return undefined;
  const result = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

function ensureToolchain() {
  if (installedVersion('node') === wanted.node && installedVersion('pnpm') === wanted.pnpm) return;
  log(`installing the toolchain (Node ${wanted.node}, pnpm ${wanted.pnpm}) into tools/toolchain`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // No lockfile: the registry's platform-specific optional packages (pnpm ships one per OS)
  // are not all recorded by npm here, which makes `npm ci` refuse; the versions are exact.
  const status = run(
    npm,
    ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: toolchainDir },
  );
  if (status !== 0) fail('npm install in tools/toolchain failed; see the output above');
}

/** The environment every later step runs in: our Node first on PATH, npm's variables removed. */
function toolchainEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // npm exports its own settings (npm_config_*, npm_lifecycle_*); pnpm and node-gyp would
    // otherwise pick some of them up as if the user had set them.
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  env.PATH = [binDir, join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter);
  return env;
}

function ensureDependencies(env) {
  const lockfile = join(root, 'pnpm-lock.yaml');
  const stamp = join(root, 'node_modules', '.linkworthy-install-stamp');
  const lockMtime = existsSync(lockfile) ? statSync(lockfile).mtimeMs : 0;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(lockMtime)) return;
  log('installing dependencies with pnpm');
  const args = ['install'];
  if (existsSync(lockfile)) args.push('--frozen-lockfile');
  const status = run(join(binDir, 'pnpm'), args, { cwd: root, env });
  if (status !== 0) fail('pnpm install failed; see the output above');
  writeFileSync(stamp, String(lockMtime));
}

const [mode, ...rest] = process.argv.slice(2);
if ((mode !== 'run' && mode !== 'exec') || rest.length === 0) {
  fail('usage: node scripts/toolchain.mjs run <pnpm-script> [args…] | exec <command> [args…]');
}
ensureToolchain();
const env = toolchainEnv();
ensureDependencies(env);
const status =
  mode === 'run'
    ? run(join(binDir, 'pnpm'), ['run', '--silent', ...rest], { cwd: root, env })
    : run(rest[0], rest.slice(1), { cwd: process.cwd(), env });
process.exit(status);
