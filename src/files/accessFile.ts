// Who can do what in a project, in its file: `groups` (each group with access, by name, and its roles in
// the project) and `roleAssignments` (a member, by email, and the roles assigned to them beyond their
// membership's). Roles by name, as the API names them (Viewer, or a custom role). A field the file
// leaves out it has no opinion on; a group or a member it leaves out keeps what it holds unless applied
// with removals.
import * as l10n from '@vscode/l10n';

export interface FileAccess {
  /** Group name (or, where two share a name, id) → its roles in the project, at least one. */
  groups?: Map<string, string[]>;
  /** Member email (or user id) → the roles assigned to them in the project, beyond their membership's. */
  roleAssignments?: Map<string, string[]>;
}
export const ACCESS_KEYS: readonly string[] = ['groups', 'roleAssignments'];

/** What a project holds of it, as read. */
export interface LiveAccess {
  /** The project's roles, predefined and custom. */
  roles: RoleRef[];
  /** Each group with access, and the ids of its roles in the project. */
  groups: { id: string; name: string; roleIds: string[] }[];
  /** Each member's roles assigned to them (not their membership's, not a group's), by user id. */
  users: Map<string, string[]>;
}

export interface RoleRef {
  id: string;
  name: string;
}

export type AccessDifference =
  /** A group without access that the file lists: granted with its first role. */
  | { kind: 'grant group'; group: string; role: string }
  /** `id` undefined: a group the plan grants, or a member the plan adds, found by name when it runs. */
  | { kind: 'assign role'; who: 'group' | 'user'; name: string; id?: string; role: string }
  | { kind: 'unassign role'; who: 'group' | 'user'; name: string; id: string; role: RoleRef }
  | { kind: 'revoke group'; group: string; id: string };

// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const ROLE_WORD = /^[^\u0000-\u001f\u007f]{1,64}$/;
const isGroupId = (k: string) => /^group[-_][A-Za-z0-9_-]+$/.test(k);
const lower = (s: string) => s.toLowerCase();

/** The access fields of a file's fields (plain values), or each problem said with its place. */
export function parseAccess(fields: Map<string, unknown>, isMemberKey: (k: string) => boolean, problem: (p: string) => void): FileAccess {
  const out: FileAccess = {};
  const lists = (field: 'groups' | 'roleAssignments', key: string, v: unknown): string[] | undefined => {
    const where = l10n.t('{0} › {1}', field, key);
    if (!Array.isArray(v) || !v.every((r) => typeof r === 'string' && ROLE_WORD.test(r) && r.trim()))
      return void problem(l10n.t('{0}: a list of role names, such as ["Viewer"]', where));
    const names = v as string[];
    if (field === 'groups' && !names.length) return void problem(l10n.t('{0}: a group with access holds at least one role', where));
    const seen = new Set<string>();
    for (const r of names) {
      if (seen.has(lower(r))) problem(l10n.t('{0}: "{1}" listed twice', where, r));
      seen.add(lower(r));
    }
    return names.map((r) => r.trim());
  };
  for (const field of ['groups', 'roleAssignments'] as const) {
    if (!fields.has(field)) continue;
    const v = fields.get(field);
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      problem(l10n.t('{0}: expected an object', field));
      continue;
    }
    const m = new Map<string, string[]>();
    for (const [k, roles] of Object.entries(v as Record<string, unknown>)) {
      if (field === 'roleAssignments' && !isMemberKey(k)) problem(l10n.t('roleAssignments › {0}: not an email address (or a user id)', k));
      if (field === 'groups' && (!k.trim() || k.length > 255)) problem(l10n.t('groups › {0}: a group’s name', k));
      const r = lists(field, k, roles);
      if (r) m.set(k, r);
    }
    out[field] = m;
  }
  return out;
}

