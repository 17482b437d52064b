// Groups and access in the real host against the emulator: the Groups folders (the organization's,
// with each group's members, and each project's), every change to a group and to a group's access
// with its refusals (made before any request), and the access views read from what the API says.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccessReport } from '../../src/access/read';
import type { ApplyResult } from '../../src/bulk/plan';
import type { TreeNode } from '../../src/kit/node';
import { fingerprint } from '../../src/index/files';
import { apiPost, clearRequests, emulator, extensionApi, label, requests, resetOrg, state } from './helpers';

const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(`openaiProjects.${id}`, ...args);
const sent = async () => (await requests()).map((r) => `${r.method} ${r.path}`);
const writes = async () => (await sent()).filter((r) => !r.startsWith('GET'));
const description = (n: TreeNode) => String(n.getTreeItem().description ?? '');
const asked = async (kind: string) => (await extensionApi()).ui.asked.filter((x) => x.kind === kind);

async function orgGroups(): Promise<TreeNode[]> {
  const a = await extensionApi();
  const f = (await a.orgTree.getChildren()).find((n) => n.id === 'org/groups');
  assert.ok(f, 'a Groups folder');
  return a.orgTree.getChildren(f);
}
async function orgGroup(name: string): Promise<TreeNode> {
  const g = (await orgGroups()).find((n) => label(n) === name);
  assert.ok(g, `a group row "${name}"`);
  return g;
}
async function projectNode(name: string): Promise<TreeNode> {
  const a = await extensionApi();
  const p = (await a.tree.getChildren()).find((n) => label(n) === name);
  assert.ok(p, `a project row "${name}"`);
  return p;
}
async function projectGroups(name: string): Promise<{ folder: TreeNode; rows: TreeNode[] }> {
  const a = await extensionApi();
  const folders = await a.tree.getChildren(await projectNode(name));
  const folder = folders.find((n) => label(n) === 'Groups');
  assert.ok(folder, 'a Groups folder in the project');
  return { folder, rows: await a.tree.getChildren(folder) };
}
/** The lines of a report as "heading: role — via" (what the view reads out). */
const linesOf = (r: AccessReport) =>
  r.view.sections.flatMap((s) => (s.error ? [`${s.heading}: ${s.error}`] : s.lines.map((l) => `${s.heading}: ${l.text} — ${l.via}`)));

