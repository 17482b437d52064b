import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { collect } from '../../src/client';
import { startEmulator } from '../../tools/emulator/server';
import { buildSeed } from '../../tools/emulator/seeds';
import { clientFor, rejection } from './helpers';

describe('emulator', () => {
  it('npm run emulator prints its base URL and admin key, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/emulator/cli.ts', '--port', '0', '--seed', 'empty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 15_000;
    while (!/admin key: (\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const baseUrl = /base URL:\s+(\S+)/.exec(out)?.[1];
    const key = /admin key: (\S+)/.exec(out)?.[1];
    assert.match(String(baseUrl), /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const r = await fetch(`${baseUrl}/organization/projects`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(((await r.json()) as { data: unknown[] }).data.length, 1);
    const exited = new Promise((res) => child.on('exit', res));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('the CLI refuses bad flags with a clear message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/emulator/cli.ts', '--seed', 'huge'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((res) => child.on('exit', res));
    assert.equal(code, 2);
    assert.match(err, /Unknown seed "huge"/);
  });

  it('binds to 127.0.0.1 only', async () => {
    const emu = await startEmulator({ seed: 'empty' });
    try {
      assert.match(emu.baseUrl, /^http:\/\/127\.0\.0\.1:/);
      const health = (await (await fetch(`${emu.controlUrl}/health`)).json()) as { baseUrl: string };
      assert.equal(health.baseUrl, emu.baseUrl);
    } finally {
      await emu.close();
    }
  });

  it('seeds are deterministic, and differ by seed value', () => {
    assert.deepEqual(buildSeed('demo', 7), buildSeed('demo', 7));
    assert.notEqual(buildSeed('demo', 7).projects[0]!.id, buildSeed('demo', 8).projects[0]!.id);
    const demo = buildSeed('demo');
    assert.equal(demo.projects.filter((p) => p.is_default).length, 1);
    assert.equal(demo.projects.filter((p) => p.status === 'archived').length, 1);
    assert.ok(demo.projects.filter((p) => p.status === 'active').length >= 4);
    assert.ok(demo.users.length >= 10);
    assert.ok(demo.projects.some((p) => p.service_accounts.length > 1));
    const models = Math.max(...demo.projects.map((p) => p.rate_limits.length));
    assert.ok(models >= 10 && models <= 20);
    assert.equal(buildSeed('large:1000').projects.length, 1000);
    assert.ok(buildSeed('large:1000').projects.every((p) => p.is_default || (p.members.length && p.api_keys.length && p.rate_limits.length)));
    assert.equal(buildSeed('empty').projects.length, 1);
  });

  it('persists to a data file atomically and survives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-'));
    const dataFile = join(dir, 'org.json');
    const first = await startEmulator({ seed: 'demo', dataFile });
    const created = await clientFor(first).createProject({ projectCreateRequest: { name: 'Survivor' } });
    await first.close();
    assert.deepEqual(readdirSync(dir), ['org.json'], 'no temporary file is left behind');
    const second = await startEmulator({ seed: 'empty', dataFile });
    try {
      assert.equal(second.adminKey, first.adminKey, 'the same key works after a restart');
      const again = await clientFor(second).retrieveProject({ projectId: created.id });
      assert.equal(again.name, 'Survivor');
      assert.ok((JSON.parse(readFileSync(dataFile, 'utf8')) as { projects: { id: string }[] }).projects.some((p) => p.id === created.id));
    } finally {
      await second.close();
    }
    assert.ok(existsSync(dataFile));
    writeFileSync(dataFile, '{"truncated');
    await assert.rejects(startEmulator({ dataFile }), /Could not read the data file .*Delete it to start from the seed/);
  });

  it('control endpoints: faults, latency and the request log over HTTP', async () => {
    const emu = await startEmulator({ seed: 'demo' });
    const post = (path: string, body: unknown) => fetch(`${emu.controlUrl}/${path}`, { method: 'POST', body: JSON.stringify(body) });
    try {
      const c = clientFor(emu, { maxRetries: 0 });
      await post('faults', { kind: '503', count: 2, method: 'GET', path: '^/organization/users$' });
      await c.listProjects();
      assert.equal((await rejection(c.listOrganizationUsers())).status, 503);
      assert.equal((await rejection(c.listOrganizationUsers())).status, 503);
      await c.listOrganizationUsers();

      await post('latency', { ms: 150 });
      const started = Date.now();
      await c.listProjects();
      assert.ok(Date.now() - started >= 150);
      await post('latency', { ms: 0 });

      const log = (await (await fetch(`${emu.controlUrl}/requests`)).json()) as { requests: { path: string; status: number }[] };
      assert.deepEqual(
        log.requests.map((r) => r.status),
        [200, 503, 503, 200, 200],
      );
      await fetch(`${emu.controlUrl}/requests`, { method: 'DELETE' });
      assert.equal(emu.requests.length, 0);

      const reset = (await (await post('reset', { seed: 'empty' })).json()) as { adminKey: string };
      assert.equal(reset.adminKey, emu.adminKey);
      assert.equal((await clientFor(emu).listProjects()).data.length, 1);
      const bad = await post('faults', { kind: '429', path: '([' });
      assert.equal(bad.status, 400);
      const notJson = await fetch(`${emu.controlUrl}/latency`, { method: 'POST', body: '{ms:' });
      assert.equal(notJson.status, 400);
    } finally {
      await emu.close();
    }
  });

  it('answers unknown URLs, bad JSON and unknown fields the way the API does', async () => {
    const emu = await startEmulator({ seed: 'demo' });
    const h = { authorization: `Bearer ${emu.adminKey}`, 'content-type': 'application/json' };
    try {
      const unknown = await fetch(`${emu.baseUrl}/organization/projectz`, { headers: h });
      assert.equal(unknown.status, 404);
      assert.match(((await unknown.json()) as { error: { message: string } }).error.message, /Invalid URL \(GET \/v1\/organization\/projectz\)/);
      const badJson = await fetch(`${emu.baseUrl}/organization/projects`, { method: 'POST', headers: h, body: '{name:' });
      assert.equal(badJson.status, 400);
      const extra = await fetch(`${emu.baseUrl}/organization/projects`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'x', color: 'red' }) });
      assert.equal(((await extra.json()) as { error: { param: string } }).error.param, 'color');
      const noName = await fetch(`${emu.baseUrl}/organization/projects`, { method: 'POST', headers: h, body: '{}' });
      assert.equal(((await noName.json()) as { error: { code: string } }).error.code, 'missing_required_parameter');
      assert.ok(!emu.org.projects.some((p) => p.name === 'x'));
      assert.match(unknown.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
      const badEscape = await fetch(`${emu.baseUrl}/organization/projects/%E0%A4%A`, { headers: h });
      assert.equal(badEscape.status, 400);
    } finally {
      await emu.close();
    }
  });

  it('rpm: a per-key budget, with or without Retry-After', async () => {
    const emu = await startEmulator({ seed: 'empty', rpm: 2 });
    try {
      const c = clientFor(emu, { maxRetries: 0 });
      await c.listProjects();
      await c.listProjects();
      const e = await rejection(c.listProjects());
      assert.equal(e.status, 429);
      assert.equal(e.retryAfterMs, undefined, 'like the real API, no Retry-After by default');
      emu.setRpm(1, true);
      await c.listProjects();
      const withHeader = await rejection(c.listProjects());
      assert.ok((withHeader.retryAfterMs as number) >= 1000);
    } finally {
      await emu.close();
    }
  });

  it('large:N lists N projects in ceil(N/100) requests', async () => {
    const emu = await startEmulator({ seed: 'large:1000' });
    try {
      const c = clientFor(emu);
      const all = await collect((after) => c.listProjects({ limit: 100, after }));
      assert.equal(all.length, 1000);
      assert.equal(emu.requests.length, 10);
    } finally {
      await emu.close();
    }
  });
});
