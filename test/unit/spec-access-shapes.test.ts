// Groups, roles and role assignments, answered by the emulator, checked against the reference OpenAPI
// document (test/fixtures/openai-access-openapi.json); the rules a real organization enforces; and the
// client’s 39 methods over them, including the `next` pager.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect } from '../../src/client';
import { activeProjects, archivedProject, clientFor, rejection, useEmulator } from './helpers';
import { checker, loadSpec } from './specCheck';

const spec = loadSpec('openai-access-openapi.json');
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
  return { status: r.status, json, code: (json.error as { code?: string } | undefined)?.code };
}
const data = (r: { json: Record<string, unknown> }) => r.json.data as Record<string, unknown>[];
const sources = (r: Record<string, unknown>) =>
  (r.assignment_sources as { principal_type: string; principal_id: string }[]).map((s) => s.principal_type).sort();

const G = '/organization/groups/{group_id}';
const R = '/organization/roles/{role_id}';
const UR = '/organization/users/{user_id}/roles';
const PG = '/organization/projects/{project_id}/groups';
const PR = '/projects/{project_id}/roles';
const PUR = '/projects/{project_id}/users/{user_id}/roles';
const PGR = '/projects/{project_id}/groups/{group_id}/roles';

describe('groups, roles and assignments answer in the reference shapes', () => {
  it('all 39 operations', async () => {
    ctx.emu.reset('demo');
    const org = ctx.emu.org;
    const katherine = org.users.find((u) => u.name === 'Katherine Johnson')!;
    const alan = org.users.find((u) => u.name === 'Alan Turing')!;
    const p = activeProjects(ctx.emu).find((x) => x.members.some((m) => m.user_id === alan.id))!;

    const groups = await call('GET', '/organization/groups', '/organization/groups');
    assert.deepEqual(
      data(groups).map((g) => [g.name, g.is_scim_managed]),
      [
        ['Data team', false],
        ['Engineering (Okta)', true],
      ],
    );
    const g = await call('POST', '/organization/groups', '/organization/groups', { name: 'Reviewers' });
    const gid = String(g.json.id);
    await call('GET', G, `/organization/groups/${gid}`);
    assert.equal((await call('POST', G, `/organization/groups/${gid}`, { name: 'Code reviewers' })).json.name, 'Code reviewers');

    await call('POST', `${G}/users`, `/organization/groups/${gid}/users`, { user_id: alan.id });
    assert.deepEqual(
      data(await call('GET', `${G}/users`, `/organization/groups/${gid}/users`)).map((u) => u.id),
      [alan.id],
    );
    assert.equal((await call('GET', `${G}/users/{user_id}`, `/organization/groups/${gid}/users/${alan.id}`)).json.user_type, 'user');

    const roles = await call('GET', '/organization/roles', '/organization/roles');
    assert.deepEqual(
      data(roles).map((r) => [r.name, r.predefined_role]),
      [
        ['Owner', true],
        ['Reader', true],
        ['Usage analyst', false],
      ],
    );
    const role = await call('POST', '/organization/roles', '/organization/roles', { role_name: 'Auditor', permissions: ['api.organization.audit_logs.read'] });
    const rid = String(role.json.id);
    await call('GET', R, `/organization/roles/${rid}`);
    assert.equal((await call('POST', R, `/organization/roles/${rid}`, { description: 'Reads the audit log.' })).json.description, 'Reads the audit log.');

    await call('POST', `${G}/roles`, `/organization/groups/${gid}/roles`, { role_id: rid });
    assert.deepEqual(
      data(await call('GET', `${G}/roles`, `/organization/groups/${gid}/roles`)).map((r) => r.id),
      [rid],
    );
    await call('GET', `${G}/roles/{role_id}`, `/organization/groups/${gid}/roles/${rid}`);

    // Katherine: her member role, Usage analyst directly; Alan: Auditor through the group.
    const hers = data(await call('GET', UR, `/organization/users/${katherine.id}/roles`));
    assert.deepEqual(
      hers.map((r) => r.name),
      ['Reader', 'Usage analyst'],
    );
    await call('POST', UR, `/organization/users/${alan.id}/roles`, { role_id: rid });
    const auditor = await call('GET', `${UR}/{role_id}`, `/organization/users/${alan.id}/roles/${rid}`);
    assert.deepEqual(sources(auditor.json), ['group', 'user'], 'held directly and through the group');
    await call('DELETE', `${UR}/{role_id}`, `/organization/users/${alan.id}/roles/${rid}`);

    // The project: the group granted with a custom project role, then more roles for it and for Alan.
    const prole = await call('POST', PR, `/projects/${p.id}/roles`, { role_name: 'Key rotator', permissions: ['api.project.read', 'api.project.keys.write'] });
    const prid = String(prole.json.id);
    assert.ok(data(await call('GET', PR, `/projects/${p.id}/roles`)).some((r) => r.id === prid));
    await call('GET', `${PR}/{role_id}`, `/projects/${p.id}/roles/${prid}`);
    await call('POST', `${PR}/{role_id}`, `/projects/${p.id}/roles/${prid}`, { role_name: 'Key rotators', permissions: ['api.project.keys.write'] });

    await call('POST', PG, `/organization/projects/${p.id}/groups`, { group_id: gid, role: 'role_project_viewer' });
    assert.ok(data(await call('GET', PG, `/organization/projects/${p.id}/groups`)).some((x) => x.group_id === gid));
    assert.equal((await call('GET', `${PG}/{group_id}`, `/organization/projects/${p.id}/groups/${gid}`)).json.group_name, 'Code reviewers');

    await call('POST', PGR, `/projects/${p.id}/groups/${gid}/roles`, { role_id: prid });
    assert.deepEqual(
      data(await call('GET', PGR, `/projects/${p.id}/groups/${gid}/roles`))
        .map((r) => r.id)
        .sort(),
      [prid, 'role_project_viewer'].sort(),
    );
    await call('GET', `${PGR}/{role_id}`, `/projects/${p.id}/groups/${gid}/roles/${prid}`);

    await call('POST', PUR, `/projects/${p.id}/users/${alan.id}/roles`, { role_id: 'role_project_viewer' });
    const his = data(await call('GET', PUR, `/projects/${p.id}/users/${alan.id}/roles`));
    assert.deepEqual(his.map((r) => r.id).sort(), ['role_project_member', 'role_project_viewer', prid].sort());
    assert.deepEqual(sources(his.find((r) => r.id === 'role_project_viewer')!), ['group', 'user']);
    await call('GET', `${PUR}/{role_id}`, `/projects/${p.id}/users/${alan.id}/roles/role_project_viewer`);
    await call('DELETE', `${PUR}/{role_id}`, `/projects/${p.id}/users/${alan.id}/roles/role_project_viewer`);

    await call('DELETE', `${PGR}/{role_id}`, `/projects/${p.id}/groups/${gid}/roles/${prid}`);
    await call('DELETE', `${PR}/{role_id}`, `/projects/${p.id}/roles/${prid}`);
    await call('DELETE', `${PG}/{group_id}`, `/organization/projects/${p.id}/groups/${gid}`);
    await call('DELETE', `${G}/roles/{role_id}`, `/organization/groups/${gid}/roles/${rid}`);
    await call('DELETE', R, `/organization/roles/${rid}`);
    await call('DELETE', `${G}/users/{user_id}`, `/organization/groups/${gid}/users/${alan.id}`);
    await call('DELETE', G, `/organization/groups/${gid}`);
    const all = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    assert.deepEqual(
      all.filter((op) => !covered.has(op)),
      [],
      'every operation answered 200 once',
    );
    assert.equal(covered.size, 39);
  });

  it('refusals: predefined roles, SCIM groups, a role in use, duplicates, bad input, an archived project', async () => {
    ctx.emu.reset('demo');
    const org = ctx.emu.org;
    const [dataTeam, okta] = org.groups!;
    const analyst = org.roles![0]!;
    const katherine = org.users.find((u) => u.name === 'Katherine Johnson')!;
    const p = activeProjects(ctx.emu)[0]!;
    const outsider = org.users.find((u) => !p.members.some((m) => m.user_id === u.id) && !org.groups!.some((g) => g.members.includes(u.id)))!;
    const codes = async (...rs: Promise<{ code?: string }>[]) => (await Promise.all(rs)).map((r) => r.code);

    assert.deepEqual(
      await codes(
        call('POST', R, '/organization/roles/role_org_owner', { description: 'x' }),
        call('DELETE', R, '/organization/roles/role_org_reader'),
        call('DELETE', `${PR}/{role_id}`, `/projects/${p.id}/roles/role_project_viewer`),
        call('DELETE', R, `/organization/roles/${analyst.id}`),
        call('POST', '/organization/roles', '/organization/roles', { role_name: 'owner', permissions: ['api.organization.read'] }),
        call('POST', '/organization/roles', '/organization/roles', { role_name: 'X', permissions: ['api.project.read'] }),
        call('POST', '/organization/roles', '/organization/roles', { role_name: 'X', permissions: [] }),
        call('POST', R, `/organization/roles/${analyst.id}`, {}),
      ),
      [
        'predefined_role',
        'predefined_role',
        'predefined_role',
        'role_in_use',
        'already_exists',
        'invalid_value',
        'invalid_value',
        'missing_required_parameter',
      ],
    );
    assert.deepEqual(
      await codes(
        call('POST', G, `/organization/groups/${okta!.id}`, { name: 'Renamed' }),
        call('DELETE', G, `/organization/groups/${okta!.id}`),
        call('POST', `${G}/users`, `/organization/groups/${okta!.id}/users`, { user_id: katherine.id }),
        call('DELETE', `${G}/users/{user_id}`, `/organization/groups/${okta!.id}/users/${okta!.members[0]}`),
        call('POST', '/organization/groups', '/organization/groups', { name: 'data TEAM' }),
        call('POST', '/organization/groups', '/organization/groups', { name: '  ' }),
        call('POST', `${G}/users`, `/organization/groups/${dataTeam!.id}/users`, { user_id: dataTeam!.members[0] }),
        call('POST', `${G}/users`, `/organization/groups/${dataTeam!.id}/users`, { user_id: 'user_nobody' }),
      ),
      ['scim_managed', 'scim_managed', 'scim_managed', 'scim_managed', 'already_exists', 'invalid_value', 'already_exists', 'not_found'],
    );
    assert.deepEqual(
      await codes(
        call('DELETE', `${UR}/{role_id}`, `/organization/users/${katherine.id}/roles/role_org_reader`),
        call('POST', UR, `/organization/users/${katherine.id}/roles`, { role_id: analyst.id }),
        call('POST', UR, `/organization/users/${katherine.id}/roles`, { role_id: 'role_project_owner' }),
        call('DELETE', `${UR}/{role_id}`, `/organization/users/${dataTeam!.members[0]}/roles/${analyst.id}`),
        call('POST', PG, `/organization/projects/${p.id}/groups`, { group_id: dataTeam!.id, role: 'role_org_owner' }),
        call('POST', PUR, `/projects/${p.id}/users/${outsider.id}/roles`, { role_id: 'role_project_viewer' }),
        call('GET', PGR, `/projects/${p.id}/groups/${dataTeam!.id}/roles`),
        call('POST', PG, `/organization/projects/${archivedProject(ctx.emu).id}/groups`, { group_id: dataTeam!.id, role: 'role_project_viewer' }),
        call('GET', '/organization/groups', '/organization/groups?after=bm9wZQ'),
        call('GET', '/organization/groups', '/organization/groups?limit=1001'),
      ),
      [
        'not_assigned_directly',
        'already_assigned',
        'not_found',
        'not_assigned_directly',
        'invalid_value',
        'not_a_member',
        'not_found',
        'project_archived',
        'invalid_cursor',
        'invalid_value',
      ],
    );
  });

  it('a deleted group takes its grants with it, in the organization and in every project', async () => {
    ctx.emu.reset('demo');
    const org = ctx.emu.org;
    const dataTeam = org.groups![0]!;
    const granted = org.projects.filter((p) => p.groups?.some((x) => x.group_id === dataTeam.id));
    assert.ok(granted.length >= 1 && granted.some((p) => p.assignments?.some((a) => a.principal_id === dataTeam.id)));
    await call('DELETE', G, `/organization/groups/${dataTeam.id}`);
    assert.ok(!org.assignments!.some((a) => a.principal_id === dataTeam.id));
    for (const p of granted) {
      assert.ok(!p.groups!.some((x) => x.group_id === dataTeam.id));
      assert.ok(!p.assignments!.some((a) => a.principal_id === dataTeam.id));
    }
    // The role it held is free now: nothing holds it but Katherine, directly.
    assert.equal((await call('DELETE', R, `/organization/roles/${org.roles![0]!.id}`)).code, 'role_in_use');
  });
});

