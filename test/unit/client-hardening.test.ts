// Where the admin key may go: plain http only to this machine, and never along a redirect.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createProjectsClient, Pacer } from '../../src/client';
import { MAX_RESPONSE_BYTES } from '../../src/client/http';
import { clientFor, rejection, useEmulator } from './helpers';

describe('client hardening', () => {
  const ctx = useEmulator({ seed: 'demo' });
  // Another origin, to which a redirect points: it records any Authorization header it is sent.
  const elsewhere = { url: '', seen: [] as (string | undefined)[], close: () => undefined as unknown };
  before(async () => {
    const server = createServer((req, res) => {
      elsewhere.seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"list","data":[],"has_more":false}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    elsewhere.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    elsewhere.close = () => server.close();
  });
  after(() => elsewhere.close());

  it('refuses plain http to another host before sending anything; allows it to this machine', () => {
    const make = (baseUrl: string) => () => createProjectsClient({ baseUrl, apiKey: ctx.emu.adminKey });
    assert.throws(make('http://api.example.com/v1'), /plain http to api\.example\.com: the admin key would travel unencrypted/);
    assert.throws(make('http://10.0.0.5:8080/v1'), /plain http/);
    assert.throws(make('http://exa mple/v1'), /is not a valid URL/);
    for (const ok of [
      'http://127.0.0.1:4010/v1',
      'http://localhost:4010/v1',
      'http://[::1]:4010/v1',
      'https://api.example.com/v1',
      'https://proxy.example.com/openai/v1/',
    ]) {
      assert.doesNotThrow(make(ok), ok);
    }
  });

  it('does not follow a redirect, for a read or a write: the key never reaches the other origin', async () => {
    const c = clientFor(ctx.emu);
    for (const method of ['GET', 'POST']) {
      ctx.emu.addFault({
        kind: 'response',
        status: 302,
        method,
        path: '^/organization/projects$',
        body: {},
        headers: { location: `${elsewhere.url}/v1/organization/projects?token=abc` },
      });
    }
    const read = await rejection(c.listProjects());
    assert.match(read.message, /redirect \(302\) to http:\/\/127\.0\.0\.1:\d+\/v1\/organization\/projects; it was not followed/);
    assert.ok(!read.message.includes('token=abc'), 'the target’s query is not shown');
    const write = await rejection(c.createProject({ projectCreateRequest: { name: 'x' } }));
    assert.match(write.message, /not followed/);
    assert.deepEqual(elsewhere.seen, [], 'nothing reached the other origin');
    assert.ok(!ctx.emu.org.projects.some((p) => p.name === 'x'));
  });

  it('a Retry-After beyond the longest wait fails at once with when to try again, and holds no later request', async () => {
    ctx.emu.reset('demo');
    const pacer = new Pacer();
    const c = clientFor(ctx.emu, { pacer, maxRetryAfterMs: 60_000 });
    ctx.emu.addFault({ kind: '429', path: '^/organization/projects$', retryAfterSeconds: 3600 });
    const t = Date.now();
    const first = await rejection(c.listProjects());
    assert.match(first.message, /Try again in 3600 s/);
    const sent = ctx.emu.requests.length;
    const p = ctx.emu.org.projects[0]!;
    const second = await rejection(c.listProjectUsers({ projectId: p.id }));
    assert.match(second.message, /Rate limited .* Try again in 3\d{3} s/);
    assert.equal(ctx.emu.requests.length, sent, 'the later request was not sent');
    assert.ok(Date.now() - t < 2000, `failed at once (${Date.now() - t} ms), not after a wait`);
    assert.equal(pacer.state.waiting, 0);
    // Refresh starts over (the pacer forgets): the next request goes.
    pacer.forget();
    const users = await c.listProjectUsers({ projectId: p.id });
    assert.equal(ctx.emu.requests.length, sent + 1, 'sent this time');
    assert.equal(users.object, 'list');
  });

  it('a base URL with a path of its own, through a proxy, and with a trailing slash: every request keeps the path', async () => {
    ctx.emu.reset('demo');
    // A gateway in front of the API, as companies run them: /gateway/openai/v1/… is forwarded to /v1/….
    const forwarded: string[] = [];
    const upstream = new URL(ctx.emu.baseUrl);
    const proxy = createServer((req, res) => {
      const path = req.url!.replace(/^\/gateway\/openai\/v1/, '/v1');
      forwarded.push(`${req.method} ${req.url}`);
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: { ...req.headers, host: upstream.host } },
        (up) => {
          res.writeHead(up.statusCode!, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(out);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/gateway/openai/v1`;
      for (const baseUrl of [base, `${base}/`]) {
        forwarded.length = 0;
        const c = createProjectsClient({ baseUrl, apiKey: ctx.emu.adminKey });
        const listed = await c.listProjects({ limit: 100 });
        assert.equal(listed.data.length, ctx.emu.org.projects.filter((p) => p.status === 'active').length);
        const made = await c.createProject({ projectCreateRequest: { name: `Through the gateway ${baseUrl.length}` } });
        assert.deepEqual(forwarded, ['GET /gateway/openai/v1/organization/projects?limit=100', 'POST /gateway/openai/v1/organization/projects'], baseUrl);
        assert.ok(ctx.emu.org.projects.some((p) => p.id === made.id));
      }
    } finally {
      proxy.close();
    }
  });
});

describe('an answer too large to read', () => {
  const ctx = useEmulator({ seed: 'demo' });
  // [how the server sends it, whether it declares its length]
  const senders: [string, (res: import('node:http').ServerResponse) => void][] = [
    [
      'declared larger than the cap',
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
        res.write('{"object":"list","data":[');
      },
    ],
    [
      'sent without a length, never ending',
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"object":"list","data":[');
        const chunk = '{"id":"proj_x","object":"organization.project","created_at":1},'.repeat(1000);
        const timer = setInterval(() => {
          if (!res.write(chunk)) return;
        }, 1);
        res.on('close', () => clearInterval(timer));
      },
    ],
  ];
  for (const [how, send] of senders) {
    it(`${how}: stopped at the cap with a clear error, and the connection let go`, async () => {
      let closed = false;
      const server = createServer((req, res) => {
        res.on('close', () => (closed = true));
        send(res);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
        const c = createProjectsClient({ baseUrl, apiKey: ctx.emu.adminKey, maxRetries: 0, timeoutMs: 10_000, maxResponseBytes: 1024 * 1024 });
        const e = await rejection(c.listProjects());
        assert.equal(e.kind, 'invalid_response');
        assert.match(e.message, /^The projects list: The answer was larger than 1 MB, so it was not read to the end\./);
        await new Promise((r) => setTimeout(r, 200));
        assert.ok(closed, 'the connection was closed, not read on');
      } finally {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  }

  it('the default cap is 32 MB, and an ordinary answer is read as before', async () => {
    assert.equal(MAX_RESPONSE_BYTES, 32 * 1024 * 1024);
    const all = await clientFor(ctx.emu).listProjects({ limit: 5 });
    assert.equal(all.data.length, 5);
  });
});
