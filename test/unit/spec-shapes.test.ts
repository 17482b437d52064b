// Every operation the client covers, answered by the emulator, checked against the reference OpenAPI
// document: required fields, types, enums, and no field the reference does not define.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeProjects, archivedProject, useEmulator } from './helpers';
import { checker, loadSpec } from './specCheck';

const spec = loadSpec('openai-projects-openapi.json');
const check = checker(spec);

const ctx = useEmulator({ seed: 'demo' });
const covered = new Set<string>();

async function call(method: string, template: string, concrete: string, body?: unknown) {
  const op = spec.paths[template]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${template} is in the reference`);
  const r = await fetch(ctx.emu.baseUrl + concrete, {
    method,
    headers: { authorization: `Bearer ${ctx.emu.adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json()) as Record<string, unknown>;
  const schema = r.status === 200 ? op.responses['200']?.content?.['application/json']?.schema : spec.components.schemas.ErrorResponse;
  assert.ok(schema, `${method} ${template} has a schema for ${r.status}`);
  assert.deepEqual(check(json, schema), [], `${method} ${concrete} → ${r.status} conforms`);
  if (r.status === 200) covered.add(`${method} ${template}`);
  return json;
}

describe('emulator answers in the reference shapes', () => {
  it('all 19 project operations and the organization-users list', async () => {
    ctx.emu.reset('demo');
    const P = '/organization/projects/{project_id}';
    const p = activeProjects(ctx.emu)[0]!;
    const pp = `/organization/projects/${p.id}`;
    const outsider = ctx.emu.org.users.find((u) => !p.members.some((m) => m.user_id === u.id))!;

    await call('GET', '/organization/projects', '/organization/projects?include_archived=true');
    const created = await call('POST', '/organization/projects', '/organization/projects', { name: 'Shapes' });
    await call('GET', P, pp);
    await call('POST', P, `/organization/projects/${String(created.id)}`, { name: 'Shapes 2' });
    await call('POST', `${P}/archive`, `/organization/projects/${String(created.id)}/archive`);

    await call('GET', `${P}/users`, `${pp}/users`);
    await call('POST', `${P}/users`, `${pp}/users`, { user_id: outsider.id, role: 'member' });
    await call('GET', `${P}/users/{user_id}`, `${pp}/users/${outsider.id}`);
    await call('POST', `${P}/users/{user_id}`, `${pp}/users/${outsider.id}`, { role: 'owner' });
    await call('DELETE', `${P}/users/{user_id}`, `${pp}/users/${outsider.id}`);

    await call('GET', `${P}/service_accounts`, `${pp}/service_accounts`);
    const sa = await call('POST', `${P}/service_accounts`, `${pp}/service_accounts`, { name: 'shape-bot' });
    await call('GET', `${P}/service_accounts/{service_account_id}`, `${pp}/service_accounts/${String(sa.id)}`);

    const keys = await call('GET', `${P}/api_keys`, `${pp}/api_keys`);
    const userKey = (keys.data as { id: string; owner: { type: string } }[]).find((k) => k.owner.type === 'user')!;
    await call('GET', `${P}/api_keys/{api_key_id}`, `${pp}/api_keys/${(sa.api_key as { id: string }).id}`);
    await call('DELETE', `${P}/api_keys/{api_key_id}`, `${pp}/api_keys/${userKey.id}`);
    await call('DELETE', `${P}/service_accounts/{service_account_id}`, `${pp}/service_accounts/${String(sa.id)}`);

    await call('GET', `${P}/rate_limits`, `${pp}/rate_limits`);
    await call('POST', `${P}/rate_limits/{rate_limit_id}`, `${pp}/rate_limits/${p.rate_limits[0]!.id}`, { max_requests_per_1_minute: 7 });

    await call('GET', '/organization/users', '/organization/users?limit=3');
    await call('GET', '/organization/users/{user_id}', `/organization/users/${outsider.id}`);

    assert.equal(covered.size, 21);
  });

  it('errors, including the archived-project and default-project refusals', async () => {
    ctx.emu.reset('demo');
    const a = archivedProject(ctx.emu);
    const archived = await call('POST', '/organization/projects/{project_id}', `/organization/projects/${a.id}`, { name: 'x' });
    assert.equal((archived.error as Record<string, unknown>).code, 'project_archived');
    await call('GET', '/organization/projects/{project_id}', '/organization/projects/proj_missing');
    await call('GET', '/organization/projects', '/organization/projects?limit=500');
  });

  it('the checker itself catches a wrong shape', () => {
    const s = { $ref: '#/components/schemas/Project' };
    assert.deepEqual(check({ id: 'p', object: 'organization.project', created_at: 1 }, s), []);
    assert.deepEqual(check({ object: 'organization.project', created_at: 1.5, extra: 1 }, s).sort(), [
      '$.created_at: expected integer, got number',
      '$.extra: not in the reference',
      '$.id: missing',
    ]);
  });
});
