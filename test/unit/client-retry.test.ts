import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { parseRetryAfter } from '../../src/client/http';
import { Pacer } from '../../src/client/pacer';
import { pool } from '../../src/store/store';
import { activeProjects, clientFor, rejection, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'demo' });
beforeEach(() => ctx.emu.reset('demo'));
const gaps = () => ctx.emu.requests.slice(1).map((r, i) => r.at - ctx.emu.requests[i]!.at);

describe('retries', () => {
  it('a read retries a 429 after exactly the Retry-After it was given', async () => {
    ctx.emu.addFault({ kind: '429', retryAfterSeconds: 1 });
    const list = await clientFor(ctx.emu).listProjects();
    assert.ok(list.data.length > 0);
    assert.deepEqual(
      ctx.emu.requests.map((r) => r.status),
      [429, 200],
    );
    const [gap] = gaps();
    assert.ok(gap! >= 990 && gap! < 1500, `waited ${gap} ms for Retry-After: 1`);
  });

  it('Retry-After as an HTTP date is honoured too', async () => {
    ctx.emu.addFault({ kind: '503', retryAfterSeconds: 2, retryAfterAsDate: true });
    await clientFor(ctx.emu).listProjects();
    const [gap] = gaps();
    // An HTTP date has whole seconds, so "2 s from now" is between 1 and 2 s away.
    assert.ok(gap! >= 900 && gap! < 2500, `waited ${gap} ms`);
  });

  it('without Retry-After, backs off exponentially (with jitter) until it works', async () => {
    ctx.emu.addFault({ kind: '502', count: 2 });
    await clientFor(ctx.emu, { retryBaseDelayMs: 100, retryMaxDelayMs: 10_000 }).listProjects();
    assert.deepEqual(
      ctx.emu.requests.map((r) => r.status),
      [502, 502, 200],
    );
    const [first, second] = gaps();
    assert.ok(first! >= 50 && first! < 400, `first backoff ${first} ms (100 ms ± jitter)`);
    assert.ok(second! >= 100 && second! < 600, `second backoff ${second} ms (200 ms ± jitter)`);
  });

  it('a 429 without Retry-After backs off longer than a 5xx', async () => {
    ctx.emu.addFault({ kind: '429' });
    await clientFor(ctx.emu, { retryBaseDelayMs: 100, retryMaxDelayMs: 10_000 }).listProjects();
    const [gap] = gaps();
    assert.ok(gap! >= 200 && gap! < 700, `waited ${gap} ms (400 ms ± jitter)`);
  });

  it('backoff is capped', async () => {
    ctx.emu.addFault({ kind: '500', count: 2 });
    await clientFor(ctx.emu, { retryBaseDelayMs: 10_000, retryMaxDelayMs: 150 }).listProjects();
    assert.ok(
      gaps().every((g) => g < 500),
      `gaps ${gaps().join(', ')}`,
    );
  });

  it('a Retry-After longer than the client will wait fails at once and says when to try', async () => {
    ctx.emu.addFault({ kind: '429', retryAfterSeconds: 120 });
    const started = Date.now();
    const e = await rejection(clientFor(ctx.emu).listProjects());
    assert.ok(Date.now() - started < 1000);
    assert.equal(e.status, 429);
    assert.equal(e.retryAfterMs, 120_000);
    assert.match(e.message, /Try again in 120 s/);
    assert.equal(ctx.emu.requests.length, 1);
  });

  it('a dropped connection on a read is retried', async () => {
    ctx.emu.addFault({ kind: 'drop' });
    await clientFor(ctx.emu).listProjects();
    assert.deepEqual(
      ctx.emu.requests.map((r) => r.fault ?? r.status),
      ['drop', 200],
    );
  });

  it('creates, updates and deletes are never retried', async () => {
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu)[0]!;
    const key = p.api_keys.find((k) => k.owner.type === 'user')!;
    const attempts = [
      () => c.createProject({ projectCreateRequest: { name: 'Once' } }),
      () => c.createProjectServiceAccount({ projectId: p.id, projectServiceAccountCreateRequest: { name: 'once' } }),
      () => c.updateProjectRateLimits({ projectId: p.id, rateLimitId: p.rate_limits[0]!.id, projectRateLimitUpdateRequest: { max_requests_per_1_minute: 1 } }),
      () => c.deleteProjectApiKey({ projectId: p.id, keyId: key.id }),
    ];
    for (const kind of ['429', '503'] as const) {
      for (const attempt of attempts) {
        ctx.emu.requests.length = 0;
        ctx.emu.addFault({ kind, retryAfterSeconds: 0 });
        const e = await rejection(attempt());
        assert.equal(e.status, Number(kind));
        assert.equal(ctx.emu.requests.length, 1, `${ctx.emu.requests[0]?.method} ${ctx.emu.requests[0]?.path} was sent once`);
      }
    }
    assert.ok(!ctx.emu.org.projects.some((x) => x.name === 'Once'));
  });

  it('maxRetries 0 means one attempt', async () => {
    ctx.emu.addFault({ kind: '503', count: 5 });
    await rejection(clientFor(ctx.emu, { maxRetries: 0 }).listProjects());
    assert.equal(ctx.emu.requests.length, 1);
  });

  it('cancelling during a backoff wait stops at once', async () => {
    ctx.emu.addFault({ kind: '429', retryAfterSeconds: 30 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = Date.now();
    const e = await rejection(clientFor(ctx.emu).listProjects({}, { signal: ac.signal }));
    assert.equal(e.kind, 'aborted');
    assert.ok(Date.now() - started < 1000);
    assert.equal(ctx.emu.requests.length, 1);
  });

  it('the emulator’s own rate limit (rpm) is normal weather: reads wait and succeed', async () => {
    ctx.emu.setRpm(3, true);
    const c = clientFor(ctx.emu, { retryBaseDelayMs: 10 });
    const p = activeProjects(ctx.emu)[0]!;
    for (let i = 0; i < 3; i++) await c.listProjectUsers({ projectId: p.id });
    const e = await rejection(clientFor(ctx.emu, { maxRetries: 0 }).listProjects());
    assert.equal(e.status, 429);
    assert.equal(e.type, 'requests');
    assert.ok((e.retryAfterMs as number) > 50_000, 'the window resets in about a minute');
    ctx.emu.setRpm(0);
  });

  it('paced: after one 429 without Retry-After the client keeps to the learned limit; nothing is fetched twice', async () => {
    // The API's window is a minute; here both sides use 1.5 s so the pacing shows in seconds.
    ctx.emu.setRpm(8, false, 1500);
    const pacer = new Pacer(1500);
    const c = clientFor(ctx.emu, { pacer, maxRetries: 0 });
    const ids = ctx.emu.org.projects.map((p) => p.id);
    const reads = Array.from({ length: 30 }, (_, i) => ids[i % ids.length]!);
    const run = pool(4);
    const started = Date.now();
    const got = await Promise.all(reads.map((id, i) => run(() => c.listProjectUsers({ projectId: id, limit: 1 + i }))));
    assert.equal(got.length, 30);
    const log = ctx.emu.requests;
    const refused = log.filter((r) => r.status === 429);
    const ok = log.filter((r) => r.status === 200);
    assert.equal(ok.length, 30);
    assert.equal(new Set(ok.map((r) => r.path + r.query)).size, 30, 'no read succeeded twice');
    // Only the reads in flight when the limit was first met were refused (at most the pool of 4), once each.
    assert.ok(refused.length >= 1 && refused.length <= 4, `${refused.length} refused`);
    assert.equal(new Set(refused.map((r) => r.path + r.query)).size, refused.length);
    assert.equal(pacer.state.limit, 8);
    pacer.forget();
    assert.equal(pacer.state.limit, undefined, 'Refresh starts over');
    // 30 reads at 8 per 1.5 s: at least three full windows after the first eight.
    assert.ok(Date.now() - started >= 3 * 1500, `took ${Date.now() - started} ms`);
    ctx.emu.setRpm(0);
  });

  it('paced: a write the limit refuses is reported, not sent again', async () => {
    ctx.emu.setRpm(1, false, 60_000);
    const pacer = new Pacer();
    const c = clientFor(ctx.emu, { pacer });
    await c.listProjects();
    const e = await rejection(c.createProject({ projectCreateRequest: { name: 'Once' } }));
    assert.equal(e.status, 429);
    assert.deepEqual(
      ctx.emu.requests.map((r) => `${r.method} ${r.status}`),
      ['GET 200', 'POST 429'],
    );
    ctx.emu.setRpm(0);
  });

  it('parses Retry-After forms', () => {
    const h = (o: Record<string, string>) => new Headers(o);
    assert.equal(parseRetryAfter(h({ 'retry-after': '3' })), 3000);
    assert.equal(parseRetryAfter(h({ 'retry-after': '0.5' })), 500);
    assert.equal(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '3' })), 250);
    assert.equal(parseRetryAfter(h({ 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }), Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
    assert.equal(parseRetryAfter(h({ 'retry-after': 'soon' })), undefined);
    assert.equal(parseRetryAfter(h({})), undefined);
  });
});
