// Effective access, computed from the lists (src/index/access.ts), against the emulator's own answer:
// for every person of the demo and every project, the roles the computation finds are the roles the
// API lists for them, with the same sources; and the organization role's reach, which the API's
// per-project lists do not name, is added on top.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect, type ProjectsClient } from '../../src/client';
import { effectiveAccess, MEMBER_ROLES, whoHasAccess, type AccessSnapshot, type Grant, type RoleRef } from '../../src/index/access';
import { clientFor, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'demo' });

/** What an index would hold: every list read once, over the client. */
async function snapshot(c: ProjectsClient): Promise<AccessSnapshot> {
  const users = await collect((after) => c.listOrganizationUsers({ limit: 100, after }));
  const groups = await collect((after) => c.listGroups({ limit: 100, after }));
  const refs = (roles: { id: string; name: string }[]) => new Map<string, RoleRef>(roles.map((r) => [r.id, { id: r.id, name: r.name }]));
  const orgRoles = refs(await collect((after) => c.listRoles({ after })));
  const members = await Promise.all(groups.map(async (g) => (await collect((after) => c.listGroupUsers({ groupId: g.id, after }))).map((u) => u.id)));
  const orgAssignments: AccessSnapshot['orgAssignments'] = [];
  for (const g of groups)
    for (const r of (await c.listGroupRoleAssignments({ groupId: g.id })).data) orgAssignments.push({ principal: 'group', id: g.id, roleId: r.id });
  for (const u of users) {
    for (const r of (await c.listUserRoleAssignments({ userId: u.id })).data) {
      const direct = r.assignment_sources?.some((s) => s.principal_type === 'user') && r.id !== MEMBER_ROLES[`org:${u.role}`];
      if (direct) orgAssignments.push({ principal: 'user', id: u.id, roleId: r.id });
    }
  }
  const projects: AccessSnapshot['projects'] = [];
  for (const p of await collect((after) => c.listProjects({ limit: 100, after }))) {
    const pm = await collect((after) => c.listProjectUsers({ projectId: p.id, limit: 100, after }));
    const pg = await collect((after) => c.listProjectGroups({ projectId: p.id, after }));
    const assignments: AccessSnapshot['projects'][number]['assignments'] = [];
    for (const m of pm)
      for (const r of (await c.listProjectUserRoleAssignments({ projectId: p.id, userId: m.id })).data)
        if (r.assignment_sources?.some((x) => x.principal_type === 'user') && r.id !== MEMBER_ROLES[`project:${m.role}`])
          assignments.push({ userId: m.id, roleId: r.id });
    const grants = await Promise.all(
      pg.map(async (g) => ({
        groupId: g.group_id,
        roleIds: (await c.listProjectGroupRoleAssignments({ projectId: p.id, groupId: g.group_id })).data.map((r) => r.id),
      })),
    );
    projects.push({
      id: p.id,
      name: p.name ?? p.id,
      members: pm.map((m) => ({ userId: m.id, role: m.role })),
      groups: grants,
      assignments,
      roles: refs(await collect((after) => c.listProjectRoles({ projectId: p.id, after }))),
    });
  }
  return {
    users: users.map((u) => ({ id: u.id, name: u.name ?? u.id, role: u.role ?? '' })),
    groups: groups.map((g, i) => ({ id: g.id, name: g.name, members: members[i]! })),
    orgRoles,
    orgAssignments,
    projects,
  };
}

/** A grant as the API's lists put it: the role, and each source as `user` or `group:<id>`. */
const asApi = (g: Grant) => ({
  role: g.role.id,
  sources: g.sources
    .filter((s) => s.kind !== 'organization')
    .map((s) => (s.kind === 'group' ? `group:${s.groupId}` : 'user'))
    .sort(),
});

