import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { beforeEach, describe, it } from 'node:test';
import { createProjectsClient, ProjectsApiError } from '../../src/client';
import { activeProjects, clientFor, rejection, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'demo' });
beforeEach(() => ctx.emu.reset('demo'));
const FAKE_SECRET = ['sk', 'proj', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4'].join('-');

describe('errors a person can act on', () => {
  it('401: a wrong key', async () => {
    const c = clientFor(ctx.emu, { apiKey: `sk-admin-${'x'.repeat(40)}` });
    const e = await rejection(c.listProjects());
    assert.ok(e instanceof ProjectsApiError);
    assert.equal(e.status, 401);
    assert.equal(e.code, 'invalid_api_key');
    assert.match(e.message, /admin key was rejected \(401\)/);
    assert.ok(!e.message.includes('x'.repeat(20)), 'the key is not in the message');
    assert.equal(ctx.emu.requests.length, 1, '401 is not retried');
  });

  it('401: no key at all', async () => {
    const e = await rejection(clientFor(ctx.emu, { apiKey: '' }).listProjects());
    assert.equal(e.status, 401);
  });

  it('403: a project key is not an admin key', async () => {
    const e = await rejection(clientFor(ctx.emu, { apiKey: FAKE_SECRET }).listProjects());
    assert.equal(e.status, 403);
    assert.match(e.message, /not an organization admin key/);
    assert.ok(!e.message.includes(FAKE_SECRET));
  });

  it('400: the API’s own message, type, code and param are kept', async () => {
    const p = activeProjects(ctx.emu)[0]!;
    const e = await rejection(
      clientFor(ctx.emu).createProjectUser({ projectId: p.id, projectUserCreateRequest: { user_id: p.members[0]!.user_id, role: 'member' } }),
    );
    assert.equal(e.status, 400);
    assert.equal(e.type, 'invalid_request_error');
    assert.equal(e.code, 'user_already_in_project');
    assert.equal(e.param, 'user_id');
    assert.match(e.message, /OpenAI says: "User .* is already a member/);
  });

  it('500 after retries are spent, with the request id', async () => {
    ctx.emu.addFault({ kind: '500', count: 3 });
    const e = await rejection(clientFor(ctx.emu).listProjects());
    assert.equal(e.status, 500);
    assert.match(e.message, /server error \(500\)/);
    assert.match(String(e.requestId), /^req_/);
    assert.equal(ctx.emu.requests.length, 3, 'one try and two retries');
  });

  it('network: a host that is not listening', async () => {
    const port = await freePort();
    const c = createProjectsClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'k', maxRetries: 1, retryBaseDelayMs: 10 });
    const e = await rejection(c.listProjects());
    assert.equal(e.kind, 'network');
    assert.match(e.message, new RegExp(`Could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
  });

  it('network: a dropped connection on a write is reported, not retried', async () => {
    ctx.emu.addFault({ kind: 'drop', method: 'POST' });
    const e = await rejection(clientFor(ctx.emu).createProject({ projectCreateRequest: { name: 'x' } }));
    assert.equal(e.kind, 'network');
    assert.equal(ctx.emu.requests.length, 1);
  });

  it('timeout: a hanging request ends at the timeout', async () => {
    ctx.emu.addFault({ kind: 'hang' });
    const started = Date.now();
    const e = await rejection(clientFor(ctx.emu, { timeoutMs: 300 }).retrieveProject({ projectId: 'proj_x' }));
    const took = Date.now() - started;
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /within 0\.3 s/);
    assert.ok(took >= 280 && took < 2000, `took ${took} ms`);
  });

  it('cancellation: the caller’s signal ends a hanging request at once, while the timeout still stands', async () => {
    ctx.emu.addFault({ kind: 'hang' });
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 100);
    const e = await rejection(clientFor(ctx.emu, { timeoutMs: 10_000 }).listProjects({}, { signal: ac.signal }));
    assert.equal(e.kind, 'aborted');
    assert.ok(Date.now() - started < 1000);
  });

  it('cancellation through the client-wide signal, and an already-aborted one sends nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await rejection(clientFor(ctx.emu, { signal: ac.signal }).listProjects());
    assert.equal(e.kind, 'aborted');
    assert.equal(ctx.emu.requests.length, 0);
  });

  it('invalid response: malformed JSON', async () => {
    ctx.emu.addFault({ kind: 'malformed' });
    const e = await rejection(clientFor(ctx.emu).listProjects());
    assert.equal(e.kind, 'invalid_response');
    assert.match(e.message, /not JSON/);
    assert.equal(ctx.emu.requests.length, 1, 'a broken 200 is not retried');
  });

  it('invalid response: a missing id or a wrong type names the endpoint and the field', async () => {
    const project = { object: 'organization.project', name: 'x', created_at: 1 };
    ctx.emu.addFault({ kind: 'response', body: { object: 'list', data: [{ ...project, id: 'proj_a' }, project], has_more: false } });
    const missing = await rejection(clientFor(ctx.emu).listProjects());
    assert.equal(missing.kind, 'invalid_response');
    assert.equal(missing.param, 'data.1.id');
    assert.match(missing.message, /field "data\.1\.id": expected string.*\[GET \/organization\/projects/);

    ctx.emu.addFault({ kind: 'response', body: { ...project, id: 'proj_a', created_at: 'yesterday' } });
    const wrong = await rejection(clientFor(ctx.emu).retrieveProject({ projectId: 'proj_a' }));
    assert.equal(wrong.param, 'created_at');
    assert.match(wrong.message, /expected number/);
  });

  it('a key inside an API message is redacted', async () => {
    ctx.emu.addFault({
      kind: 'response',
      status: 400,
      body: { error: { message: `Key ${FAKE_SECRET} is not valid here`, type: 'invalid_request_error', param: null, code: null } },
    });
    const e = await rejection(clientFor(ctx.emu).listProjects());
    assert.ok(!e.message.includes(FAKE_SECRET));
    assert.ok(!String(e.apiMessage).includes(FAKE_SECRET));
    assert.match(e.message, /Key sk-proj-\*\*\*\* is not valid here/);
  });

  it('an error page that is not JSON still gives the status', async () => {
    ctx.emu.addFault({ kind: 'response', status: 502, body: '<html>Bad gateway</html>' });
    const e = await rejection(clientFor(ctx.emu, { maxRetries: 0 }).listProjects());
    assert.equal(e.status, 502);
    assert.equal(e.apiMessage, undefined);
  });

  it('a pasted key keeps working with a trailing newline; one with a break inside is refused up front', async () => {
    const list = await clientFor(ctx.emu, { apiKey: `${ctx.emu.adminKey}\n` }).listProjects();
    assert.ok(list.data.length > 0);
    assert.throws(() => clientFor(ctx.emu, { apiKey: 'sk-admin-abc\ndef' }), /spaces or line breaks/);
  });

  it('a body of the wrong type is refused before sending, naming the field', async () => {
    const e = await rejection(clientFor(ctx.emu).createProject({ projectCreateRequest: { name: 42 as unknown as string } }));
    assert.equal(e.kind, 'invalid_request');
    assert.match(e.message, /Invalid name: expected string/);
    assert.equal(ctx.emu.requests.length, 0);
  });

  it('sends through the fetch it is given, and reports every attempt to onRequest', async () => {
    const seen: string[] = [];
    const attempts: { status?: number; attempt: number; requestId?: string }[] = [];
    ctx.emu.addFault({ kind: '503' });
    const c = clientFor(ctx.emu, {
      fetch: (input, init) => {
        seen.push(`${init?.method} ${input instanceof Request ? input.url : input.toString()}`);
        return fetch(input, init);
      },
      onRequest: (i) => attempts.push(i),
    });
    await c.listProjects({ limit: 5 });
    assert.deepEqual(seen, Array(2).fill(`GET ${ctx.emu.baseUrl}/organization/projects?limit=5`));
    assert.deepEqual(
      attempts.map((a) => [a.status, a.attempt]),
      [
        [503, 0],
        [200, 1],
      ],
    );
    assert.ok(attempts.every((a) => /^req_/.test(a.requestId ?? '')));
  });

  it('a base URL that is not http(s) is refused up front', () => {
    assert.throws(() => createProjectsClient({ baseUrl: 'api.openai.com/v1', apiKey: 'k' }), /not an http\(s\) URL/);
    for (const bad of [{ timeoutMs: 0 }, { timeoutMs: Number.NaN }, { maxRetries: -1 }, { maxRetries: 1.5 }]) {
      assert.throws(() => clientFor(ctx.emu, bad), /positive number of milliseconds/);
    }
  });
});

describe('forward-compatible parsing', () => {
  it('keeps unknown fields and accepts new enum values and new nullables', async () => {
    ctx.emu.addFault({
      kind: 'response',
      body: {
        object: 'list',
        data: [{ id: 'proj_a', object: 'organization.project', name: null, created_at: 1, status: 'suspended', archived_at: null, brand_new_field: { x: 1 } }],
        first_id: 'proj_a',
        last_id: 'proj_a',
        has_more: false,
        total_count: 1,
      },
    });
    ctx.emu.addFault({
      kind: 'response',
      body: { object: 'organization.project.user', id: 'user_a', name: 'A', email: 'a@example.com', role: 'billing_admin', added_at: 1, team: 't' },
    });
    const c = clientFor(ctx.emu);
    const list = await c.listProjects();
    assert.equal(list.data[0]!.status, 'suspended');
    assert.deepEqual((list.data[0] as Record<string, unknown>).brand_new_field, { x: 1 });
    const user = await c.retrieveProjectUser({ projectId: 'proj_a', userId: 'user_a' });
    assert.equal(user.role, 'billing_admin');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