describe('the client over groups, roles and assignments', () => {
  it('walks a `next`-paged list one item a page, each once, in as many requests as pages', async () => {
    ctx.emu.reset('demo');
    const c = clientFor(ctx.emu);
    for (let i = 0; i < 3; i++) await c.createGroup({ name: `Group ${i}` });
    const before = ctx.emu.requests.length;
    const all = await collect((after) => c.listGroups({ limit: 2, after }));
    assert.deepEqual(
      all.map((g) => g.name),
      ['Data team', 'Engineering (Okta)', 'Group 0', 'Group 1', 'Group 2'],
    );
    assert.equal(ctx.emu.requests.length - before, 3);
    // A project's groups have no `id`: they are told apart by `group_id`.
    const p = ctx.emu.org.projects.find((x) => x.groups?.length)!;
    assert.equal((await collect((after) => c.listProjectGroups({ projectId: p.id, limit: 1, after }))).length, p.groups!.length);
  });

  it('has_more with a null `next` is an error naming the list, not a loop or a silent end', async () => {
    ctx.emu.reset('demo');
    ctx.emu.addFault({ kind: 'response', body: { object: 'list', data: [{ id: 'group_a', name: 'A', created_at: 1 }], has_more: true, next: null } });
    const c = clientFor(ctx.emu);
    const e = await rejection(collect((after) => c.listGroups({ after }), { subject: 'the groups' }));
    assert.match(e.message, /no cursor/);
  });

  it('refuses a bad body before sending, and reads unknown fields and role types forward-compatibly', async () => {
    ctx.emu.reset('demo');
    const c = clientFor(ctx.emu);
    const sent = ctx.emu.requests.length;
    assert.match((await rejection(c.createGroup({ name: '   ' }))).message, /empty/);
    assert.match((await rejection(c.createRole({ request: { role_name: 'x', permissions: [] } }))).message, /permission/);
    assert.match((await rejection(c.updateProjectRole({ projectId: 'proj_x', roleId: 'role_x', request: {} }))).message, /required/);
    assert.equal(ctx.emu.requests.length, sent, 'nothing sent');
    ctx.emu.addFault({
      kind: 'response',
      body: {
        object: 'list',
        data: [
          {
            object: 'role',
            id: 'role_new',
            name: 'New',
            description: null,
            permissions: [],
            resource_type: 'api.workspace',
            predefined_role: false,
            colour: 'red',
          },
        ],
        has_more: false,
        next: null,
      },
    });
    const [r] = (await c.listRoles()).data;
    assert.equal(r!.resource_type, 'api.workspace');
  });

  it('a person with a direct role, a group role and an organization role: the API names each source', async () => {
    ctx.emu.reset('demo');
    const c = clientFor(ctx.emu);
    const org = ctx.emu.org;
    const edsger = org.users.find((u) => u.name === 'Edsger Dijkstra')!;
    const data = org.projects.find((p) => p.name === 'Data Platform')!;
    const roles = (await c.listProjectUserRoleAssignments({ projectId: data.id, userId: edsger.id })).data;
    const by = Object.fromEntries(roles.map((r) => [r.name, (r.assignment_sources ?? []).map((s) => s.principal_type).sort()]));
    assert.deepEqual(by, { Member: ['group', 'user'], 'Rate limit tuner': ['group', 'user'] });
    const orgRoles = (await c.listUserRoleAssignments({ userId: edsger.id })).data;
    assert.deepEqual(
      orgRoles.map((r) => [r.name, r.assignment_sources?.map((s) => s.principal_type)]),
      [
        ['Reader', ['user']],
        ['Usage analyst', ['group']],
      ],
    );
  });
});
