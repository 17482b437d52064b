// The fault matrix, in the real host: every command that changes the organization, under every fault
// the emulator can inject, before the API acts and after it. Each cell checks what the person is told
// (one message naming the object and the cause), that the tree's cache matches the emulator afterwards,
// and that the write went out exactly once. The counts go to the log as CONTRIBUTING's Reliability figures.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ApplyResult } from '../../src/bulk/plan';
import type { FillResult } from '../../src/index/indexer';
import type { ToWebview } from '../../src/webview/rateLimitProtocol';
import type { ToWebview as SettingsTo } from '../../src/webview/settingsProtocol';
import type { Facet, FacetValues } from '../../src/store/facets';
import type { TreeNode } from '../../src/kit/node';
import { asRendered, emulator, eventually, extensionApi, openPlan, requests, resetOrg, state, type EmuOrg, type EmuProject, apiPost } from './helpers';
import { fingerprint } from '../../src/index/files';

const run = async (id: string, ...args: unknown[]): Promise<unknown> => vscode.commands.executeCommand(`openaiProjects.${id}`, ...args);
const config = () => vscode.workspace.getConfiguration('openaiProjects');

interface FaultCase {
  name: string;
  fault: Record<string, unknown>;
  /** refused: the API said no; not done: the answer was lost and reading back found nothing changed; done: it had acted. */
  expect: 'refused' | 'not done' | 'done';
}

