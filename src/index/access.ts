// Why a person has the access they have, from what is already read (no request of its own): in the
// organization and in every project, each role they hold and where it comes from — assigned to them,
// their membership, a group they are in, or their organization role (an organization owner owns
// every project). `whoHasAccess` answers the other way round, for one project.

import { assignedTo, type AssignedRole } from '../client';

/** A role as the lists name it. */
export interface RoleRef {
  id: string;
  name: string;
}

/** Where a held role comes from. */
export type Source = { kind: 'direct' } | { kind: 'member' } | { kind: 'group'; groupId: string; groupName: string } | { kind: 'organization'; role: RoleRef };

export interface Grant {
  /** `undefined`: the organization. */
  project?: { id: string; name: string };
  role: RoleRef;
  sources: Source[];
}

export interface AccessSnapshot {
  /** Organization members and their organization role (`owner`, `reader`, or one the API adds). */
  users: { id: string; name: string; role: string }[];
  groups: { id: string; name: string; members: readonly string[] }[];
  /** The organization's roles (predefined and custom), by id. */
  orgRoles: ReadonlyMap<string, RoleRef>;
  /** Organization roles assigned to a user or a group, beyond a member's own. */
  orgAssignments: { principal: 'user' | 'group'; id: string; roleId: string }[];
  projects: ProjectAccess[];
}

export interface ProjectAccess {
  id: string;
  name: string;
  /** Its members and their project role (`owner`, `member`). */
  members: { userId: string; role: string }[];
  /** Groups with access and every project role each holds (the API lists the grant's role with the others). */
  groups: { groupId: string; roleIds: readonly string[] }[];
  /** Project roles assigned to a user, beyond a member's own. */
  assignments: { userId: string; roleId: string }[];
  /** The project's roles (predefined and custom), by id. */
  roles: ReadonlyMap<string, RoleRef>;
}

/** The predefined roles a membership stands for, by the ids the API gives them. */
export const MEMBER_ROLES: Record<string, string> = {
  'org:owner': 'role_org_owner',
  'org:reader': 'role_org_reader',
  'project:owner': 'role_project_owner',
  'project:member': 'role_project_member',
};

/** The ids of the roles a person holds assigned to them: not `own` (their membership's role), not only through a group. */
export const directRoles = (held: AssignedRole[], userId: string, own: string | undefined): string[] =>
  held.filter((r) => r.id !== own && assignedTo(r, userId)).map((r) => r.id);

const roleOf = (roles: ReadonlyMap<string, RoleRef>, id: string): RoleRef => roles.get(id) ?? { id, name: id };

/** Collects grants by role, merging the sources of a role held more than one way. */
class Grants {
  private readonly by = new Map<string, Map<string, Grant>>();
  add(project: Grant['project'], role: RoleRef, source: Source): void {
    const scope = project?.id ?? '';
    let roles = this.by.get(scope);
    if (!roles) this.by.set(scope, (roles = new Map<string, Grant>()));
    const g = roles.get(role.id);
    if (!g) roles.set(role.id, { project, role, sources: [source] });
    else if (!g.sources.some((s) => sameSource(s, source))) g.sources.push(source);
  }
  list(): Grant[] {
    return [...this.by.values()].flatMap((roles) => [...roles.values()]);
  }
}
const sameSource = (a: Source, b: Source) =>
  a.kind === b.kind &&
  (a.kind !== 'group' || a.groupId === (b as { groupId: string }).groupId) &&
  (a.kind !== 'organization' || a.role.id === (b as { role: RoleRef }).role.id);

/** What one person holds, in the organization first, then project by project. */
export function effectiveAccess(s: AccessSnapshot, userId: string): Grant[] {
  const user = s.users.find((u) => u.id === userId);
  const out = new Grants();
  const mine = s.groups.filter((g) => g.members.includes(userId));
  const groupNames = new Map(mine.map((g) => [g.id, g.name]));
  if (user) {
    const own = MEMBER_ROLES[`org:${user.role}`];
    if (own) out.add(undefined, roleOf(s.orgRoles, own), { kind: 'member' });
  }
  for (const a of s.orgAssignments) {
    if (a.principal === 'user' && a.id === userId) out.add(undefined, roleOf(s.orgRoles, a.roleId), { kind: 'direct' });
    if (a.principal === 'group' && groupNames.has(a.id))
      out.add(undefined, roleOf(s.orgRoles, a.roleId), { kind: 'group', groupId: a.id, groupName: groupNames.get(a.id)! });
  }
  const ownerRole = user?.role === 'owner' ? roleOf(s.orgRoles, MEMBER_ROLES['org:owner']!) : undefined;
  for (const p of s.projects) projectGrants(p, userId, groupNames, ownerRole, out);
  return out.list();
}

function projectGrants(p: ProjectAccess, userId: string, groupNames: ReadonlyMap<string, string>, ownerRole: RoleRef | undefined, out: Grants): void {
  const at = { id: p.id, name: p.name };
  const member = p.members.find((m) => m.userId === userId);
  const own = member && MEMBER_ROLES[`project:${member.role}`];
  if (own) out.add(at, roleOf(p.roles, own), { kind: 'member' });
  else if (member) out.add(at, { id: member.role, name: member.role }, { kind: 'member' });
  for (const a of p.assignments) if (a.userId === userId) out.add(at, roleOf(p.roles, a.roleId), { kind: 'direct' });
  for (const g of p.groups) {
    const name = groupNames.get(g.groupId);
    if (name !== undefined) for (const r of g.roleIds) out.add(at, roleOf(p.roles, r), { kind: 'group', groupId: g.groupId, groupName: name });
  }
  if (ownerRole) out.add(at, roleOf(p.roles, MEMBER_ROLES['project:owner']!), { kind: 'organization', role: ownerRole });
}

/** Everyone with access to one project, each with what they hold there and through what. */
export function whoHasAccess(s: AccessSnapshot, projectId: string): { user: { id: string; name: string }; grants: Grant[] }[] {
  const p = s.projects.find((x) => x.id === projectId);
  if (!p) return [];
  const granted = new Set(p.groups.map((g) => g.groupId));
  const ids = new Set([
    ...p.members.map((m) => m.userId),
    ...p.assignments.map((a) => a.userId),
    ...s.groups.filter((g) => granted.has(g.id)).flatMap((g) => g.members),
    ...s.users.filter((u) => u.role === 'owner').map((u) => u.id),
  ]);
  const rows: { user: { id: string; name: string }; grants: Grant[] }[] = [];
  for (const id of ids) {
    const u = s.users.find((x) => x.id === id);
    const groupNames = new Map(s.groups.filter((g) => g.members.includes(id)).map((g) => [g.id, g.name]));
    const out = new Grants();
    projectGrants(p, id, groupNames, u?.role === 'owner' ? roleOf(s.orgRoles, MEMBER_ROLES['org:owner']!) : undefined, out);
    const grants = out.list();
    if (grants.length) rows.push({ user: { id, name: u?.name ?? id }, grants });
  }
  return rows.sort((a, b) => a.user.name.localeCompare(b.user.name));
}
