// The organization's own endpoints (members, invites, admin keys), answered by the emulator, checked
// against the reference OpenAPI document; and the rules a real organization enforces.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeProjects, archivedProject, useEmulator } from './helpers';
import { checker, loadSpec } from './specCheck';

const spec = loadSpec('openai-organization-openapi.json');
const check = checker(spec);

const ctx = useEmulator({ seed: 'demo' });
const covered = new Set<string>();

async function call(method: string, template: string, concrete: string, body?: unknown, key = ctx.emu.adminKey) {
  const op = spec.paths[template]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${template} is in the reference`);
  const r = await fetch(ctx.emu.baseUrl + concrete, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json()) as Record<string, unknown>;
  const schema =
    r.status === 200 ? op.responses['200']?.content?.['application/json']?.schema : loadSpec('openai-projects-openapi.json').components.schemas.ErrorResponse;
  assert.ok(schema, `${method} ${template} has a schema for ${r.status}`);
  const problems = r.status === 200 ? check(json, schema) : checker(loadSpec('openai-projects-openapi.json'))(json, schema);
  assert.deepEqual(problems, [], `${method} ${concrete} → ${r.status} conforms`);
  if (r.status === 200) covered.add(`${method} ${template}`);
  return { status: r.status, json, code: (json.error as { code?: string } | undefined)?.code };
}

const U = '/organization/users/{user_id}';
const I = '/organization/invites/{invite_id}';
const K = '/organization/admin_api_keys/{key_id}';

describe('the organization endpoints answer in the reference shapes', () => {
  it('all 12 operations of members, invites and admin keys', async () => {
    ctx.emu.reset('demo');
    const reader = ctx.emu.org.users.find((u) => u.role === 'reader')!;
    const p = activeProjects(ctx.emu)[0]!;

    const users = await call('GET', '/organization/users', '/organization/users?limit=100');
    assert.equal((users.json.data as unknown[]).length, ctx.emu.org.users.length);
    await call('GET', U, `/organization/users/${reader.id}`);
    assert.equal((await call('POST', U, `/organization/users/${reader.id}`, { role: 'owner' })).json.role, 'owner');

    const invites = await call('GET', '/organization/invites', '/organization/invites');
    const statuses = (invites.json.data as { status: string }[]).map((i) => i.status).sort();
    assert.deepEqual(statuses, ['accepted', 'expired', 'pending'], 'the demo has an invite in each state');
    const made = await call('POST', '/organization/invites', '/organization/invites', {
      email: 'new@example.com',
      role: 'reader',
      projects: [{ id: p.id, role: 'member' }],
    });
    assert.equal(made.json.status, 'pending');
    await call('GET', I, `/organization/invites/${String(made.json.id)}`);
    await call('DELETE', I, `/organization/invites/${String(made.json.id)}`);

    const keys = await call('GET', '/organization/admin_api_keys', '/organization/admin_api_keys');
    assert.equal((keys.json.data as unknown[]).length, 2);
    const key = await call('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', { name: 'Shapes', expires_in_seconds: 86_400 });
    assert.match(String(key.json.value), /^sk-admin-/);
    await call('GET', K, `/organization/admin_api_keys/${String(key.json.id)}`);
    await call('DELETE', K, `/organization/admin_api_keys/${String(key.json.id)}`);

    await call('DELETE', U, `/organization/users/${reader.id}`);
    assert.equal(covered.size, 12);
  });

  it('refusals: the last owner, an accepted invite, a member invited again, bad input', async () => {
    ctx.emu.reset('empty');
    const owner = ctx.emu.org.users[0]!;
    assert.equal((await call('POST', U, `/organization/users/${owner.id}`, { role: 'reader' })).code, 'last_owner');
    assert.equal((await call('DELETE', U, `/organization/users/${owner.id}`)).code, 'last_owner');
    assert.equal((await call('POST', '/organization/invites', '/organization/invites', { email: owner.email, role: 'reader' })).code, 'user_already_member');
    assert.equal((await call('POST', '/organization/invites', '/organization/invites', { email: 'not-an-email', role: 'reader' })).code, 'invalid_email');
    assert.equal((await call('POST', '/organization/invites', '/organization/invites', { email: 'a@example.com', role: 'admin' })).code, 'invalid_value');
    const first = await call('POST', '/organization/invites', '/organization/invites', { email: 'a@example.com', role: 'reader', projects: [] });
    assert.equal(
      (await call('POST', '/organization/invites', '/organization/invites', { email: 'A@example.com', role: 'reader' })).code,
      'invite_already_pending',
    );
    assert.equal(
      (await call('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', { name: 'x', expires_in_seconds: 31_536_001 })).code,
      'invalid_value',
    );

    // Accepted (the test hook, as the person following the link), it cannot be cancelled.
    await fetch(`${ctx.emu.controlUrl}/invites/accept`, { method: 'POST', body: JSON.stringify({ id: first.json.id }) });
    assert.equal((await call('DELETE', I, `/organization/invites/${String(first.json.id)}`)).code, 'invite_accepted');
  });

  it('an invite accepted joins its projects; a member removed leaves every project, with their keys', async () => {
    ctx.emu.reset('demo');
    const [p, q] = activeProjects(ctx.emu);
    const made = await call('POST', '/organization/invites', '/organization/invites', {
      email: 'joiner@example.com',
      role: 'reader',
      projects: [
        { id: p!.id, role: 'owner' },
        { id: q!.id, role: 'member' },
      ],
    });
    assert.equal(
      (
        await call('POST', '/organization/invites', '/organization/invites', {
          email: 'x@example.com',
          role: 'reader',
          projects: [{ id: archivedProject(ctx.emu).id, role: 'member' }],
        })
      ).code,
      'project_archived',
    );
    const r = await fetch(`${ctx.emu.controlUrl}/invites/accept`, { method: 'POST', body: JSON.stringify({ id: made.json.id, name: 'Joiner' }) });
    const user = (await r.json()) as { id: string };
    assert.deepEqual(
      ctx.emu.org.projects.filter((x) => x.members.some((m) => m.user_id === user.id)).map((x) => x.id),
      [p!.id, q!.id],
    );
    assert.equal(((await call('GET', I, `/organization/invites/${String(made.json.id)}`)).json as { status: string }).status, 'accepted');

    // Someone with memberships and keys: gone from every project, their keys with them.
    const leaver = ctx.emu.org.users.find(
      (u) => u.role === 'reader' && ctx.emu.org.projects.some((x) => x.api_keys.some((k) => k.owner.type === 'user' && k.owner.user_id === u.id)),
    )!;
    await call('DELETE', U, `/organization/users/${leaver.id}`);
    assert.ok(!ctx.emu.org.projects.some((x) => x.members.some((m) => m.user_id === leaver.id)));
    assert.ok(!ctx.emu.org.projects.some((x) => x.api_keys.some((k) => k.owner.type === 'user' && k.owner.user_id === leaver.id)));
    assert.equal((await call('GET', U, `/organization/users/${leaver.id}`)).status, 404);
  });

  it('admin keys: a new one works at once, an expired or deleted one is refused', async () => {
    ctx.emu.reset('demo');
    const made = await call('POST', '/organization/admin_api_keys', '/organization/admin_api_keys', { name: 'short', expires_in_seconds: 60 });
    const value = String(made.json.value);
    assert.equal((await call('GET', '/organization/users', '/organization/users', undefined, value)).status, 200);
    const listed = await call('GET', K, `/organization/admin_api_keys/${String(made.json.id)}`);
    assert.equal(typeof listed.json.last_used_at, 'number', 'its use is recorded');
    assert.equal(listed.json.value, undefined, 'the value is shown only once');
    ctx.emu.org.admin_key_records!.find((k) => k.id === made.json.id)!.expires_at = 1;
    assert.equal((await call('GET', '/organization/users', '/organization/users', undefined, value)).status, 401);
    await call('DELETE', K, `/organization/admin_api_keys/${String(made.json.id)}`);
    assert.ok(!ctx.emu.org.admin_keys.includes(value));
  });
});
