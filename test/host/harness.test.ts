// The harness cannot pass on a broken suite: a failing assertion, a hang, a crash and a missing tests
// module each make the runner exit non-zero. Each case starts the real server, browser and host.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const runner = join(__dirname, '..', '..', 'tools', 'host', 'run-extension-tests.ts');

function runWith(entry: string, timeoutMs = 60_000) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', runner, entry], {
    encoding: 'utf8',
    env: { ...process.env, OAIPX_HOST_TIMEOUT_MS: String(timeoutMs) },
    timeout: timeoutMs + 60_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  // A runner that did not start fails too: that is no proof of the harness.
  assert.doesNotMatch(out, /Cannot find module '[^']*run-extension-tests/, 'the runner itself started');
  return { status: r.status, out };
}

describe('extension-host harness', () => {
  it('fails when an assertion fails inside the host', () => {
    const r = runWith(join(__dirname, 'fixtures/failing.js'));
    assert.notEqual(r.status, 0);
    assert.match(r.out, /Expected values to be strictly equal|3/);
  });

  it('fails when the tests module is missing', () => {
    const r = runWith(join(__dirname, 'fixtures/no-such-suite.js'));
    assert.notEqual(r.status, 0);
    assert.match(r.out, /Cannot find module|no-such-suite/);
  });

  it('fails when the host exits "successfully" without reporting results', () => {
    const r = runWith(join(__dirname, 'fixtures/crash.js'), 30_000);
    assert.notEqual(r.status, 0);
  });

  it('fails when the suite hangs, within its time limit', () => {
    const started = Date.now();
    const r = runWith(join(__dirname, 'fixtures/hang.js'), 15_000);
    assert.notEqual(r.status, 0);
    assert.match(r.out, /did not finish within 15 s/);
    assert.ok(Date.now() - started < 60_000, 'the runner stopped itself');
  });
});