describe('groups and access', () => {
  beforeEach(async () => {
    await resetOrg();
    const a = await extensionApi();
    a.ui.reset();
    a.ui.answer();
    await a.adminKey.store(emulator.adminKey);
    await a.index.forget(fingerprint(emulator.adminKey));
    await run('refresh');
    await clearRequests();
  });
  afterEach(async () => {
    assert.deepEqual((await extensionApi()).ui.reset(), [], 'every scripted answer was asked for');
  });

  it('shows each group with its members (read when expanded, once), a SCIM group marked so', async () => {
    const a = await extensionApi();
    const data = await orgGroup('Data team');
    assert.equal(data.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(data.getTreeItem().contextValue, 'orgGroup');
    assert.equal((await orgGroup('Engineering (Okta)')).getTreeItem().contextValue, 'orgGroup.scim');
    await clearRequests();
    const members = await a.orgTree.getChildren(data);
    assert.deepEqual(members.map(label).sort(), ['Edsger Dijkstra', 'Frances Allen', 'Grace Hopper']);
    assert.equal(members[0]!.getTreeItem().contextValue, 'groupMember');
    assert.equal((await sent()).filter((r) => r.includes('/users')).length, 1);
    assert.match(description(await orgGroup('Data team')), /^3 members/);
    await clearRequests();
    await a.orgTree.getChildren(await orgGroup('Data team'));
    assert.deepEqual(await requests(), [], 'expanded again: from the cache');
    const scim = await a.orgTree.getChildren(await orgGroup('Engineering (Okta)'));
    assert.equal(scim[0]!.getTreeItem().contextValue, 'groupMember.scim');
    assert.equal(a.orgTree.getParent(members[0]!)?.id, data.id, 'a member row’s parent is its group (reveal)');
  });

  it('creates, renames and deletes a group, adds and removes members, each once; SCIM groups refused before any request', async () => {
    const a = await extensionApi();
    await orgGroups();
    a.ui.answer('data team');
    await run('createGroup');
    assert.match((await asked('error')).at(-1)!.message, /There is a group called "Data team" already/);
    a.ui.answer('Finance');
    await run('createGroup');
    assert.deepEqual(await writes(), ['POST /organization/groups']);
    let org = await state();
    const finance = org.groups!.find((g) => g.name === 'Finance')!;
    assert.ok(finance, 'the group is in the organization');
    await clearRequests();
    assert.ok(
      (await orgGroups()).some((n) => label(n) === 'Finance'),
      'shown without another read',
    );
    assert.deepEqual(await requests(), []);

    a.ui.answer('Finance & Ops');
    await run('renameGroup', await orgGroup('Finance'));
    a.ui.answer('Ada Lovelace\nAlan Turing');
    const added = await run('addGroupMembers', await orgGroup('Finance & Ops'));
    assert.equal((added as string[]).length, 2);
    const finRow = await orgGroup('Finance & Ops');
    const finMembers = await a.orgTree.getChildren(finRow);
    assert.deepEqual(finMembers.map(label).sort(), ['Ada Lovelace', 'Alan Turing']);
    a.ui.answer('Remove');
    await run(
      'removeGroupMember',
      finMembers.find((n) => label(n) === 'Alan Turing'),
    );
    org = await state();
    const g = org.groups!.find((x) => x.id === finance.id)!;
    assert.equal(g.name, 'Finance & Ops');
    assert.deepEqual(g.members.length, 1);
    assert.deepEqual(
      (await writes()).map((w) => w.replace(finance.id, 'G').replace(/user-\w+|user_\w+/g, 'U')),
      ['POST /organization/groups/G', 'POST /organization/groups/G/users', 'POST /organization/groups/G/users', 'DELETE /organization/groups/G/users/U'],
    );

    // The identity provider owns a SCIM group's name and members: refused with the reason, nothing sent.
    await clearRequests();
    const okta = await orgGroup('Engineering (Okta)');
    await run('renameGroup', okta);
    await run('addGroupMembers', okta);
    await run('deleteGroup', okta);
    assert.deepEqual(await writes(), []);
    const errors = (await asked('error')).slice(-3).map((e) => e.message);
    for (const e of errors) assert.match(e, /synced from the identity provider \(SCIM\).*Change it there/);

    a.ui.answer('Delete Group');
    await run('deleteGroup', await orgGroup('Finance & Ops'));
    assert.equal(
      (await state()).groups!.some((x) => x.id === finance.id),
      false,
    );
    assert.ok(!(await orgGroups()).some((n) => label(n) === 'Finance & Ops'));
  });

  it('a group renamed tells only the projects whose Groups list is held somewhere, not every project', async () => {
    const a = await extensionApi();
    const org = await state();
    const team = org.groups!.find((g) => g.name === 'Data team')!;
    // One project's Groups list read (the tree's cache), the rest held nowhere.
    const data = org.projects.find((p) => p.name === 'Data Platform')!;
    await a.store.folder(data.id, 'groups');
    await a.index.loadFolders();
    const all = (await a.store.projects(false)).length;
    const told: string[] = [];
    const stop = a.store.onDidChange((c) => {
      if (typeof c === 'object' && 'kind' in c && c.kind === 'groups') told.push(c.projectId);
    });
    try {
      a.ui.answer('Data team 2');
      await run('renameGroup', await orgGroup('Data team'));
    } finally {
      stop();
    }
    assert.equal((await state()).groups!.find((g) => g.id === team.id)!.name, 'Data team 2');
    const held = (await a.store.projects(false)).filter((p) => a.store.loaded(p.id, 'groups') || a.index.folder(p.id, 'groups')).map((p) => p.id);
    assert.ok(all > held.length, `${all} projects, ${held.length} with a Groups list held`);
    assert.deepEqual([...new Set(told)].sort(), held.sort(), 'told only where a copy is held');
    assert.equal(a.store.loaded(data.id, 'groups')!.find((g) => g.id === team.id)!.group_name, 'Data team 2', 'the held copy says the new name');
  });

  it('a project’s Groups folder is read when opened, not on expand; grant and revoke are one write each', async () => {
    const a = await extensionApi();
    const org = await state();
    const support = org.projects.find((p) => p.name === 'Customer Support Bot') ?? org.projects[1]!;
    await clearRequests();
    await a.tree.getChildren(await projectNode(support.name));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await sent()).filter((r) => r.endsWith('/groups')).length, 0, 'expanding a project reads no groups');
    const { folder, rows } = await projectGroups(support.name);
    assert.deepEqual(rows.map(label), ['Engineering (Okta)']);
    assert.equal(rows[0]!.getTreeItem().contextValue, 'projectGroup');
    assert.equal((await sent()).filter((r) => r.endsWith('/groups')).length, 1);

    await clearRequests();
    a.ui.answer('Data team', 'Viewer');
    await run('grantGroupAccess', folder);
    assert.deepEqual(await writes(), [`POST /organization/projects/${support.id}/groups`]);
    const grant = (await state()).projects.find((p) => p.id === support.id)!.groups!;
    assert.equal(grant.length, 2);
    assert.equal(grant.find((x) => x.role_id === 'role_project_viewer' && x.group_id !== rows[0]!.id.split('/').at(-1)) !== undefined, true);
    await clearRequests();
    const after = await projectGroups(support.name);
    assert.deepEqual(after.rows.map(label).sort(), ['Data team', 'Engineering (Okta)']);
    assert.deepEqual(await requests(), [], 'the grant is in the folder without another read');

    // Granted already: refused before any write.
    a.ui.answer(support.name);
    await run('grantGroupAccess', await orgGroup('Data team'));
    assert.match((await asked('error')).at(-1)!.message, /"Data team" has access to ".*" already/);
    assert.deepEqual(await writes(), []);

    a.ui.answer('Revoke Access');
    await run(
      'revokeGroupAccess',
      after.rows.find((n) => label(n) === 'Data team'),
    );
    assert.deepEqual(await writes(), [`DELETE /organization/projects/${support.id}/groups/${org.groups!.find((g) => g.name === 'Data team')!.id}`]);
    assert.deepEqual((await projectGroups(support.name)).rows.map(label), ['Engineering (Okta)']);
  });

  it('Grant Group Access to Projects and Revoke Group Everywhere: one plan each, one write a project, the granted ones skipped', async () => {
    const a = await extensionApi();
    const org = await state();
    const data = org.groups!.find((g) => g.name === 'Data team')!;
    const open = org.projects.filter((p) => p.status === 'active' && !p.is_default);
    const had = open.filter((p) => (p.groups ?? []).some((g) => g.group_id === data.id));
    const fresh = open.filter((p) => !had.includes(p)).slice(0, 2);
    assert.ok(had.length >= 1 && fresh.length === 2);
    a.ui.answer([...fresh, had[0]!].map((p) => p.name).join('\n'), 'Viewer');
    a.panels.answerPlans('apply');
    const r = (await run('grantGroupToProjects', await orgGroup('Data team'))) as ApplyResult;
    assert.deepEqual(
      r.outcomes.map((o) => [o.change.project.name, o.result]),
      fresh.map((p) => [p.name, 'done']),
    );
    const plan = a.panels.plan('give Data team access to projects')!;
    assert.deepEqual(
      plan.skipped.map((x) => [x.project, x.why]),
      [[had[0]!.name, 'has access already']],
    );
    assert.deepEqual(
      (await writes()).filter((w) => w.endsWith('/groups')),
      fresh.map((p) => `POST /organization/projects/${p.id}/groups`),
    );
    let after = await state();
    for (const p of fresh) assert.equal(after.projects.find((x) => x.id === p.id)!.groups!.find((g) => g.group_id === data.id)?.role_id, 'role_project_viewer');

    await clearRequests();
    a.panels.answerPlans('apply');
    const r2 = (await run('revokeGroupEverywhere', await orgGroup('Data team'))) as ApplyResult;
    assert.deepEqual(r2.outcomes.map((o) => o.change.project.id).sort(), [...fresh, ...had].map((p) => p.id).sort());
    assert.ok(r2.outcomes.every((o) => o.result === 'done'));
    assert.deepEqual(
      (await writes()).sort(),
      [...fresh, ...had].map((p) => `DELETE /organization/projects/${p.id}/groups/${data.id}`).sort(),
      'one write a project, each once',
    );
    after = await state();
    assert.ok(
      after.projects.every((p) => !(p.groups ?? []).some((g) => g.group_id === data.id)),
      'no project left with the group',
    );
    assert.ok(
      after.groups!.some((g) => g.id === data.id),
      'the group itself stays',
    );
  });

  it('custom roles: create, edit, delete (refused while held, and for a predefined role); assign and unassign, a member’s own role and a group’s refused with the reason', async () => {
    const a = await extensionApi();
    const members = await orgMembers();
    const alanRow = members.find((n) => label(n) === 'Alan Turing')!;
    const roles = await orgFolderRows('roles');
    assert.ok(roles.some((n) => label(n) === 'Usage analyst' && n.getTreeItem().contextValue === 'orgRole.custom'));
    a.ui.answer('usage ANALYST');
    await run('createRole');
    assert.match((await asked('error')).at(-1)!.message, /There is a role called "Usage analyst" already/);
    a.ui.answer('Auditor', 'api.organization.audit_logs.read\napi.organization.read', 'Reads the audit log.');
    const made = (await run('createRole', await orgFolder('roles'))) as { id: string };
    let org = await stateWithRoles();
    const auditor = org.roles!.find((r) => r.name === 'Auditor')!;
    assert.equal(auditor.id, made.id);
    assert.deepEqual([...auditor.permissions].sort(), ['api.organization.audit_logs.read', 'api.organization.read']);
    assert.equal(auditor.description, 'Reads the audit log.');

    a.ui.answer('Auditor');
    await run('assignRole', alanRow);
    a.ui.answer('api.organization.audit_logs.read');
    await run(
      'editRole',
      (await orgFolderRows('roles')).find((n) => label(n) === 'Auditor'),
    );
    org = await stateWithRoles();
    assert.deepEqual(org.roles!.find((r) => r.id === auditor.id)!.permissions, ['api.organization.audit_logs.read']);
    assert.ok(org.assignments!.some((x) => x.principal_id === alanRow.id.split('/').at(-1) && x.role_id === auditor.id));

    // Held: the API refuses the delete, and says why.
    await clearRequests();
    a.ui.answer('Delete Role');
    await run(
      'deleteRole',
      (await orgFolderRows('roles')).find((n) => label(n) === 'Auditor'),
    );
    assert.match((await asked('error')).at(-1)!.message, /held by 1 user or group: unassign it first/);
    // A member's own role, and one held through a group: refused here, nothing sent.
    const reader = (await stateWithRoles()).users.find((u) => u.name === 'Alan Turing')!;
    await run('unassignRole', alanRow, 'role_org_reader');
    assert.match((await asked('error')).at(-1)!.message, /own role in the organization: change their role instead/);
    await run(
      'unassignRole',
      members.find((n) => label(n) === 'Grace Hopper'),
      (await stateWithRoles()).roles!.find((r) => r.name === 'Usage analyst')!.id,
    );
    assert.match((await asked('error')).at(-1)!.message, /holds "Usage analyst" through Data team/);
    assert.deepEqual(await writes(), ['DELETE /organization/roles/' + auditor.id], 'only the delete the API refused');

    a.ui.answer('Auditor', 'Unassign Role');
    await run('unassignRole', alanRow);
    a.ui.answer('Delete Role');
    await run(
      'deleteRole',
      (await orgFolderRows('roles')).find((n) => label(n) === 'Auditor'),
    );
    org = await stateWithRoles();
    assert.ok(!org.roles!.some((r) => r.id === auditor.id));
    assert.ok(!org.assignments!.some((x) => x.principal_id === reader.id && x.role_id === auditor.id));
    // Predefined: refused before any request.
    await clearRequests();
    await run(
      'deleteRole',
      (await orgFolderRows('roles')).find((n) => label(n) === 'Owner'),
    );
    assert.match((await asked('error')).at(-1)!.message, /predefined role, which cannot be changed or deleted/);
    assert.deepEqual(await writes(), []);
  });

  it('a project’s roles: a custom project role created from the project, assigned to a project user and to a group with access', async () => {
    const a = await extensionApi();
    const org = await stateWithRoles();
    const data = org.projects.find((p) => (p.groups ?? []).some((g) => g.role_id === 'role_project_member'))!;
    a.ui.answer('Key keeper', 'api.project.keys.write\napi.project.read', '');
    await run('createRole', await projectNode(data.name));
    const after = await stateWithRoles();
    const keeper = after.projects.find((p) => p.id === data.id)!.roles!.find((r) => r.name === 'Key keeper')!;
    assert.ok(keeper, 'the project has the role');
    const userRows = await a.tree.getChildren((await a.tree.getChildren(await projectNode(data.name))).find((n) => label(n) === 'Users'));
    const userRow = userRows[0]!;
    a.ui.answer('Key keeper');
    await run('assignRole', userRow);
    const { rows } = await projectGroups(data.name);
    a.ui.answer('Key keeper');
    await run('assignRole', rows[0]);
    const final = (await stateWithRoles()).projects.find((p) => p.id === data.id)!;
    const userId = userRow.id.split('/').at(-1);
    assert.ok(final.assignments!.some((x) => x.principal_type === 'user' && x.principal_id === userId && x.role_id === keeper.id));
    assert.ok(final.assignments!.some((x) => x.principal_type === 'group' && x.role_id === keeper.id));
    // Their project role (member or owner) is theirs: not unassignable here.
    await clearRequests();
    await run('unassignRole', userRow, final.members.find((m) => m.user_id === userId)!.role === 'owner' ? 'role_project_owner' : 'role_project_member');
    assert.match((await asked('error')).at(-1)!.message, /own role in project .*: change their role instead/);
    assert.deepEqual(await writes(), []);
  });

  it('Assign Role in Projects: each project’s own role of that name, one write a project; projects without it, or without the person, skipped', async () => {
    const a = await extensionApi();
    const org = await state();
    const data = org.projects.find((p) => (p.roles ?? []).some((r) => r.name === 'Rate limit tuner'))!;
    const tuner = data.roles!.find((r) => r.name === 'Rate limit tuner')!;
    const holders = new Set((data.assignments ?? []).filter((x) => x.role_id === tuner.id).map((x) => x.principal_id));
    const others = org.projects.filter((p) => p.status === 'active' && !p.is_default && p.id !== data.id);
    const person = org.users.find(
      (u) => data.members.some((m) => m.user_id === u.id) && !holders.has(u.id) && others.some((p) => p.members.some((m) => m.user_id === u.id)),
    )!;
    assert.ok(person, 'a member of Data Platform and another project, without the role');
    const second = others.find((p) => p.members.some((m) => m.user_id === person.id))!;
    const without = others.find((p) => p.id !== second.id)!;
    const made = await apiPost(`/projects/${second.id}/roles`, { role_name: 'Rate limit tuner', permissions: ['api.project.read'] });
    const userRow = (await a.tree.getChildren((await a.tree.getChildren(await projectNode(data.name))).find((n) => label(n) === 'Users'))).find(
      (n) => label(n) === person.name,
    );
    a.ui.answer([data, second, without].map((p) => p.name).join('\n'), 'Rate limit tuner');
    a.panels.answerPlans('apply');
    await clearRequests();
    const r = (await run('assignRoleInProjects', userRow)) as ApplyResult;
    assert.deepEqual(
      r.outcomes.map((o) => [o.change.project.id, o.result]).sort(),
      [data.id, second.id].sort().map((id) => [id, 'done']),
    );
    assert.deepEqual(
      (await writes()).sort(),
      [`POST /projects/${data.id}/users/${person.id}/roles`, `POST /projects/${second.id}/users/${person.id}/roles`].sort(),
    );
    const plan = a.panels.plan(`give ${person.name} a role in projects`)!;
    assert.deepEqual(
      plan.skipped.map((x) => [x.project, x.why]),
      [[without.name, 'the project has no role "Rate limit tuner"']],
    );
    const after = await state();
    assert.ok(after.projects.find((p) => p.id === data.id)!.assignments!.some((x) => x.principal_id === person.id && x.role_id === tuner.id));
    assert.ok(after.projects.find((p) => p.id === second.id)!.assignments!.some((x) => x.principal_id === person.id && x.role_id === made.id));
  });

  it('Find answers who holds a role and which groups have access, from the index; Index Role Assignments says its requests first; a role write forgets its scope', async () => {
    const a = await extensionApi();
    const org = await state();
    const active = org.projects.filter((p) => p.status !== 'archived');
    const data = org.projects.find((p) => p.name === 'Data Platform')!;
    const user = (id: string) => org.users.find((u) => u.id === id)!;
    const edsger = data.assignments!.find((x) => x.principal_type === 'user')!.principal_id;
    const picks = () => a.ui.asked.filter((x) => x.kind === 'pick');
    const ask = async (q: string, ...then: string[]) => {
      a.ui.answer(q, ...(then.length ? then : [undefined]));
      await run('findInOrganization');
      return picks().at(-1)!.items!;
    };
    // Nothing of who holds what is known yet: said, with the offer to read it.
    const first = await ask(
      'who has role Rate limit tuner',
      `Read the role assignments of the organization and ${active.length} projects…`,
      'Read Role Assignments',
    );
    assert.equal(first[0], '0 holding the role "Rate limit tuner"');
    const confirm = (await asked('confirm')).at(-1)!;
    // The organization's roles and one read a member and a group; each project's roles and one a user and a group with access.
    const expected =
      1 +
      org.users.length +
      org.groups!.length +
      active.reduce((n, p) => n + 1 + (p.is_default ? org.users.length : p.members.length) + (p.groups ?? []).length, 0);
    // Nothing of the projects' users and groups indexed yet: three a project counted, and said to be more.
    assert.equal(
      confirm.message,
      `Read who holds which role in ${active.length + 1} places: about ${1 + org.users.length + org.groups!.length + 3 * active.length} requests?`,
    );
    assert.match(confirm.detail!, new RegExp(`More for the ${active.length} project\\(s\\) whose users and groups are not indexed yet`));
    const reads = (await requests()).filter((r) => /\/roles$/.test(r.path));
    assert.ok(reads.every((r) => r.method === 'GET'));
    assert.equal(reads.length, expected, 'one read a scope, a member and a group');

    await clearRequests();
    const tuner = await ask('who has role rate limit tuner');
    assert.deepEqual(tuner.slice(1).sort(), ['Data team', user(edsger).name].sort(), 'a group and a person it is assigned to');
    const owner = await ask('role Owner');
    const owners = org.users.filter((u) => u.role === 'owner').length;
    // The default project's users are the organization's members, its owners owners there.
    const projectOwners = active.reduce((n, p) => n + (p.is_default ? owners : p.members.filter((m) => m.role === 'owner').length), 0);
    assert.ok(owner[0]!.startsWith(`${owners + projectOwners} holding the role "Owner"`), `${owner[0]} (organization owners, and each project's)`);
    const groups = await ask('groups with access to data platform');
    assert.deepEqual(groups, ['1 group with access to "Data Platform"', 'Data team']);
    assert.deepEqual(await sent(), [], 'answered from the index');

    // A role taken back: its project's answer is forgotten (not guessed) until read again.
    const project = await projectNode('Data Platform');
    const users = (await a.tree.getChildren((await a.tree.getChildren(project)).find((n) => label(n).startsWith('Users')))).find((n) =>
      n.id.endsWith(`/${edsger}`),
    );
    assert.ok(users, 'Edsger’s row in the project');
    a.ui.answer('Unassign Role');
    await run('unassignRole', users, 'Rate limit tuner');
    assert.deepEqual(
      await ask('who has role Rate limit tuner'),
      ['0 holding the role "Rate limit tuner"', 'Read the role assignments of the other 1 project…'],
      'Data Platform is not known now',
    );
  });

  it('a role’s row opens on its permissions and who holds it (once indexed); a project group’s on its roles there (one read); a user’s row says the roles assigned to them', async () => {
    const a = await extensionApi();
    const org = await state();
    const analyst = org.roles!.find((r) => r.name === 'Usage analyst')!;
    const rolesFolder = (await a.orgTree.getChildren()).find((n) => n.id === 'org/roles')!;
    const roleRow = async (name: string) => (await a.orgTree.getChildren(rolesFolder)).find((n) => label(n) === name)!;
    const row = await roleRow('Usage analyst');
    assert.equal(row.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const [permissions, holders] = await a.orgTree.getChildren(row);
    assert.equal(label(permissions!), 'Permissions');
    assert.deepEqual((await a.orgTree.getChildren(permissions)).map(label), analyst.permissions);
    assert.equal(label(holders!), 'Held by: not read yet', 'not guessed before it is read');
    assert.equal(holders!.getTreeItem().command?.command, 'openaiProjects.indexRoleAssignments');

    a.ui.answer('Read Role Assignments');
    await run('indexRoleAssignments');
    const [, held] = await a.orgTree.getChildren(await roleRow('Usage analyst'));
    const who = (await a.orgTree.getChildren(held)).map((n) => `${label(n)}: ${description(n)}`);
    const katherine = org.users.find((u) => org.assignments!.some((x) => x.principal_type === 'user' && x.principal_id === u.id))!;
    assert.deepEqual(who.sort(), ['Data team: group · assigned', `${katherine.name}: assigned`].sort());
    assert.match(description(await orgGroup('Data team')), /Usage analyst$/, 'a group’s row names its organization roles once read');
    const [, owners] = await a.orgTree.getChildren(await roleRow('Owner'));
    assert.deepEqual(
      (await a.orgTree.getChildren(owners)).map(label).sort(),
      org.users
        .filter((u) => u.role === 'owner')
        .map((u) => u.name)
        .sort(),
      'the organization’s owners, through their organization role',
    );

    // A project's group: its roles there, read when opened (one request).
    const data = org.projects.find((p) => p.name === 'Data Platform')!;
    const team = org.groups!.find((g) => g.name === 'Data team')!;
    await run('refresh');
    await clearRequests();
    const { rows } = await projectGroups('Data Platform');
    const teamRow = rows.find((n) => label(n) === 'Data team')!;
    assert.equal(teamRow.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.deepEqual((await a.tree.getChildren(teamRow)).map(label), ['Member', 'Rate limit tuner']);
    assert.deepEqual(
      (await sent()).filter((r) => r.includes('/roles')),
      [`GET /projects/${data.id}/groups/${team.id}/roles`],
    );
    // A user's row: the roles assigned to them in the project, as the index has them.
    const edsger = data.assignments!.find((x) => x.principal_type === 'user')!.principal_id;
    const users = (await a.tree.getChildren(await projectNode('Data Platform'))).find((n) => label(n).startsWith('Users'))!;
    const edsgerRow = (await a.tree.getChildren(users)).find((n) => n.id.endsWith(`/${edsger}`))!;
    assert.match(description(edsgerRow), /also Rate limit tuner$/);
  });

  it('Show Access: a person’s organization role, a group’s role and a role assigned to them, each with where it comes from', async () => {
    const a = await extensionApi();
    const org = await state();
    const edsger = org.users.find((u) => u.name === 'Edsger Dijkstra')!;
    const report = (await run(
      'showAccess',
      (await orgMembers()).find((n) => label(n) === 'Edsger Dijkstra'),
    )) as AccessReport;
    const lines = linesOf(report);
    assert.ok(lines.includes('The organization: Reader — their organization role'), lines.join('\n'));
    assert.ok(lines.includes('The organization: Usage analyst — through the group "Data team"'), lines.join('\n'));
    const data = org.projects.find((p) => (p.groups ?? []).some((g) => g.role_id === 'role_project_member'))!;
    assert.ok(lines.includes(`${data.name}: Rate limit tuner — assigned to them`), lines.join('\n'));
    assert.ok(lines.includes(`${data.name}: Rate limit tuner — through the group "Data team"`), lines.join('\n'));
    assert.ok(lines.includes(`${data.name}: Member — through the group "Data team"`), lines.join('\n'));
    // Each line's jump names a row the report listed; the panel was sent it.
    const viaGroup = report.view.sections.find((s) => s.heading === data.name)!.lines.find((l) => l.via.includes('Data team'))!;
    const target = report.targets.get(viaGroup.target!);
    assert.ok(target?.view === 'projects');
    assert.deepEqual([target.project.id, target.kind, target.itemId], [data.id, 'groups', org.groups!.find((g) => g.name === 'Data team')!.id]);
    // Roles were read only where they can hold any: not in every project.
    const roleReads = (await sent()).filter((r) => r.startsWith('GET /projects/') && r.endsWith(`/users/${edsger.id}/roles`));
    assert.ok(roleReads.length >= 1 && roleReads.length < org.projects.length, roleReads.join(', '));
    // The jump shows the row: the project's group row, selected in the Projects view.
    a.panels.send('access', `person:${edsger.id}`, { type: 'reveal', target: viaGroup.target });
    const view = a.view;
    await eventuallySelected(view, `${data.id}/groups/${org.groups!.find((g) => g.name === 'Data team')!.id}`);
    // A target the report did not list is dropped.
    a.panels.send('access', `person:${edsger.id}`, { type: 'reveal', target: 'org/adminKeys/x' });
    a.panels.send('access', `person:${edsger.id}`, { type: 'reveal', target: 42 });
    // The side bar closed again: a visible tree reads on every refresh, which later tests count.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Access on a group: its organization roles, then its roles in each project it has access to, each line jumping to the group’s row', async () => {
    const a = await extensionApi();
    const org = await state();
    const team = org.groups!.find((g) => g.name === 'Data team')!;
    const r = (await run('showAccess', await orgGroup('Data team'))) as AccessReport;
    assert.equal(r.view.title, 'Access of the group Data team');
    assert.deepEqual(linesOf(r).sort(), [
      'Data Platform: Member — the group’s access to the project',
      'Data Platform: Rate limit tuner — the group’s access to the project',
      'The organization: Usage analyst — assigned to the group',
    ]);
    assert.match(r.view.summary, new RegExp(`Its ${team.members.length} member\\(s\\) hold everything below through it`));
    // From a project's group row too, the same view.
    const { rows } = await projectGroups('Data Platform');
    const again = (await run(
      'showAccess',
      rows.find((n) => label(n) === 'Data team'),
    )) as AccessReport;
    assert.deepEqual(linesOf(again).sort(), linesOf(r).sort());
    assert.ok(
      [...again.targets.keys()].every((k) => k === `org/groups/${team.id}` || k.endsWith(`/groups/${team.id}`)),
      'every jump is to the group’s rows',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(
      a.ui.asked.filter((x) => x.kind === 'error'),
      [],
    );
  });

  it('Who Has Access: every person with access to a project and through what, organization owners included', async () => {
    const org = await state();
    const data = org.projects.find((p) => (p.groups ?? []).some((g) => g.role_id === 'role_project_member'))!;
    const report = (await run('whoHasAccess', await projectNode(data.name))) as AccessReport;
    const lines = linesOf(report);
    for (const who of ['Grace Hopper', 'Edsger Dijkstra', 'Frances Allen'])
      assert.ok(lines.includes(`${who}: Member — through the group "Data team"`), `${who} through the group:\n${lines.join('\n')}`);
    const owners = org.users.filter((u) => u.role === 'owner');
    for (const o of owners) assert.ok(lines.includes(`${o.name}: Owner — their organization role (Owner)`), `${o.name}:\n${lines.join('\n')}`);
    assert.match(report.view.summary, /Groups with access: Data team\./);
  });
});

const stateWithRoles = state;

async function orgFolder(kind: string): Promise<TreeNode> {
  const a = await extensionApi();
  return (await a.orgTree.getChildren()).find((n) => n.id === `org/${kind}`)!;
}
async function orgFolderRows(kind: string): Promise<TreeNode[]> {
  return (await extensionApi()).orgTree.getChildren(await orgFolder(kind));
}

async function orgMembers(): Promise<TreeNode[]> {
  const a = await extensionApi();
  const f = (await a.orgTree.getChildren()).find((n) => n.id === 'org/members')!;
  return a.orgTree.getChildren(f);
}

async function eventuallySelected(view: vscode.TreeView<TreeNode>, id: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (view.selection.some((n) => n.id === id)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${id} selected; selected: ${view.selection.map((n) => n.id).join(', ')}`);
}