describe('effective access', () => {
  it('for every person of the demo: in the organization and in every project, the roles and sources the API lists', async () => {
    ctx.emu.reset('demo');
    const c = clientFor(ctx.emu);
    const s = await snapshot(c);
    let compared = 0;
    for (const u of s.users) {
      const mine = effectiveAccess(s, u.id);
      const org = mine.filter((g) => !g.project).map(asApi);
      const listed = (await c.listUserRoleAssignments({ userId: u.id })).data.map((r) => ({
        role: r.id,
        sources: (r.assignment_sources ?? []).map((x) => (x.principal_type === 'group' ? `group:${x.principal_id}` : 'user')).sort(),
      }));
      assert.deepEqual(org, listed, `${u.name} in the organization`);
      for (const p of s.projects) {
        const here = mine.filter((g) => g.project?.id === p.id && g.sources.some((x) => x.kind !== 'organization')).map(asApi);
        const r = await fetch(`${ctx.emu.baseUrl}/projects/${p.id}/users/${u.id}/roles`, { headers: { authorization: `Bearer ${ctx.emu.adminKey}` } });
        const api =
          r.status === 404
            ? []
            : ((await r.json()) as { data: { id: string; assignment_sources: { principal_type: string; principal_id: string }[] }[] }).data.map((x) => ({
                role: x.id,
                sources: x.assignment_sources.map((y) => (y.principal_type === 'group' ? `group:${y.principal_id}` : 'user')).sort(),
              }));
        assert.deepEqual(
          here.sort((a, b) => a.role.localeCompare(b.role)),
          api.sort((a, b) => a.role.localeCompare(b.role)),
          `${u.name} in ${p.name}`,
        );
        compared++;
      }
    }
    assert.ok(compared >= 50, `${compared} person × project pairs compared`);
  });

  it('a person with a direct role, a group role and an organization role sees all three, each with its source', async () => {
    ctx.emu.reset('demo');
    const c = clientFor(ctx.emu);
    const org = ctx.emu.org;
    const grace = org.users.find((u) => u.name === 'Grace Hopper')!;
    const dataPlatform = org.projects.find((p) => p.name === 'Data Platform')!;
    const tuner = dataPlatform.roles![0]!;
    // Grace: an organization owner, in Data team (Usage analyst, and the Data Platform grant and
    // its Rate limit tuner role), and given Rate limit tuner directly too.
    await c.assignProjectUserRole({ projectId: dataPlatform.id, userId: grace.id, roleId: tuner.id });
    const grants = effectiveAccess(await snapshot(c), grace.id);
    const show = (g: Grant) =>
      `${g.project?.name ?? 'organization'}: ${g.role.name} ← ${g.sources.map((s) => (s.kind === 'group' ? `group ${s.groupName}` : s.kind === 'organization' ? `organization ${s.role.name}` : s.kind)).join(', ')}`;
    const lines = grants.filter((g) => !g.project || g.project.id === dataPlatform.id).map(show);
    assert.deepEqual(lines, [
      'organization: Owner ← member',
      'organization: Usage analyst ← group Data team',
      'Data Platform: Owner ← member, organization Owner',
      'Data Platform: Rate limit tuner ← direct, group Data team',
      'Data Platform: Member ← group Data team',
    ]);
    // An owner owns every project, through the organization role, even one they are not a member of.
    const elsewhere = grants.filter((g) => g.project && !dataPlatform.members.some(() => g.project!.id === dataPlatform.id));
    assert.ok(elsewhere.length >= 4 && elsewhere.every((g) => g.sources.some((x) => x.kind === 'organization')));
  });

  it('who has access to a project: members, a group’s members with the group named, and the organization’s owners', async () => {
    ctx.emu.reset('demo');
    const s = await snapshot(clientFor(ctx.emu));
    const support = ctx.emu.org.projects.find((p) => p.name === 'Customer Support Bot')!;
    const rows = whoHasAccess(s, support.id);
    const by = new Map(rows.map((r) => [r.user.name, r.grants.map((g) => `${g.role.name}:${g.sources.map((x) => x.kind).join('+')}`).sort()]));
    assert.deepEqual(by.get('Linus Torvalds'), ['Member:member', 'Viewer:group'], 'a member who is in the granted group too');
    assert.deepEqual(by.get('Ken Thompson'), ['Viewer:group'], 'in the project only through the group');
    assert.deepEqual(by.get('Grace Hopper'), ['Owner:organization'], 'an organization owner, not a member');
    assert.ok(!by.has('Frances Allen'), 'no access: not listed');
    assert.deepEqual(whoHasAccess(s, 'proj_none'), []);
  });
});
