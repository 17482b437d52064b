// Who holds which role, as the index keeps it for Find's questions ("who has role Viewer", "groups
// with access to Data Platform"): for the organization and for each project, its roles and the roles
// each group and each person holds there assigned to them (a membership's role comes from the users
// lists the index has anyway). Read only when asked for (Index Role Assignments…), one request a
// group and a person; forgotten for a scope when a write changes anything in it.
import * as z from 'zod/mini';
import type { Project } from '../client';
import { MEMBER_ROLES } from './access';
import type { Stamped } from './entries';

/** The organization's scope, beside the projects' ids. */
export const ORG_SCOPE = 'organization';

export interface HeldRoles {
  /** The scope's roles (predefined and custom). */
  roles: { id: string; name: string }[];
  /** Each group with access (in a project) or every group (in the organization), and the roles it holds there. */
  groups: { id: string; roleIds: string[] }[];
  /** Each person's roles assigned to them there, beyond their membership's. */
  users: { id: string; roleIds: string[] }[];
}

const ids = z.array(z.string());
export const HeldRolesSchema = z.object({
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  groups: z.array(z.object({ id: z.string(), roleIds: ids })),
  users: z.array(z.object({ id: z.string(), roleIds: ids })),
});

/** A query that asks who holds a role ("who has role Viewer", "role Viewer", "has role Viewer"), else undefined. */
export function parseRoleQuestion(query: string): { kind: 'role'; role: string } | { kind: 'groups'; project: string } | undefined {
  const q = query.trim().replace(/\s+/g, ' ');
  const role = /^(?:who (?:has|holds) (?:the )?role|(?:has |holds )?role) (.+)$/i.exec(q);
  if (role) return { kind: 'role', role: role[1]!.trim() };
  const groups = /^groups? (?:with access to|in|of) (.+)$/i.exec(q);
  if (groups) return { kind: 'groups', project: groups[1]!.trim() };
  return undefined;
}

/** One holder of a role. */
export interface Holder {
  scope: typeof ORG_SCOPE | Project;
  principal: 'user' | 'group';
  id: string;
  role: { id: string; name: string };
  via: 'assigned' | 'member';
}

/**
 * Who holds one role in a scope, each told to `add`: the groups and people it is assigned to, then those
 * whose membership's role it is. A callback, not a list: Find scans every project's scope on a keystroke.
 */
export function eachHolder(
  held: HeldRoles,
  roleId: string,
  members: { id: string; role?: string | null }[] | undefined,
  level: 'org' | 'project',
  add: (principal: Holder['principal'], id: string, via: Holder['via']) => void,
): void {
  for (const g of held.groups) if (g.roleIds.includes(roleId)) add('group', g.id, 'assigned');
  for (const u of held.users) if (u.roleIds.includes(roleId)) add('user', u.id, 'assigned');
  for (const m of members ?? []) if (MEMBER_ROLES[`${level}:${m.role ?? ''}`] === roleId) add('user', m.id, 'member');
}

export interface RoleAnswer {
  holders: Holder[];
  /** Active projects whose assignments have not been read (the organization's too, if `org` is false). */
  unknown: Project[];
  orgKnown: boolean;
}

/**
 * Everyone and every group holding a role of that name (ignoring case): assigned to them, or (for the
 * predefined Owner, Reader and Member roles) through their membership, from the users lists. No request.
 */
export function whoHolds(
  name: string,
  projects: Project[],
  rolesOf: (scope: string) => Stamped<HeldRoles> | undefined,
  membersOf: (projectId: string) => { id: string; role: string }[] | undefined,
  orgMembers: { id: string; role?: string | null }[] | undefined,
): RoleAnswer {
  const wanted = name.toLowerCase();
  const out: RoleAnswer = { holders: [], unknown: [], orgKnown: false };
  const scan = (scope: Holder['scope'], held: HeldRoles, members: { id: string; role?: string | null }[] | undefined, level: 'org' | 'project') => {
    for (const r of held.roles.filter((x) => x.name.toLowerCase() === wanted || x.id === name))
      eachHolder(held, r.id, members, level, (principal, id, via) => out.holders.push({ scope, principal, id, role: r, via }));
  };
  const org = rolesOf(ORG_SCOPE);
  if (org) {
    out.orgKnown = true;
    scan(ORG_SCOPE, org.items, orgMembers, 'org');
  }
  for (const p of projects) {
    const held = rolesOf(p.id);
    if (!held) out.unknown.push(p);
    else scan(p, held.items, membersOf(p.id), 'project');
  }
  return out;
}
