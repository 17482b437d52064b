#!/usr/bin/env node
// npm test: build and lint, unit tests, then the offline VS Code host (provisioned on first use) for the
// extension-host suite, the UI tests in Chromium and the benchmark's smoke run. Every phase runs; the
// last line is the total.
import { spawn } from 'node:child_process';

const phases = [
  { name: 'build', cmd: 'npm run build' },
  // ESLint (typescript-eslint, strict type-checked) and Prettier's check: the codebase as written.
  { name: 'lint', cmd: 'npm run lint' },
  { name: 'unit', cmd: 'npm run test:unit', counted: true },
  { name: 'host', cmd: 'node scripts/host/provision.mjs', gate: true },
  { name: 'extension host', cmd: 'npm run test:host', counted: true, needs: 'host' },
  { name: 'ui', cmd: 'npm run test:ui', counted: true, needs: 'host' },
  // The benchmark at smoke size: fails on a regression beyond 2× its budgets, or any request budget.
  { name: 'bench (smoke)', cmd: 'npm run bench -- --smoke', counted: true, needs: 'host' },
];

/** Streams a phase's output and keeps it, to read its counts. */
function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (process.stdout.write(b), (out += b)));
    child.stderr.on('data', (b) => (process.stderr.write(b), (out += b)));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

/** node:test's summary (tap "# pass N" or spec "ℹ pass N"; fail and cancelled count as failed), or the host runner's "host: N passed, N failed" (the benchmark's "bench: …", a budget per test). */
function counts(out) {
  // The benchmark's own line first: its output also holds the host runs' lines.
  const host = /^bench: (\d+) passed, (\d+) failed$/m.exec(out) ?? /^host: (\d+) passed, (\d+) failed$/m.exec(out);
  if (host) return { passed: +host[1], failed: +host[2] };
  const passed = [...out.matchAll(/^(?:#|ℹ) pass (\d+)$/gm)].reduce((n, m) => n + +m[1], 0);
  // A test cancelled (its hook failed, or it outlived its parent) did not pass either.
  const failed = [...out.matchAll(/^(?:#|ℹ) (?:fail|cancelled) (\d+)$/gm)].reduce((n, m) => n + +m[1], 0);
  return { passed, failed };
}

/** The failing tests' titles and first error line (mocha's ✘, node:test's ✖), so the log's tail names them. */
function failures(out) {
  const lines = out.split('\n');
  const found = [];
  lines.forEach((l, i) => {
    if (!/^\s*(?:\[mocha\]\s*)?[✘✖] /.test(l) || /^\s*✖ failing tests:/.test(l)) return;
    const why = lines.slice(i + 1, i + 4).find((x) => x.trim() && !/^\s*at /.test(x)) ?? '';
    found.push(`  ${l.trim()}${why ? `\n      ${why.trim().slice(0, 300)}` : ''}`);
  });
  return [...new Set(found)].slice(0, 30);
}

const failedPhases = [];
const failedTests = [];
const skipped = new Set();
let passed = 0;
let failed = 0;
for (const p of phases) {
  if (p.needs && skipped.has(p.needs)) {
    console.log(`\n=== ${p.name}: skipped (${p.needs} is not available)`);
    failedPhases.push(p.name);
    continue;
  }
  console.log(`\n=== ${p.name}: ${p.cmd}`);
  const started = Date.now();
  const r = await run(p.cmd);
  const c = p.counted ? counts(r.out) : undefined;
  if (c) {
    passed += c.passed;
    failed += c.failed;
  }
  // A phase that exits 0 but ran no test has not passed.
  const ok = r.code === 0 && (!c || (c.passed > 0 && c.failed === 0));
  console.log(
    `=== ${p.name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s${c ? ` (${c.passed} passed, ${c.failed} failed)` : ''}`,
  );
  if (!ok) {
    failedPhases.push(p.name);
    for (const f of failures(r.out)) failedTests.push(`[${p.name}] ${f.trim()}`);
    if (p.gate) skipped.add(p.name);
    if (p.name === 'build') break;
  }
}
if (failedTests.length) console.log(`\nfailing tests:\n${failedTests.map((t) => `  ${t}`).join('\n')}`);
if (failedPhases.length) console.log(`\nfailed phases: ${failedPhases.join(', ')}`);
if (failedPhases.length && failed === 0) failed = failedPhases.length; // a phase that broke before counting
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failedPhases.length ? 1 : 0);