const FAULTS: FaultCase[] = [
  { name: '429 without Retry-After', fault: { kind: '429' }, expect: 'refused' },
  { name: '429 with Retry-After', fault: { kind: '429', retryAfterSeconds: 1 }, expect: 'refused' },
  { name: '500', fault: { kind: '500' }, expect: 'not done' },
  { name: '503', fault: { kind: '503' }, expect: 'not done' },
  { name: 'a proxy’s HTML 502 page', fault: { kind: 'response', status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, expect: 'not done' },
  { name: 'a hang past the timeout', fault: { kind: 'hang' }, expect: 'not done' },
  { name: 'malformed JSON', fault: { kind: 'malformed' }, expect: 'not done' },
  { name: 'a dropped connection', fault: { kind: 'drop' }, expect: 'not done' },
  { name: 'a 200 of the wrong shape', fault: { kind: 'response', status: 200, body: { unexpected: true } }, expect: 'not done' },
  { name: 'a dropped connection after the API acted', fault: { kind: 'drop', after: true }, expect: 'done' },
  { name: 'a 502 after the API acted', fault: { kind: '502', after: true }, expect: 'done' },
  { name: 'a hang after the API acted', fault: { kind: 'hang', after: true }, expect: 'done' },
];

/** What a write whose answer was lost, and that reading back found not done, says: the cause, and that nothing changed. */
const NOT_DONE = /was not done: .*(timed out|No answer|Could not reach|not JSON|unexpected shape|server error).* Nothing changed/;

interface Target {
  org: EmuOrg;
  p: EmuProject;
  project: TreeNode;
  leaf(kind: 'users' | 'serviceAccounts' | 'apiKeys', id: string): Promise<TreeNode>;
  /** A row of the Organization view. */
  orgLeaf(kind: 'members' | 'invites' | 'adminKeys' | 'roles', id: string): Promise<TreeNode>;
}

interface WriteCase {
  name: string;
  method: string;
  /** The write's path (after /v1), as a regular expression. */
  path(t: Target): string;
  answers?: string[];
  /** What the cell needs that the seed does not have, made before its requests are counted. */
  setup?(t: Target): Promise<void>;
  run(t: Target): Promise<unknown>;
  /** Whether the emulator shows the change. */
  happened(before: Target, after: EmuOrg): boolean;
  /** The object's names a message may use. */
  names(t: Target): string[];
  /** The cache's view of what changed, and the emulator's: they must agree. */
  cache(t: Target): Promise<{ mine: string[]; theirs: (org: EmuOrg) => string[] }>;
}

/** The role the Delete Role cells make first (its id is the API's). */
let doomed = '';
const P = (t: Target) => `/organization/projects/${t.p.id}`;
const projectOf = (org: EmuOrg, id: string) => org.projects.find((x) => x.id === id)!;
const userKey = (t: Target) => t.p.api_keys.find((k) => k.owner.type === 'user')!;
const saKey = (t: Target) => t.p.api_keys.find((k) => k.owner.type === 'service_account')!;
const saMember = (t: Target) => t.p.service_accounts.find((s) => s.role === 'member')!;
const member = (t: Target) => t.org.users.find((u) => u.id === t.p.members.find((m) => m.role === 'member')!.user_id)!;
const outsider = (t: Target) => t.org.users.find((u) => !t.p.members.some((m) => m.user_id === u.id))!;

async function folderIds(projectId: string, kind: 'users' | 'serviceAccounts' | 'apiKeys'): Promise<string[]> {
  return (await (await extensionApi()).store.folder(projectId, kind)).map((x) => x.id).sort();
}
async function projectNames(): Promise<string[]> {
  return (await (await extensionApi()).store.projects(false)).map((p) => `${p.id} ${p.name ?? ''} ${p.status ?? ''}`).sort();
}
const orgProjects = (org: EmuOrg) =>
  org.projects
    .filter((p) => p.status === 'active')
    .map((p) => `${p.id} ${p.name} ${p.status}`)
    .sort();
const membersOf = (kind: 'users' | 'serviceAccounts' | 'apiKeys', id: string) => (org: EmuOrg) => {
  const p = projectOf(org, id);
  return (
    kind === 'users' ? p.members.map((m) => m.user_id) : kind === 'serviceAccounts' ? p.service_accounts.map((s) => s.id) : p.api_keys.map((k) => k.id)
  ).sort();
};

const WRITES: WriteCase[] = [
  {
    name: 'Create Project',
    method: 'POST',
    path: () => '^/organization/projects$',
    answers: ['Create'],
    run: () => run('createProject', 'Matrix Project'),
    happened: (_t, org) => org.projects.some((p) => p.name === 'Matrix Project'),
    names: () => ['Matrix Project'],
    cache: async () => ({ mine: await projectNames(), theirs: orgProjects }),
  },
  {
    name: 'Rename Project',
    method: 'POST',
    path: (t) => `^${P(t)}$`,
    answers: ['Rename'],
    run: (t) => run('renameProject', t.project, 'Renamed In Matrix'),
    happened: (t, org) => projectOf(org, t.p.id).name === 'Renamed In Matrix',
    names: (t) => [t.p.name, t.p.id],
    cache: async () => ({ mine: await projectNames(), theirs: orgProjects }),
  },
  {
    name: 'Archive Project',
    method: 'POST',
    path: (t) => `^${P(t)}/archive$`,
    answers: ['Archive'],
    run: (t) => run('archiveProject', t.project),
    happened: (t, org) => projectOf(org, t.p.id).status === 'archived',
    names: (t) => [t.p.name, t.p.id],
    cache: async () => ({ mine: await projectNames(), theirs: orgProjects }),
  },
  {
    name: 'Add User',
    method: 'POST',
    path: (t) => `^${P(t)}/users$`,
    answers: ['Add'],
    run: (t) => run('addUser', t.project, outsider(t).id, 'member'),
    happened: (t, org) => projectOf(org, t.p.id).members.some((m) => m.user_id === outsider(t).id),
    names: (t) => [outsider(t).id, t.p.name, t.p.id],
    cache: async (t) => ({ mine: await folderIds(t.p.id, 'users'), theirs: membersOf('users', t.p.id) }),
  },
  {
    name: 'Change User Role',
    method: 'POST',
    path: (t) => `^${P(t)}/users/${member(t).id}$`,
    answers: ['Change Role'],
    run: async (t) => run('changeUserRole', await t.leaf('users', member(t).id), 'owner'),
    happened: (t, org) => projectOf(org, t.p.id).members.find((m) => m.user_id === member(t).id)?.role === 'owner',
    names: (t) => [member(t).name, member(t).id],
    cache: async (t) => ({
      mine: (await (await extensionApi()).store.folder(t.p.id, 'users')).map((u) => `${u.id} ${u.role}`).sort(),
      theirs: (org) =>
        projectOf(org, t.p.id)
          .members.map((m) => `${m.user_id} ${m.role}`)
          .sort(),
    }),
  },
  {
    name: 'Remove User',
    method: 'DELETE',
    path: (t) => `^${P(t)}/users/${member(t).id}$`,
    answers: ['Remove'],
    run: async (t) => run('removeUser', await t.leaf('users', member(t).id)),
    happened: (t, org) => !projectOf(org, t.p.id).members.some((m) => m.user_id === member(t).id),
    names: (t) => [member(t).name, member(t).id],
    cache: async (t) => ({ mine: await folderIds(t.p.id, 'users'), theirs: membersOf('users', t.p.id) }),
  },
  {
    name: 'Create Service Account',
    method: 'POST',
    path: (t) => `^${P(t)}/service_accounts$`,
    answers: ['Create'],
    run: (t) => run('createServiceAccount', t.project, 'matrix-bot'),
    happened: (t, org) => projectOf(org, t.p.id).service_accounts.some((s) => s.name === 'matrix-bot'),
    names: (t) => ['matrix-bot', t.p.id],
    cache: async (t) => ({ mine: await folderIds(t.p.id, 'serviceAccounts'), theirs: membersOf('serviceAccounts', t.p.id) }),
  },
  {
    name: 'Delete Service Account',
    method: 'DELETE',
    path: (t) => `^${P(t)}/service_accounts/${t.p.service_accounts[0]!.id}$`,
    answers: ['Delete'],
    run: async (t) => run('deleteServiceAccount', await t.leaf('serviceAccounts', t.p.service_accounts[0]!.id)),
    happened: (t, org) => !projectOf(org, t.p.id).service_accounts.some((s) => s.id === t.p.service_accounts[0]!.id),
    names: (t) => [t.p.service_accounts[0]!.name, t.p.service_accounts[0]!.id],
    cache: async (t) => ({ mine: await folderIds(t.p.id, 'serviceAccounts'), theirs: membersOf('serviceAccounts', t.p.id) }),
  },
  {
    name: 'Delete API Key',
    method: 'DELETE',
    path: (t) => `^${P(t)}/api_keys/${userKey(t).id}$`,
    answers: ['Delete Key'],
    run: async (t) => run('deleteApiKey', await t.leaf('apiKeys', userKey(t).id)),
    happened: (t, org) => !projectOf(org, t.p.id).api_keys.some((k) => k.id === userKey(t).id),
    names: (t) => [userKey(t).name, userKey(t).id],
    cache: async (t) => ({ mine: await folderIds(t.p.id, 'apiKeys'), theirs: membersOf('apiKeys', t.p.id) }),
  },
  {
    name: 'Rename Service Account',
    method: 'POST',
    path: (t) => `^${P(t)}/service_accounts/${t.p.service_accounts[0]!.id}$`,
    answers: ['Rename'],
    run: async (t) => run('renameServiceAccount', await t.leaf('serviceAccounts', t.p.service_accounts[0]!.id), 'matrix-renamed'),
    happened: (t, org) => projectOf(org, t.p.id).service_accounts.find((s) => s.id === t.p.service_accounts[0]!.id)?.name === 'matrix-renamed',
    names: (t) => [t.p.service_accounts[0]!.name, t.p.service_accounts[0]!.id],
    cache: async (t) => ({
      mine: (await (await extensionApi()).store.folder(t.p.id, 'serviceAccounts')).map((s) => `${s.id} ${s.name} ${s.role}`).sort(),
      theirs: (org) =>
        projectOf(org, t.p.id)
          .service_accounts.map((s) => `${s.id} ${s.name} ${s.role}`)
          .sort(),
    }),
  },
  {
    name: 'Change Service Account Role',
    method: 'POST',
    path: (t) => `^${P(t)}/service_accounts/${saMember(t).id}$`,
    answers: ['Change Role'],
    run: async (t) => run('changeServiceAccountRole', await t.leaf('serviceAccounts', saMember(t).id), 'owner'),
    happened: (t, org) => projectOf(org, t.p.id).service_accounts.find((s) => s.id === saMember(t).id)?.role === 'owner',
    names: (t) => [saMember(t).name, saMember(t).id],
    cache: async (t) => ({
      mine: (await (await extensionApi()).store.folder(t.p.id, 'serviceAccounts')).map((s) => `${s.id} ${s.role}`).sort(),
      theirs: (org) =>
        projectOf(org, t.p.id)
          .service_accounts.map((s) => `${s.id} ${s.role}`)
          .sort(),
    }),
  },
  {
    name: 'Delete a Service Account’s Key',
    method: 'DELETE',
    path: (t) => `^${P(t)}/api_keys/${saKey(t).id}$`,
    answers: ['Delete Key'],
    run: async (t) => run('deleteApiKey', await t.leaf('apiKeys', saKey(t).id)),
    happened: (t, org) => !projectOf(org, t.p.id).api_keys.some((k) => k.id === saKey(t).id),
    names: (t) => [saKey(t).name, saKey(t).id],
    cache: async (t) => ({ mine: await folderIds(t.p.id, 'apiKeys'), theirs: membersOf('apiKeys', t.p.id) }),
  },
  {
    name: 'Add Key to Service Account',
    method: 'POST',
    path: (t) => `^${P(t)}/service_accounts/${saMember(t).id}/api_keys$`,
    answers: ['matrix-key', ''],
    run: async (t) => run('createServiceAccountKey', await t.leaf('serviceAccounts', saMember(t).id)),
    happened: (t, org) => projectOf(org, t.p.id).api_keys.some((k) => k.name === 'matrix-key'),
    names: (t) => [saMember(t).name, saMember(t).id, 'matrix-key'],
    cache: async (t) => ({ mine: await folderIds(t.p.id, 'apiKeys'), theirs: membersOf('apiKeys', t.p.id) }),
  },
  {
    name: 'Change API Key Expiry and Scopes',
    method: 'POST',
    path: (t) => `^${P(t)}/api_keys/${userKey(t).id}$`,
    answers: ['Expire in 7 days', ''],
    run: async (t) => run('editApiKey', await t.leaf('apiKeys', userKey(t).id)),
    happened: (t, org) =>
      typeof (projectOf(org, t.p.id).api_keys.find((k) => k.id === userKey(t).id) as { expires_at?: number | null } | undefined)?.expires_at === 'number',
    names: (t) => [userKey(t).name, userKey(t).id],
    cache: async (t) => ({
      mine: (await (await extensionApi()).store.folder(t.p.id, 'apiKeys')).map((k) => `${k.id} ${k.expires_at ?? '-'}`).sort(),
      theirs: (org) =>
        projectOf(org, t.p.id)
          .api_keys.map((k) => `${k.id} ${(k as { expires_at?: number | null }).expires_at ?? '-'}`)
          .sort(),
    }),
  },
  // The organization's own writes.
  {
    name: 'Invite to Organization',
    method: 'POST',
    path: () => '^/organization/invites$',
    answers: ['Invite'],
    run: () => run('inviteToOrganization', undefined, 'matrix@example.com', 'reader'),
    happened: (_t, org) => !!org.invites?.some((i) => i.email === 'matrix@example.com'),
    names: () => ['matrix@example.com'],
    cache: async () => ({ mine: await orgIds('invites'), theirs: (org) => (org.invites ?? []).map((i) => i.id).sort() }),
  },
  {
    name: 'Cancel Invite',
    method: 'DELETE',
    path: (t) => `^/organization/invites/${hedy(t).id}$`,
    answers: ['Cancel Invite'],
    run: async (t) => run('cancelInvite', await t.orgLeaf('invites', hedy(t).id)),
    happened: (t, org) => !org.invites?.some((i) => i.id === hedy(t).id),
    names: (t) => [hedy(t).email, hedy(t).id],
    cache: async () => ({ mine: await orgIds('invites'), theirs: (org) => (org.invites ?? []).map((i) => i.id).sort() }),
  },
  {
    name: 'Change Organization Role',
    method: 'POST',
    path: (t) => `^/organization/users/${reader(t).id}$`,
    answers: ['Change Role'],
    run: async (t) => run('changeOrganizationRole', await t.orgLeaf('members', reader(t).id), 'owner'),
    happened: (t, org) => org.users.find((u) => u.id === reader(t).id)?.role === 'owner',
    names: (t) => [reader(t).name, reader(t).id],
    cache: async () => ({
      mine: (await (await extensionApi()).store.orgList('members')).map((u) => `${u.id} ${u.role ?? ''}`).sort(),
      theirs: (org) => org.users.map((u) => `${u.id} ${u.role}`).sort(),
    }),
  },
  {
    name: 'Remove from Organization',
    method: 'DELETE',
    path: (t) => `^/organization/users/${reader(t).id}$`,
    answers: ['Remove from Organization'],
    run: async (t) => run('removeFromOrganization', await t.orgLeaf('members', reader(t).id)),
    happened: (t, org) => !org.users.some((u) => u.id === reader(t).id),
    names: (t) => [reader(t).name, reader(t).id],
    cache: async (t) => ({
      mine: [...(await orgIds('members')), ...(await folderIds(t.p.id, 'users'))],
      theirs: (org) => [...org.users.map((u) => u.id).sort(), ...membersOf('users', t.p.id)(org)],
    }),
  },
  {
    name: 'Create Admin Key',
    method: 'POST',
    path: () => '^/organization/admin_api_keys$',
    answers: ['Create'],
    run: () => run('createAdminKey', undefined, 'matrix-key', 30),
    happened: (_t, org) => !!org.admin_key_records?.some((k) => k.name === 'matrix-key'),
    names: () => ['matrix-key'],
    cache: async () => ({ mine: await orgIds('adminKeys'), theirs: (org) => (org.admin_key_records ?? []).map((k) => k.id).sort() }),
  },
  {
    name: 'Delete Admin Key',
    method: 'DELETE',
    path: (t) => `^/organization/admin_api_keys/${ciKey(t).id}$`,
    answers: ['Delete Key'],
    run: async (t) => run('deleteAdminKey', await t.orgLeaf('adminKeys', ciKey(t).id)),
    happened: (t, org) => !org.admin_key_records?.some((k) => k.id === ciKey(t).id),
    names: (t) => [ciKey(t).name, ciKey(t).id],
    cache: async () => ({ mine: await orgIds('adminKeys'), theirs: (org) => (org.admin_key_records ?? []).map((k) => k.id).sort() }),
  },
  // Groups and their access to projects.
  {
    name: 'Create Group',
    method: 'POST',
    path: () => '^/organization/groups$',
    answers: ['Create Group'],
    run: () => run('createGroup', undefined, 'Matrix group'),
    happened: (_t, org) => !!org.groups?.some((g) => g.name === 'Matrix group'),
    names: () => ['Matrix group'],
    cache: groupsCache,
  },
  {
    name: 'Rename Group',
    method: 'POST',
    path: (t) => `^/organization/groups/${dataTeam(t).id}$`,
    answers: ['Rename'],
    run: async (t) => run('renameGroup', await groupRow(dataTeam(t).id), 'Data crew'),
    happened: (t, org) => org.groups?.find((g) => g.id === dataTeam(t).id)?.name === 'Data crew',
    names: (t) => ['Data team', dataTeam(t).id],
    cache: groupsCache,
  },
  {
    name: 'Delete Group',
    method: 'DELETE',
    path: (t) => `^/organization/groups/${dataTeam(t).id}$`,
    answers: ['Delete Group'],
    run: async (t) => run('deleteGroup', await groupRow(dataTeam(t).id)),
    happened: (t, org) => !org.groups?.some((g) => g.id === dataTeam(t).id),
    names: (t) => ['Data team', dataTeam(t).id],
    cache: groupsCache,
  },
  {
    name: 'Add Members to Group',
    method: 'POST',
    path: (t) => `^/organization/groups/${dataTeam(t).id}/users$`,
    answers: ['Add'],
    run: async (t) => run('addGroupMembers', await groupRow(dataTeam(t).id), [reader(t).id]),
    happened: (t, org) => !!org.groups?.find((g) => g.id === dataTeam(t).id)?.members.includes(reader(t).id),
    names: (t) => [reader(t).name, reader(t).id],
    cache: groupMembersCache,
  },
  {
    name: 'Remove from Group',
    method: 'DELETE',
    path: (t) => `^/organization/groups/${dataTeam(t).id}/users/${graceOf(t).id}$`,
    answers: ['Remove'],
    run: async (t) => {
      const a = await extensionApi();
      const members = await a.orgTree.getChildren(await groupRow(dataTeam(t).id));
      return run(
        'removeGroupMember',
        members.find((n) => n.id.endsWith(`/${graceOf(t).id}`)),
      );
    },
    happened: (t, org) => !org.groups?.find((g) => g.id === dataTeam(t).id)?.members.includes(graceOf(t).id),
    names: (t) => [graceOf(t).name, graceOf(t).id],
    cache: groupMembersCache,
  },
  {
    name: 'Grant Group Access to Project',
    method: 'POST',
    path: (t) => `^${P(t)}/groups$`,
    answers: ['Grant Access'],
    run: async (t) => run('grantGroupAccess', (await projectGroupsOf(t)).folder, dataTeam(t).id, 'role_project_viewer'),
    happened: (t, org) => !!projectOf(org, t.p.id).groups?.some((g) => g.group_id === dataTeam(t).id),
    names: (t) => ['Data team', dataTeam(t).id],
    cache: projectGroupsCache,
  },
  {
    name: 'Revoke Group Access',
    method: 'DELETE',
    path: (t) => `^${P(t)}/groups/${okta(t).id}$`,
    answers: ['Revoke Access'],
    run: async (t) =>
      run(
        'revokeGroupAccess',
        (await projectGroupsOf(t)).rows.find((n) => n.id.endsWith(`/${okta(t).id}`)),
      ),
    happened: (t, org) => !projectOf(org, t.p.id).groups?.some((g) => g.group_id === okta(t).id),
    names: (t) => ['Engineering (Okta)', okta(t).id],
    cache: projectGroupsCache,
  },
  // Roles and their assignments.
  {
    name: 'Create Role',
    method: 'POST',
    path: () => '^/organization/roles$',
    answers: ['Create Role'],
    run: () => run('createRole', undefined, 'Matrix role', ['api.organization.read']),
    happened: (_t, org) => !!org.roles?.some((r) => r.name === 'Matrix role'),
    names: () => ['Matrix role'],
    cache: rolesCache,
  },
  {
    name: 'Edit Role',
    method: 'POST',
    path: (t) => `^/organization/roles/${analyst(t).id}$`,
    answers: ['Change Role'],
    run: async (t) => run('editRole', await t.orgLeaf('roles', analyst(t).id), ['api.organization.read']),
    happened: (t, org) => org.roles?.find((r) => r.id === analyst(t).id)?.permissions.join() === 'api.organization.read',
    names: (t) => ['Usage analyst', analyst(t).id],
    cache: rolesCache,
  },
  {
    name: 'Delete Role',
    method: 'DELETE',
    path: () => '^/organization/roles/[^/]+$',
    answers: ['Delete Role'],
    // A role nobody holds (the seed's are held), made before the cell counts.
    setup: async () => {
      doomed = (await apiPost('/organization/roles', { role_name: 'Doomed', permissions: ['api.organization.read'] })).id as string;
      await run('refreshOrganization');
    },
    run: async (t) => {
      const roles = await (await extensionApi()).store.orgList('roles');
      return run('deleteRole', await t.orgLeaf('roles', roles.find((r) => r.name === 'Doomed')!.id));
    },
    happened: (_t, org) => !org.roles?.some((r) => r.name === 'Doomed'),
    names: () => ['Doomed', doomed],
    cache: rolesCache,
  },
  {
    name: 'Assign Role',
    method: 'POST',
    path: (t) => `^/organization/users/${reader(t).id}/roles$`,
    answers: ['Assign Role'],
    run: async (t) => run('assignRole', await t.orgLeaf('members', reader(t).id), analyst(t).id),
    happened: (t, org) => !!org.assignments?.some((x) => x.principal_id === reader(t).id && x.role_id === analyst(t).id),
    names: (t) => [reader(t).name, reader(t).id, 'Usage analyst', analyst(t).id],
    cache: (t) => assignmentsCache(reader(t).id),
  },
  {
    name: 'Unassign Role',
    method: 'DELETE',
    path: (t) => `^/organization/users/${katherine(t).id}/roles/${analyst(t).id}$`,
    answers: ['Unassign Role'],
    run: async (t) => run('unassignRole', await t.orgLeaf('members', katherine(t).id), analyst(t).id),
    happened: (t, org) => !org.assignments?.some((x) => x.principal_id === katherine(t).id && x.role_id === analyst(t).id),
    names: (t) => [katherine(t).name, katherine(t).id, 'Usage analyst', analyst(t).id],
    cache: (t) => assignmentsCache(katherine(t).id),
  },
];

const hedy = (t: Target) => t.org.invites!.find((i) => i.email === 'hedy@example.com')!;
const reader = (t: Target) => t.org.users.find((u) => u.name === 'Alan Turing')!;
const analyst = (t: Target) => t.org.roles!.find((r) => r.name === 'Usage analyst')!;
const katherine = (t: Target) => t.org.users.find((u) => u.name === 'Katherine Johnson')!;
async function rolesCache(): Promise<{ mine: string[]; theirs: (org: EmuOrg) => string[] }> {
  return {
    mine: (await (await extensionApi()).store.orgList('roles'))
      .filter((r) => !r.predefined_role)
      .map((r) => `${r.id} ${r.name} ${[...r.permissions].sort().join()}`)
      .sort(),
    theirs: (org) => (org.roles ?? []).map((r) => `${r.id} ${r.name} ${[...r.permissions].sort().join()}`).sort(),
  };
}
/** Nothing caches assignments: what the API lists for the member (assigned to them) must be what the emulator holds. */
async function assignmentsCache(userId: string): Promise<{ mine: string[]; theirs: (org: EmuOrg) => string[] }> {
  const r = await fetch(`${emulator.baseUrl}/organization/users/${userId}/roles?limit=100`, { headers: { authorization: `Bearer ${emulator.adminKey}` } });
  const held = ((await r.json()) as { data: { id: string; predefined_role: boolean; assignment_sources?: { principal_id: string }[] }[] }).data;
  return {
    mine: held
      .filter((x) => !x.predefined_role && (x.assignment_sources ?? []).some((src) => src.principal_id === userId))
      .map((x) => x.id)
      .sort(),
    theirs: (org) =>
      (org.assignments ?? [])
        .filter((x) => x.principal_type === 'user' && x.principal_id === userId)
        .map((x) => x.role_id)
        .sort(),
  };
}
const dataTeam = (t: Target) => t.org.groups!.find((g) => g.name === 'Data team')!;
const okta = (t: Target) => t.org.groups!.find((g) => g.name === 'Engineering (Okta)')!;
const graceOf = (t: Target) => t.org.users.find((u) => u.name === 'Grace Hopper')!;
async function groupRow(id: string): Promise<TreeNode> {
  const orgTree = (await extensionApi()).orgTree;
  const f = (await orgTree.getChildren()).find((n) => n.id === 'org/groups')!;
  return (await orgTree.getChildren(f)).find((n) => n.id === `org/groups/${id}`)!;
}
async function projectGroupsOf(t: Target): Promise<{ folder: TreeNode; rows: TreeNode[] }> {
  const tree = (await extensionApi()).tree;
  const folder = (await tree.getChildren(t.project)).find((n) => n.id === `${t.p.id}/groups`)!;
  return { folder, rows: await tree.getChildren(folder) };
}
async function groupsCache(): Promise<{ mine: string[]; theirs: (org: EmuOrg) => string[] }> {
  return {
    mine: (await (await extensionApi()).store.orgList('groups')).map((g) => `${g.id} ${g.name}`).sort(),
    theirs: (org) => (org.groups ?? []).map((g) => `${g.id} ${g.name}`).sort(),
  };
}
async function groupMembersCache(t: Target): Promise<{ mine: string[]; theirs: (org: EmuOrg) => string[] }> {
  const id = dataTeam(t).id;
  return {
    mine: (await (await extensionApi()).store.groupMembers(id)).map((u) => u.id).sort(),
    theirs: (org) => [...(org.groups?.find((g) => g.id === id)?.members ?? [])].sort(),
  };
}
async function projectGroupsCache(t: Target): Promise<{ mine: string[]; theirs: (org: EmuOrg) => string[] }> {
  return {
    mine: (await (await extensionApi()).store.folder(t.p.id, 'groups')).map((g) => g.id).sort(),
    theirs: (org) => (projectOf(org, t.p.id).groups ?? []).map((g) => g.group_id).sort(),
  };
}
const ciKey = (t: Target) => t.org.admin_key_records!.find((k) => k.name === 'CI provisioning')!;
async function orgIds(kind: 'members' | 'invites' | 'adminKeys'): Promise<string[]> {
  return (await (await extensionApi()).store.orgList(kind)).map((x) => x.id).sort();
}

async function target(): Promise<Target> {
  const org = await state();
  const p = org.projects.find((x) => x.name === 'Customer Support Bot')!;
  const tree = (await extensionApi()).tree;
  const project = (await tree.getChildren()).find((n) => n.id === p.id)!;
  const folders = await tree.getChildren(project);
  const folderOf = { users: 0, serviceAccounts: 1, apiKeys: 2 } as const;
  return {
    org,
    p,
    project,
    leaf: async (kind, id) => (await tree.getChildren(folders[folderOf[kind]])).find((n) => n.id === `${p.id}/${kind}/${id}`)!,
    orgLeaf: async (kind, id) => {
      const orgTree = (await extensionApi()).orgTree;
      const f = (await orgTree.getChildren()).find((n) => n.id === `org/${kind}`)!;
      return (await orgTree.getChildren(f)).find((n) => n.id === `org/${kind}/${id}`)!;
    },
  };
}

const tally = {
  cells: 0,
  passed: 0,
  writesSentTwice: 0,
  readCells: 0,
  readPassed: 0,
  planCells: 0,
  planPassed: 0,
  planWritesSentTwice: 0,
  commandReadCells: 0,
  commandReadPassed: 0,
};

/**
 * Each block's setup: a one-second timeout (a hang fails fast), and for loads a one-second pacer window
 * (a 429 without Retry-After teaches the pacer a limit per window; the API's is a minute). Afterwards the
 * block's figures go to the log: CONTRIBUTING's Reliability figures are these lines.
 */
function matrixHooks(opts: { shortPacerWindow: boolean; report: () => string }): void {
  before(async () => {
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    if (opts.shortPacerWindow) (await extensionApi()).setPacerWindow(1000);
  });
  after(async () => {
    if (opts.shortPacerWindow) (await extensionApi()).setPacerWindow(60_000);
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await emulator.control('/faults', { method: 'DELETE' });
    await run('refresh');
    console.log(opts.report());
  });
}

/** A cell starts from the demo organization, the key set, a fresh tree (the pacer forgets the last cell's 429) and no scripted answers. */
async function freshCell() {
  await resetOrg();
  const a = await extensionApi();
  await a.adminKey.store(emulator.adminKey);
  await run('refresh');
  a.ui.reset();
  return a;
}

describe('fault matrix: every change × every fault', () => {
  matrixHooks({
    shortPacerWindow: false,
    report: () => `reliability: ${tally.cells} cells tried, ${tally.passed} passing, ${tally.writesSentTwice} writes sent twice`,
  });

  for (const w of WRITES) {
    for (const f of FAULTS) {
      it(`${w.name} × ${f.name}: ${f.expect}`, async () => {
        tally.cells++;
        const a = await freshCell();
        a.ui.answer(...(w.answers ?? []));
        const t = await target();
        await w.setup?.(t);
        const before = await requests();
        await emulator.control('/faults', { method: 'POST', body: { ...f.fault, method: w.method, path: w.path(t) } });
        await w.run(t);
        const org = await state();
        const log = (await requests()).slice(before.length);
        const writes = log.filter((r) => r.method !== 'GET');
        if (writes.length > 1) tally.writesSentTwice++;
        assert.equal(writes.length, 1, `the write went out once: ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);

        const errors = a.ui.asked.filter((x) => x.kind === 'error').map((x) => x.message);
        const told = a.ui.asked.filter((x) => x.kind === 'info' || x.kind === 'warning').map((x) => x.message);
        const names = w.names(t);
        if (f.expect === 'done') {
          assert.ok(w.happened(t, org), 'the emulator shows the change');
          assert.deepEqual(errors, []);
          assert.equal(told.length, 1, told.join(' | '));
          assert.match(told[0]!, /answer (with its key )?was lost/);
        } else {
          assert.ok(!w.happened(t, org), 'nothing changed in the emulator');
          assert.equal(errors.length, 1, `one message: ${errors.join(' | ')}`);
          assert.ok(
            names.some((n) => errors[0]!.includes(n)),
            `names the object (${names.join(' or ')}): ${errors[0]}`,
          );
          assert.match(errors[0]!, f.expect === 'refused' ? /Rate limited by the OpenAI admin API \(429\)/ : NOT_DONE);
        }
        const { mine, theirs } = await w.cache(t);
        assert.deepEqual(mine, theirs(org), 'the tree’s cache matches the emulator');
        assert.deepEqual(a.ui.reset(), [], 'every scripted answer was asked for');
        tally.passed++;
      });
    }
  }
});

interface ReadFault {
  name: string;
  fault: Record<string, unknown>;
  /** recovered: retried and shown, in `requests` requests; error row: the reason in the tree, in `requests`. */
  expect: 'recovered' | 'error row';
  requests: number;
  cause?: RegExp;
}

const READ_FAULTS: ReadFault[] = [
  { name: '429 without Retry-After', fault: { kind: '429' }, expect: 'recovered', requests: 2 },
  { name: '429 with Retry-After', fault: { kind: '429', retryAfterSeconds: 1 }, expect: 'recovered', requests: 2 },
  { name: '500', fault: { kind: '500' }, expect: 'recovered', requests: 2 },
  { name: '503', fault: { kind: '503' }, expect: 'recovered', requests: 2 },
  {
    name: 'a proxy’s HTML 502 page',
    fault: { kind: 'response', status: 502, body: '<html><body>502 Bad Gateway</body></html>' },
    expect: 'recovered',
    requests: 2,
  },
  { name: 'a hang past the timeout', fault: { kind: 'hang' }, expect: 'error row', requests: 1, cause: /No answer from 127\.0\.0\.1:\d+ within 1 s/ },
  { name: 'a dropped connection', fault: { kind: 'drop' }, expect: 'recovered', requests: 2 },
  { name: 'malformed JSON', fault: { kind: 'malformed' }, expect: 'error row', requests: 1, cause: /not JSON/ },
  {
    name: 'a 200 of the wrong shape',
    fault: { kind: 'response', status: 200, body: { unexpected: true } },
    expect: 'error row',
    requests: 1,
    cause: /unexpected shape/,
  },
  { name: '500 three times', fault: { kind: '500', count: 3 }, expect: 'error row', requests: 3, cause: /server error \(500\)/ },
];

interface ReadCase {
  name: string;
  path(p: EmuProject): string;
  /** The rows the load shows. */
  rows(p: EmuProject): Promise<TreeNode[]>;
  /** What the emulator holds, as the rows should show it. */
  expected(org: EmuOrg, p: EmuProject): number;
}

const READS: ReadCase[] = [
  {
    name: 'the project list',
    path: () => '^/organization/projects$',
    rows: async () => (await extensionApi()).tree.getChildren(),
    expected: (org) => org.projects.filter((x) => x.status === 'active').length,
  },
  ...(
    [
      ['users', 'users', (p: EmuProject) => p.members.length],
      ['service accounts', 'service_accounts', (p: EmuProject) => p.service_accounts.length],
      ['API keys', 'api_keys', (p: EmuProject) => p.api_keys.length],
      ['rate limits', 'rate_limits', (p: EmuProject) => p.rate_limits.length],
    ] as const
  ).map(([what, path, count], folder): ReadCase => ({
    name: `a project’s ${what}`,
    path: (p) => `^/organization/projects/${p.id}/${path}$`,
    rows: async (p) => {
      const tree = (await extensionApi()).tree;
      const project = (await tree.getChildren()).find((n) => n.id === p.id)!;
      return tree.getChildren((await tree.getChildren(project))[folder]);
    },
    expected: (_org, p) => {
      assert.ok(count(p) > 0, `the seed gives ${p.name} some ${what}`);
      return count(p);
    },
  })),
  // The Organization view's folders: members, invites (accepted ones are not listed), admin keys.
  ...(
    [
      ['members', 'users', (org: EmuOrg) => org.users.length],
      ['invites', 'invites', (org: EmuOrg) => (org.invites ?? []).filter((i) => i.status !== 'accepted').length],
      ['adminKeys', 'admin_api_keys', (org: EmuOrg) => org.admin_keys.length],
    ] as const
  ).map(([kind, path, count]): ReadCase => ({
    name: `the organization’s ${path.replace(/_/g, ' ')}`,
    path: () => `^/organization/${path}$`,
    rows: async () => {
      const tree = (await extensionApi()).orgTree;
      const folder = (await tree.getChildren()).find((n) => n.id === `org/${kind}`)!;
      return tree.getChildren(folder);
    },
    expected: (org) => count(org),
  })),
];

describe('fault matrix: every load × every fault', () => {
  matrixHooks({ shortPacerWindow: true, report: () => `reliability (loads): ${tally.readCells} cells tried, ${tally.readPassed} passing` });

  for (const r of READS) {
    for (const f of READ_FAULTS) {
      it(`${r.name} × ${f.name}: ${f.expect}`, async () => {
        tally.readCells++;
        const a = await freshCell();
        a.ui.answer();
        const org = await state();
        const p = org.projects.find((x) => x.name === 'Customer Support Bot')!;
        if (r.name !== 'the project list') await a.tree.getChildren(); // the list itself loads clean
        const before = await requests();
        await emulator.control('/faults', { method: 'POST', body: { ...f.fault, method: 'GET', path: r.path(p) } });
        const rows = await r.rows(p);
        const sent = (await requests()).slice(before.length).filter((x) => new RegExp(r.path(p)).test(x.path));
        assert.equal(sent.length, f.requests, `requests: ${sent.map((x) => x.status ?? 'no answer').join(', ')}`);
        if (f.expect === 'recovered') {
          assert.equal(rows.filter((n) => !/^Could not load/.test(n.getTreeItem().label as string)).length, r.expected(org, p));
        } else {
          assert.equal(rows.length, 1);
          const text = rows[0]!.getTreeItem().label as string;
          assert.match(text, /^Could not load: /);
          assert.match(text, f.cause!);
          assert.equal(rows[0]!.getTreeItem().description, 'click to retry');
        }
        assert.deepEqual(
          a.ui.asked.filter((x) => x.kind === 'error'),
          [],
          'a load never pops a message: the tree says it',
        );
        tally.readPassed++;
      });
    }
  }
});

interface PlanCase {
  name: string;
  /** The one write the plan sends, as a path pattern (after /v1), and its method (POST unless said). */
  path(t: Target): string;
  method?: string;
  /** Before the cell counts requests: what the row needs that is not its write (another project's limit). */
  setup?(t: Target): Promise<void>;
  run(t: Target): Promise<{ ok: boolean; message?: string }>;
  happened(t: Target, org: EmuOrg): boolean;
  cache(t: Target): Promise<{ mine: string[]; theirs: (org: EmuOrg) => string[] }>;
}

const NEW_RPM = 4321;
const limitOf = (t: Target) => t.p.rate_limits[0]!;
const limitsCache = (t: Target) => async () => ({
  mine: (await (await extensionApi()).store.folder(t.p.id, 'rateLimits')).map((r) => `${r.id} ${r.max_requests_per_1_minute}`).sort(),
  theirs: (org: EmuOrg) =>
    projectOf(org, t.p.id)
      .rate_limits.map((r) => `${r.id} ${r.limits.max_requests_per_1_minute}`)
      .sort(),
});
const fromPlan = (r: ApplyResult | undefined) => {
  const o = r!.outcomes[0]!;
  assert.equal(r!.outcomes.length, 1);
  return { ok: o.result === 'done', message: o.message };
};
const fileDir = mkdtempSync(join(tmpdir(), 'oaipx-matrix-'));

// The writes that are not a tree command: the rate-limit form's Save, a bulk change, a project file.
/** The settings form's Save of one section, as its webview sends it, on a form opened afresh. */
async function saveSettings(t: Target, drafts: Record<string, unknown>, section: string, org = false): Promise<{ ok: boolean; message?: string }> {
  const a = await extensionApi();
  const project = (await a.store.projects(false)).find((p) => p.id === t.p.id)!;
  const key = org ? '(organization)' : project.id;
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const read = a.panels.nextPosts<SettingsTo>('settings', key, ['section', 'sectionFailed'], org ? 3 : 6);
  a.settingsForms.show(org ? 'organization' : project);
  assert.ok(
    (await read).every((m) => m.type === 'section'),
    'every section read',
  );
  const answered = a.panels.nextPost<SettingsTo>('settings', key, ['saved', 'failed', 'conflict']);
  a.panels.send('settings', key, { type: 'save', drafts, overwrite: false });
  const m = await answered;
  assert.equal(m.type, 'saved', JSON.stringify(m));
  const r = m.results.find((x) => x.section === section)!;
  return r.ok ? { ok: true } : { ok: false, message: r.error };
}
type Pol = {
  spend_limit?: number;
  spend_alerts?: { threshold_amount: number }[];
  models?: { mode: string; model_ids: string[] };
  tools_off?: string[];
  data_retention?: string;
  service_tiers?: { default: string; enabled_tiers: string | string[] };
};
const polOf = (org: EmuOrg, id: string): Pol => (projectOf(org, id) as { policy?: Pol }).policy ?? {};
const spendLimitCache = async (t: Target) => {
  const held = (await extensionApi()).store.facetLoaded({ projectId: t.p.id }, 'spendLimit');
  return {
    mine: [held === undefined ? '(not held)' : String(held?.threshold_amount ?? 'none')],
    theirs: (org: EmuOrg) => [String(polOf(org, t.p.id).spend_limit ?? 'none')],
  };
};
/** One settings section as a fault-matrix row: what is sent, how the emulator shows it, and the store's copy beside the emulator's. */
function settingsRow<F extends Facet>(
  name: string,
  facet: F,
  suffix: string,
  draft: unknown,
  happened: (p: Pol) => boolean,
  mine: (v: FacetValues[F]) => string,
  theirs: (p: Pol) => string,
): PlanCase {
  return {
    name: `Settings form: ${name}`,
    path: (t) => `^${P(t)}/${suffix}$`,
    run: (t) => saveSettings(t, { [facet]: draft }, facet),
    happened: (t, org) => happened(polOf(org, t.p.id)),
    cache: async (t) => {
      const held = (await extensionApi()).store.facetLoaded({ projectId: t.p.id }, facet);
      return { mine: [held === undefined ? '(not held)' : mine(held)], theirs: (org) => [theirs(polOf(org, t.p.id))] };
    },
  };
}
const SETTINGS_WRITES: PlanCase[] = [
  settingsRow(
    'a hard spend limit',
    'spendLimit',
    'spend_limit',
    { amount: '123' },
    (p) => p.spend_limit === 12_300,
    (v) => String(v?.threshold_amount ?? 'none'),
    (p) => String(p.spend_limit ?? 'none'),
  ),
  settingsRow(
    'a new spend alert',
    'spendAlerts',
    'spend_alerts',
    { alerts: [{ amount: '45', recipients: 'ops@example.com' }] },
    (p) => (p.spend_alerts ?? []).some((a) => a.threshold_amount === 4_500),
    (v) => v.map((a) => a.threshold_amount).join(),
    (p) => (p.spend_alerts ?? []).map((a) => a.threshold_amount).join(),
  ),
  settingsRow(
    'an allow list of models',
    'models',
    'model_permissions',
    { mode: 'allow_list', ids: 'gpt-5' },
    (p) => p.models?.mode === 'allow_list',
    (v) => `${v.mode}:${[...v.model_ids].sort().join()}`,
    (p) => `${p.models?.mode ?? 'deny_list'}:${[...(p.models?.model_ids ?? [])].sort().join()}`,
  ),
  settingsRow(
    'a hosted tool turned off',
    'hostedTools',
    'hosted_tool_permissions',
    { tools: { file_search: true, web_search: false, image_generation: true, mcp: true, code_interpreter: true } },
    (p) => (p.tools_off ?? []).includes('web_search'),
    (v) =>
      Object.entries(v)
        .filter(([, x]) => x && typeof x === 'object' && (x as { enabled?: boolean }).enabled === false)
        .map(([k]) => k)
        .sort()
        .join(),
    (p) => [...(p.tools_off ?? [])].sort().join(),
  ),
  settingsRow(
    'a data retention',
    'dataRetention',
    'data_retention',
    { type: 'zero_data_retention' },
    (p) => p.data_retention === 'zero_data_retention',
    (v) => v?.type ?? 'none',
    (p) => p.data_retention ?? 'organization_default',
  ),
  settingsRow(
    'service tiers',
    'serviceTiers',
    'service_tier_settings',
    { default: 'standard', all: false, enabled: ['flex'] },
    (p) => JSON.stringify(p.service_tiers?.enabled_tiers) === '["flex"]',
    (v) => `${v.default}|${JSON.stringify(v.enabled_tiers)}`,
    (p) => `${p.service_tiers?.default ?? 'standard'}|${JSON.stringify(p.service_tiers?.enabled_tiers ?? 'all')}`,
  ),
];

/** The API itself, as another admin: what a row needs before its cell counts requests. */
async function direct(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${emulator.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(r.ok, `${method} ${path}: ${r.status}`);
  return (await r.json()) as Record<string, unknown>;
}
const MONTH = { currency: 'USD', interval: 'month' };
const alertBody = (cents: number) => ({ threshold_amount: cents, ...MONTH, notification_channel: { type: 'email', recipients: ['ops@example.com'] } });
/** The alert a row's setup made, for its draft. */
let setupAlert = '';
type OrgPol = { spend_limit?: number; spend_alerts?: { threshold_amount: number }[]; data_retention?: string };
const orgPol = (org: EmuOrg) => org as unknown as OrgPol;
const facetCache =
  <F extends Facet>(facet: F, scope: 'org' | 'project', mine: (v: FacetValues[F]) => string, theirs: (org: EmuOrg, t: Target) => string) =>
  async (t: Target) => {
    const held = (await extensionApi()).store.facetLoaded(scope === 'org' ? { org: true } : { projectId: t.p.id }, facet);
    return { mine: [held === undefined ? '(not held)' : mine(held)], theirs: (org: EmuOrg) => [theirs(org, t)] };
  };

const projectAlerts = facetCache(
  'spendAlerts',
  'project',
  (v) => v.map((a) => a.threshold_amount).join(),
  (org, t) => (polOf(org, t.p.id).spend_alerts ?? []).map((a) => a.threshold_amount).join(),
);

/** The settings form's writes beyond one changed field: removals, a changed alert, and the organization's own form. */
const MORE_SETTINGS_WRITES: PlanCase[] = [
  {
    name: 'Settings form: a hard spend limit removed',
    method: 'DELETE',
    path: (t) => `^${P(t)}/spend_limit$`,
    setup: async (t) => void (await direct('POST', `${P(t)}/spend_limit`, { threshold_amount: 9_900, ...MONTH })),
    run: (t) => saveSettings(t, { spendLimit: { amount: '' } }, 'spendLimit'),
    happened: (t, org) => polOf(org, t.p.id).spend_limit === undefined,
    cache: facetCache(
      'spendLimit',
      'project',
      (v) => String(v?.threshold_amount ?? 'none'),
      (org, t) => String(polOf(org, t.p.id).spend_limit ?? 'none'),
    ),
  },
  {
    name: 'Settings form: every model again (the permissions reset)',
    method: 'DELETE',
    path: (t) => `^${P(t)}/model_permissions$`,
    setup: async (t) => void (await direct('POST', `${P(t)}/model_permissions`, { mode: 'allow_list', model_ids: ['o3'] })),
    run: (t) => saveSettings(t, { models: { mode: 'all', ids: '' } }, 'models'),
    happened: (t, org) => (polOf(org, t.p.id).models?.model_ids ?? []).length === 0,
    cache: facetCache(
      'models',
      'project',
      (v) => `${v.mode}:${v.model_ids.join()}`,
      (org, t) => `${polOf(org, t.p.id).models?.mode ?? 'deny_list'}:${(polOf(org, t.p.id).models?.model_ids ?? []).join()}`,
    ),
  },
  {
    name: 'Settings form: a spend alert removed',
    method: 'DELETE',
    path: (t) => `^${P(t)}/spend_alerts/[^/]+$`,
    setup: async (t) => void (await direct('POST', `${P(t)}/spend_alerts`, alertBody(4_000))),
    run: (t) => saveSettings(t, { spendAlerts: { alerts: [] } }, 'spendAlerts'),
    happened: (t, org) => (polOf(org, t.p.id).spend_alerts ?? []).length === 0,
    cache: projectAlerts,
  },
  {
    name: 'Settings form: a spend alert changed',
    path: (t) => `^${P(t)}/spend_alerts/[^/]+$`,
    setup: async (t) => void (setupAlert = String((await direct('POST', `${P(t)}/spend_alerts`, alertBody(4_000))).id)),
    run: (t) => saveSettings(t, { spendAlerts: { alerts: [{ id: setupAlert, amount: '55', recipients: 'ops@example.com' }] } }, 'spendAlerts'),
    happened: (t, org) => (polOf(org, t.p.id).spend_alerts ?? []).some((a) => a.threshold_amount === 5_500),
    cache: projectAlerts,
  },
  {
    name: 'Organization settings: a hard spend limit',
    path: () => '^/organization/spend_limit$',
    run: (t) => saveSettings(t, { spendLimit: { amount: '123' } }, 'spendLimit', true),
    happened: (_t, org) => orgPol(org).spend_limit === 12_300,
    cache: facetCache(
      'spendLimit',
      'org',
      (v) => String(v?.threshold_amount ?? 'none'),
      (org) => String(orgPol(org).spend_limit ?? 'none'),
    ),
  },
  {
    name: 'Organization settings: a new spend alert',
    path: () => '^/organization/spend_alerts$',
    run: (t) => saveSettings(t, { spendAlerts: { alerts: [{ amount: '45', recipients: 'ops@example.com' }] } }, 'spendAlerts', true),
    happened: (_t, org) => (orgPol(org).spend_alerts ?? []).some((a) => a.threshold_amount === 4_500),
    cache: facetCache(
      'spendAlerts',
      'org',
      (v) => v.map((a) => a.threshold_amount).join(),
      (org) => (orgPol(org).spend_alerts ?? []).map((a) => a.threshold_amount).join(),
    ),
  },
  {
    name: 'Organization settings: a data retention',
    path: () => '^/organization/data_retention$',
    run: (t) => saveSettings(t, { dataRetention: { type: 'zero_data_retention' } }, 'dataRetention', true),
    happened: (_t, org) => orgPol(org).data_retention === 'zero_data_retention',
    cache: facetCache(
      'dataRetention',
      'org',
      (v) => v?.type ?? 'none',
      (org) => orgPol(org).data_retention ?? 'none',
    ),
  },
];

const PLAN_WRITES: PlanCase[] = [
  {
    name: 'Save in the rate-limit form',
    path: (t) => `^${P(t)}/rate_limits/${limitOf(t).id}$`,
    run: async (t) => {
      const a = await extensionApi();
      const project = (await a.store.projects(false)).find((p) => p.id === t.p.id)!;
      const rl = limitOf(t);
      const change = {
        id: rl.id,
        model: rl.model,
        fields: { max_requests_per_1_minute: NEW_RPM },
        loaded: { max_requests_per_1_minute: rl.limits.max_requests_per_1_minute },
      };
      // The form as a person uses it: opened afresh, then Save, as its webview sends it.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const opened = a.panels.nextPost<ToWebview>('rateLimits', project.id, ['init', 'failed']);
      a.rateLimitForms.show(project);
      assert.equal((await opened).type, 'init');
      const answered = a.panels.nextPost<ToWebview>('rateLimits', project.id, ['saved', 'failed', 'conflict']);
      a.panels.send('rateLimits', project.id, { type: 'save', changes: [change], overwrite: false });
      const m = await answered;
      assert.equal(m.type, 'saved', JSON.stringify(m));
      const r = m.results[0]!;
      return r.ok ? { ok: true } : { ok: false, message: r.error };
    },
    happened: (t, org) => projectOf(org, t.p.id).rate_limits.find((r) => r.id === limitOf(t).id)!.limits.max_requests_per_1_minute === NEW_RPM,
    cache: (t) => limitsCache(t)(),
  },
  {
    name: 'Add User to Projects (a bulk plan)',
    path: (t) => `^${P(t)}/users$`,
    run: async (t) => {
      (await extensionApi()).ui.answer(outsider(t).name, t.p.name, 'member');
      (await extensionApi()).panels.answerPlans('apply');
      return fromPlan((await run('addUserToProjects')) as ApplyResult);
    },
    happened: (t, org) => projectOf(org, t.p.id).members.some((m) => m.user_id === outsider(t).id),
    cache: async (t) => ({ mine: await folderIds(t.p.id, 'users'), theirs: membersOf('users', t.p.id) }),
  },
  {
    name: 'Apply a project file',
    path: (t) => `^${P(t)}/rate_limits/${limitOf(t).id}$`,
    run: async (t) => {
      const path = join(fileDir, `${t.p.id}.openai-project.json`);
      writeFileSync(path, JSON.stringify({ project: t.p.name, id: t.p.id, rateLimits: { [limitOf(t).model]: { max_requests_per_1_minute: NEW_RPM } } }));
      (await extensionApi()).panels.answerPlans('apply');
      return fromPlan((await run('applyToOrganization', vscode.Uri.file(path))) as ApplyResult);
    },
    happened: (t, org) => projectOf(org, t.p.id).rate_limits.find((r) => r.id === limitOf(t).id)!.limits.max_requests_per_1_minute === NEW_RPM,
    cache: (t) => limitsCache(t)(),
  },
  {
    name: 'Apply a project file (its hard spend limit)',
    path: (t) => `^${P(t)}/spend_limit$`,
    run: async (t) => {
      // The rate-limit row's file, rewritten: its document may still be open with the old text, and
      // Apply must read what the disk now holds (it read the stale document once: CI, stop 34).
      const path = join(fileDir, `${t.p.id}.openai-project.json`);
      writeFileSync(path, JSON.stringify({ project: t.p.name, id: t.p.id, spendLimit: 123 }));
      (await extensionApi()).panels.answerPlans('apply');
      return fromPlan((await run('applyToOrganization', vscode.Uri.file(path))) as ApplyResult);
    },
    happened: (t, org) => polOf(org, t.p.id).spend_limit === 12_300,
    cache: spendLimitCache,
  },
  {
    name: 'Copy Settings to Projects (a bulk plan; a hard spend limit)',
    path: (t) => `^${P(t)}/spend_limit$`,
    setup: async (t) => {
      const source = t.org.projects.find((p) => p.name === 'Research Sandbox')!;
      const r = await fetch(`${emulator.baseUrl}/organization/projects/${source.id}/spend_limit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ threshold_amount: 12_300, currency: 'USD', interval: 'month' }),
      });
      assert.ok(r.ok, `the source's limit set: ${r.status}`);
    },
    run: async (t) => {
      const a = await extensionApi();
      const source = (await a.tree.getChildren()).find((n) => n.id === t.org.projects.find((p) => p.name === 'Research Sandbox')!.id)!;
      a.ui.answer('Hard spend limit', t.p.name);
      a.panels.answerPlans('apply');
      return fromPlan((await run('copySettings', source)) as ApplyResult);
    },
    happened: (t, org) => polOf(org, t.p.id).spend_limit === 12_300,
    cache: spendLimitCache,
  },
];

/** The three group and role plans: each sends its one write for the target project through the same writer as the single commands. */
let heldBefore: string[] | null = null;
/** The plans read each project's Groups list from the index when it has a fresh one: the last cell's would be the emulator before its reset. */
const forgetIndexed = async () => (await extensionApi()).index.forget(fingerprint(emulator.adminKey));
const csbMember = (t: Target) => t.org.users.find((u) => t.p.members.some((m) => m.user_id === u.id && m.role === 'member'))!;
const ACCESS_PLAN_WRITES: PlanCase[] = [
  {
    name: 'Grant Group Access to Projects (a bulk plan)',
    path: (t) => `^${P(t)}/groups$`,
    setup: forgetIndexed,
    run: async (t) => {
      const a = await extensionApi();
      a.ui.answer(t.p.name, 'Viewer');
      a.panels.answerPlans('apply');
      return fromPlan((await run('grantGroupToProjects', await groupRow(dataTeam(t).id))) as ApplyResult);
    },
    happened: (t, org) => !!projectOf(org, t.p.id).groups?.some((g) => g.group_id === dataTeam(t).id),
    cache: projectGroupsCache,
  },
  {
    name: 'Revoke Group Everywhere (a bulk plan)',
    method: 'DELETE',
    path: (t) => `^${P(t)}/groups/${okta(t).id}$`,
    setup: forgetIndexed,
    run: async (t) => {
      (await extensionApi()).panels.answerPlans('apply');
      return fromPlan((await run('revokeGroupEverywhere', await groupRow(okta(t).id))) as ApplyResult);
    },
    happened: (t, org) => !projectOf(org, t.p.id).groups?.some((g) => g.group_id === okta(t).id),
    cache: projectGroupsCache,
  },
  {
    name: 'Assign Role in Projects (a bulk plan)',
    path: (t) => `^/projects/${t.p.id}/users/${csbMember(t).id}/roles$`,
    setup: async (t) => {
      await forgetIndexed();
      await apiPost(`/projects/${t.p.id}/roles`, { role_name: 'Fault tuner', permissions: ['api.project.read'] });
      // What the store holds of their roles before: kept if nothing changed, forgotten if the write landed.
      heldBefore = (await (await extensionApi()).store.rolesHeld({ type: 'user', id: csbMember(t).id, projectId: t.p.id })).map((r) => r.id).sort();
    },
    run: async (t) => {
      const a = await extensionApi();
      a.ui.answer(t.p.name, 'Fault tuner');
      a.panels.answerPlans('apply');
      return fromPlan((await run('assignRoleInProjects', await t.leaf('users', csbMember(t).id))) as ApplyResult);
    },
    happened: (t, org) => {
      const role = projectOf(org, t.p.id).roles?.find((r) => r.name === 'Fault tuner');
      return !!role && !!projectOf(org, t.p.id).assignments?.some((x) => x.principal_id === csbMember(t).id && x.role_id === role.id);
    },
    cache: async (t) => {
      const held = (await extensionApi()).store.rolesHeldLoaded({ type: 'user', id: csbMember(t).id, projectId: t.p.id });
      return {
        mine: held ? held.map((r) => r.id).sort() : ['forgotten'],
        theirs: (org) => (ACCESS_PLAN_WRITES[2]!.happened(t, org) ? ['forgotten'] : heldBefore!),
      };
    },
  },
  {
    name: 'Apply a project file (a group’s access)',
    path: (t) => `^${P(t)}/groups$`,
    setup: forgetIndexed,
    run: async (t) => {
      const path = join(fileDir, `groups-${t.p.id}.openai-project.json`);
      writeFileSync(path, JSON.stringify({ project: t.p.name, id: t.p.id, groups: { 'Engineering (Okta)': ['Viewer'], 'Data team': ['Viewer'] } }));
      (await extensionApi()).panels.answerPlans('apply');
      return fromPlan((await run('applyToOrganization', vscode.Uri.file(path))) as ApplyResult);
    },
    happened: (t, org) => !!projectOf(org, t.p.id).groups?.some((g) => g.group_id === dataTeam(t).id),
    cache: projectGroupsCache,
  },
];

describe('fault matrix: the form, bulk plans and project files × every fault', () => {
  matrixHooks({
    shortPacerWindow: false,
    report: () =>
      `reliability (form, plans, files): ${tally.planCells} cells tried, ${tally.planPassed} passing, ${tally.planWritesSentTwice} writes sent twice`,
  });

  for (const w of [...PLAN_WRITES, ...ACCESS_PLAN_WRITES, ...SETTINGS_WRITES, ...MORE_SETTINGS_WRITES]) {
    for (const f of FAULTS) {
      it(`${w.name} × ${f.name}: ${f.expect}`, async () => {
        tally.planCells++;
        const a = await freshCell();
        const t = await target();
        await w.setup?.(t);
        const before = await requests();
        await emulator.control('/faults', { method: 'POST', body: { ...f.fault, method: w.method ?? 'POST', path: w.path(t) } });
        const r = await w.run(t);
        const org = await state();
        const writes = (await requests()).slice(before.length).filter((x) => x.method !== 'GET');
        if (writes.length > 1) tally.planWritesSentTwice++;
        assert.equal(writes.length, 1, `the write went out once: ${writes.map((x) => `${x.method} ${x.path}`).join(', ')}`);
        if (f.expect === 'done') {
          assert.ok(w.happened(t, org), 'the emulator shows the change');
          assert.ok(r.ok, `reported done: ${r.message ?? ''}`);
        } else {
          assert.ok(!w.happened(t, org), 'nothing changed in the emulator');
          assert.ok(!r.ok, 'reported as not done');
          assert.match(r.message ?? '', f.expect === 'refused' ? /429/ : NOT_DONE);
        }
        const { mine, theirs } = await w.cache(t);
        assert.deepEqual(mine, theirs(org), 'the tree’s cache matches the emulator');
        assert.deepEqual(a.ui.reset(), [], 'every scripted answer was asked for');
        tally.planPassed++;
      });
    }
  }
});

interface CommandRead {
  name: string;
  /** The read the fault is put on (GET, after /v1), as a regular expression. */
  path(t: Target): string;
  /** Whether the fault's request count is exact here (a view that pages two queries reads the path more). */
  counted: boolean;
  /** Queries that read the path side by side: a fault that lasts N requests lasts N for each. */
  queries?: number;
  /** Runs the command; resolves with what the person was shown: rows or a file (ok), or the reasons. */
  run(t: Target): Promise<{ ok: boolean; told: string[] }>;
  /** What the reason must name. */
  names: RegExp;
  /** Writes the command sends as its work (with `ok`, the one shown): none otherwise. */
  writes?: (ok: boolean) => boolean;
}

/** Clear Admin Key deletes what the index knows; setting the key again starts from nothing indexed. */
async function forgetIndex(): Promise<void> {
  const a = await extensionApi();
  const from = a.ui.asked.length;
  a.ui.answer('Remove Key');
  await run('clearAdminKey');
  assert.ok(
    a.ui.asked.slice(from).some((x) => x.kind === 'confirm'),
    'the removal was confirmed',
  );
  a.ui.asked.splice(from);
  await a.adminKey.store(emulator.adminKey);
  await a.tree.getChildren();
}

/** The errors the person was told while `f` ran. */
async function errorsDuring(f: () => Promise<unknown>): Promise<string[]> {
  const a = await extensionApi();
  const from = a.ui.asked.length;
  await f();
  return a.ui.asked
    .slice(from)
    .filter((x) => x.kind === 'error')
    .map((x) => x.message);
}

// The reads a command makes on its own (not a tree load): each answers with its result, or says why not.
const COMMAND_READS: CommandRead[] = [
  {
    name: 'Add User (the organization’s members)',
    path: () => '^/organization/users$',
    counted: true,
    run: async (t) => {
      const a = await extensionApi();
      await a.store.folder(t.p.id, 'users'); // the project's own list loads clean
      a.ui.answer(outsider(t).name, 'member');
      const told = await errorsDuring(() => run('addUser', t.project));
      const ok = projectOf(await state(), t.p.id).members.some((m) => m.user_id === outsider(t).id);
      return { ok, told };
    },
    names: /organization members/,
    writes: (ok) => ok,
  },
  {
    name: 'Remove User from All Projects (a bulk plan; one project’s users)',
    path: (t) => `^${P(t)}/users$`,
    counted: true,
    run: async (t) => {
      const a = await extensionApi();
      const elsewhere = (u: string) =>
        t.org.projects.some((p) => p.id !== t.p.id && p.status === 'active' && !p.is_default && p.members.some((m) => m.user_id === u));
      const user = t.org.users.find((u) => t.p.members.some((m) => m.user_id === u.id) && elsewhere(u.id))!;
      await forgetIndex();
      const planPath = `remove ${user.name} from all projects`;
      const planDoc = () => openPlan(planPath);
      const since = (await planDoc()).version; // the last cell's plan may still be there: only this one counts
      a.ui.answer(user.name);
      a.panels.answerPlans('apply');
      const r = (await run('removeUserEverywhere')) as ApplyResult;
      const here = r.outcomes.find((o) => o.change.project.id === t.p.id);
      if (here) return { ok: here.result === 'done', told: [] };
      // A project whose list could not be read is skipped, with why, in the plan's document (which
      // follows its provider a moment later).
      const skippedHere = (text: string) => text.split('\n').filter((l) => l.startsWith(`| ${t.p.name} |`) && l.includes('could not be read'));
      const plan = await eventually(
        async () => {
          const d = await planDoc();
          return d.version > since ? asRendered(d.getText()) : '';
        },
        (text) => /^Applied:/m.test(text) && skippedHere(text).length > 0,
      );
      return { ok: false, told: skippedHere(plan) };
    },
    names: /could not be read/,
    writes: () => true, // the other projects' removals go ahead
  },
  {
    name: 'Show Project Details (the project itself)',
    path: (t) => `^${P(t)}$`,
    counted: true,
    run: async (t) => {
      const a = await extensionApi();
      a.ui.answer(); // records what is said
      const told = await errorsDuring(() => run('showProjectDetails', t.project));
      const doc = vscode.window.activeTextEditor?.document;
      return { ok: !!doc && doc.uri.path.endsWith(`${t.p.name}.json`) && doc.getText().includes(t.p.id), told };
    },
    names: /[Pp]roject proj_/,
  },
  {
    name: 'Export Project as File (its rate limits)',
    path: (t) => `^${P(t)}/rate_limits$`,
    counted: true,
    run: async (t) => {
      const a = await extensionApi();
      const file = join(fileDir, `export-${t.p.id}.openai-project.json`);
      rmSync(file, { force: true });
      a.store.invalidate(t.p.id, 'rateLimits'); // read for the export, not from the tree's copy
      a.ui.answer('Every model’s limits', file);
      const row = (await a.tree.getChildren()).find((n) => n.id === t.p.id);
      const told = await errorsDuring(() => run('exportProject', row));
      return { ok: existsSync(file) && readFileSync(file, 'utf8').includes(limitOf(t).model), told };
    },
    names: /rate limits of project/,
  },
  {
    name: 'Compare with Organization (a project file; the project’s service accounts)',
    path: (t) => `^${P(t)}/service_accounts$`,
    counted: true,
    run: async (t) => {
      const a = await extensionApi();
      const file = join(fileDir, `compare-${t.p.id}.openai-project.json`);
      writeFileSync(file, JSON.stringify({ project: t.p.name, id: t.p.id }));
      a.store.invalidate(t.p.id, 'serviceAccounts'); // read for the comparison, not from the tree's copy
      a.ui.answer(); // records what is said
      let result: unknown;
      const told = await errorsDuring(async () => (result = await run('compareWithOrganization', vscode.Uri.file(file))));
      return { ok: (result as { differences?: number } | undefined)?.differences === 0, told };
    },
    names: /service accounts of project/,
  },
  {
    name: 'Index Whole Organization (a project’s users)',
    path: (t) => `^${P(t)}/users$`,
    counted: true,
    run: async () => {
      await forgetIndex();
      let result: FillResult | undefined;
      const told = await errorsDuring(async () => (result = (await run('indexOrganization')) as FillResult));
      return { ok: !!result && !result.failed.length && !result.cancelled, told };
    },
    names: /the users of "Customer Support Bot"/,
  },
  {
    name: 'Find Leaked Key (a project’s API keys)',
    path: (t) => `^${P(t)}/api_keys$`,
    counted: true,
    run: async (t) => {
      const a = await extensionApi();
      await forgetIndex();
      const secret = t.p.api_keys.find((k) => k.secret)!.secret!;
      a.ui.answer(secret, undefined); // the key, then the pick of its match: dismissed
      const told = await errorsDuring(() => run('findLeakedKey'));
      const found = a.ui.asked.some((x) => x.kind === 'pick' && /^1 key matches/.test(x.message));
      return { ok: found, told };
    },
    names: /the API keys of "Customer Support Bot"/,
  },
  {
    name: 'Show Usage & Cost (the costs)',
    path: () => '^/organization/costs$',
    counted: true,
    run: async (t) => {
      const panels = (await extensionApi()).panels;
      const before = panels.drawnAt(t.p.id);
      await run(
        'showUsage',
        (await (await extensionApi()).tree.getChildren()).find((n) => n.id === t.p.id),
      );
      await eventually(
        () => panels.drawnAt(t.p.id),
        (at) => at > before,
        20_000,
      );
      const problems = panels.report(t.p.id)!.problems;
      return { ok: !problems.length, told: problems };
    },
    names: /costs/,
  },
  {
    name: 'Show Activity (the audit log)',
    path: () => '^/organization/audit_logs$',
    counted: false,
    queries: 2, // a project's activity merges the events in it and the events about it
    run: async (t) => {
      const panels = (await extensionApi()).panels;
      const key = `project/${t.p.id}/${t.p.id}`;
      const updated = panels.next('activity', key);
      await run(
        'showActivity',
        (await (await extensionApi()).tree.getChildren()).find((n) => n.id === t.p.id),
      );
      await updated;
      const failed = panels.failed(key);
      return { ok: !failed && (panels.rows(key)?.length ?? 0) > 0, told: failed ? [failed.message] : [] };
    },
    names: /audit log/,
  },
];

describe('fault matrix: the reads commands make × every fault', () => {
  matrixHooks({
    shortPacerWindow: true,
    report: () => `reliability (commands' reads): ${tally.commandReadCells} cells tried, ${tally.commandReadPassed} passing`,
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  for (const c of COMMAND_READS) {
    for (const f of READ_FAULTS) {
      it(`${c.name} × ${f.name}: ${f.expect === 'recovered' ? 'retried, then shown' : 'the reason, naming what could not be read'}`, async () => {
        tally.commandReadCells++;
        const a = await freshCell();
        const t = await target();
        // The folders the tree started loading land first: the fault is for the command's own read.
        for (const k of ['users', 'serviceAccounts', 'apiKeys', 'rateLimits'] as const) await a.store.folder(t.p.id, k);
        const before = await requests();
        const lasting = typeof f.fault.count === 'number' ? { count: f.fault.count * (c.queries ?? 1) } : {};
        await emulator.control('/faults', { method: 'POST', body: { ...f.fault, ...lasting, method: 'GET', path: c.path(t) } });
        const r = await c.run(t);
        const log = (await requests()).slice(before.length);
        const reads = log.filter((x) => new RegExp(c.path(t)).test(x.path));
        if (c.counted) assert.equal(reads.length, f.requests, `requests: ${reads.map((x) => x.status ?? 'no answer').join(', ')}`);
        if (!c.writes?.(r.ok))
          assert.deepEqual(
            log.filter((x) => x.method !== 'GET'),
            [],
            'nothing was changed',
          );
        if (f.expect === 'recovered') {
          assert.deepEqual(r.told, []);
          assert.ok(r.ok, 'shown after the retry');
        } else {
          assert.ok(!r.ok);
          assert.equal(r.told.length, 1, r.told.join(' | '));
          assert.match(r.told[0]!, f.cause!);
          assert.match(r.told[0]!, c.names, 'names what could not be read');
        }
        a.ui.reset();
        tally.commandReadPassed++;
      });
    }
  }
});