const sortedMap = <T>(entries: [string, T][]) => new Map(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The live access in the file's terms; `like` limits it to the fields a file sets (for a diff). */
export function accessOfLive(live: LiveAccess, users: { id: string; email?: string | null }[], like?: FileAccess): FileAccess {
  const name = (id: string) => live.roles.find((r) => r.id === id)?.name || id;
  const out: FileAccess = {};
  if (!like || like.groups) {
    const count = new Map<string, number>();
    for (const g of live.groups) count.set(g.name, (count.get(g.name) ?? 0) + 1);
    out.groups = sortedMap(live.groups.map((g) => [g.name && count.get(g.name) === 1 ? g.name : g.id, g.roleIds.map(name).sort()]));
  }
  if (!like || like.roleAssignments) {
    const email = new Map(users.map((u) => [u.id, u.email || u.id]));
    out.roleAssignments = sortedMap([...live.users].filter(([, r]) => r.length).map(([id, r]) => [email.get(id) ?? id, r.map(name).sort()]));
  }
  return out;
}

/** Every difference between the file's access and the project's, removals included. */
export function diffAccess(file: FileAccess, live: LiveAccess | undefined, users: { id: string; email?: string | null }[]): AccessDifference[] {
  const d: AccessDifference[] = [];
  const roleName = (id: string) => live?.roles.find((r) => r.id === id)?.name || id;
  if (file.groups) {
    const matched = new Set<string>();
    for (const [key, roles] of file.groups) {
      const g = live?.groups.find((x) => x.id === key) ?? live?.groups.find((x) => x.name === key) ?? live?.groups.find((x) => lower(x.name) === lower(key));
      if (!g) {
        d.push({ kind: 'grant group', group: key, role: roles[0]! });
        for (const r of roles.slice(1)) d.push({ kind: 'assign role', who: 'group', name: key, role: r });
        continue;
      }
      matched.add(g.id);
      diffRoles(d, 'group', key, g.id, roles, g.roleIds, roleName);
    }
    for (const g of live?.groups ?? []) if (!matched.has(g.id)) d.push({ kind: 'revoke group', group: g.name || g.id, id: g.id });
  }
  if (file.roleAssignments) {
    const byEmail = new Map(users.filter((u) => u.email).map((u) => [lower(u.email!), u.id]));
    const matched = new Set<string>();
    for (const [key, roles] of file.roleAssignments) {
      const id = users.some((u) => u.id === key) ? key : byEmail.get(lower(key));
      if (!id) {
        for (const r of roles) d.push({ kind: 'assign role', who: 'user', name: key, role: r });
        continue;
      }
      matched.add(id);
      diffRoles(d, 'user', key, id, roles, live?.users.get(id) ?? [], roleName);
    }
    for (const [id, held] of live?.users ?? []) {
      const who = users.find((u) => u.id === id)?.email || id;
      if (!matched.has(id)) for (const r of held) d.push({ kind: 'unassign role', who: 'user', name: who, id, role: { id: r, name: roleName(r) } });
    }
  }
  return d;
}

function diffRoles(
  d: AccessDifference[],
  who: 'group' | 'user',
  name: string,
  id: string,
  wanted: string[],
  heldIds: string[],
  roleName: (id: string) => string,
): void {
  const held = new Set(heldIds.map((r) => lower(roleName(r))));
  const want = new Set(wanted.map(lower));
  for (const r of wanted) if (!held.has(lower(r))) d.push({ kind: 'assign role', who, name, id, role: r });
  for (const r of heldIds) if (!want.has(lower(roleName(r)))) d.push({ kind: 'unassign role', who, name, id, role: { id: r, name: roleName(r) } });
}

/** A project's role by the name a file gives it (its exact name first, then ignoring case). */
export const roleNamed = <R extends RoleRef>(roles: R[], name: string): R | undefined =>
  roles.find((r) => r.name === name) ?? roles.find((r) => lower(r.name) === lower(name)) ?? roles.find((r) => r.id === name);

/** The group a file names: by id, by exact name, then ignoring case. */
export const groupNamed = <G extends { id: string; name?: string | null }>(groups: G[], key: string): G | undefined =>
  (isGroupId(key) ? groups.find((g) => g.id === key) : undefined) ??
  groups.find((g) => g.name === key) ??
  groups.find((g) => lower(g.name ?? '') === lower(key));
