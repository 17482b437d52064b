#!/usr/bin/env node
// Runs before `npm start` and `npm test`: installs the locked dependencies when node_modules is
// missing or older than package-lock.json, so a fresh clone needs no separate install step.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const mtime = (f) => {
  try {
    return statSync(f).mtimeMs;
  } catch {
    return undefined;
  }
};
const installed = mtime('node_modules/.package-lock.json');
if (installed === undefined || installed < (mtime('package-lock.json') ?? 0)) {
  console.error('[deps] installing the locked dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
