// Who can do what: groups, roles and role assignments at both levels, in the shapes of OpenAI's spec
// (test/fixtures/openai-access-openapi.json), with the rules a real organization enforces: predefined
// roles stay, an identity provider's (SCIM) group is changed there, a role held by anyone is not
// deleted, and a deleted group takes its grants with it. These lists page with an opaque `next`.
import { clock } from './clock';
import type { Assignment, Group, Member, Org, OrgUser, Project, RoleRecord } from './model';
import { adminKeys, orgUserJson } from './organization';

type Handler = (org: Org, req: { params: Record<string, string>; query: URLSearchParams; body: Record<string, unknown>; key: string }) => unknown;
type Route = (method: string, path: string, handler: Handler, fields?: string[]) => void;
export interface AccessHelpers {
  fail(status: number, message: string, param?: string | null, code?: string | null): never;
  str(body: Record<string, unknown>, key: string, required: boolean): string | undefined;
  mint(org: Org, prefix: string, n?: number): string;
  /** The project; with `action`, one that takes changes (not archived). */
  project(org: Org, id: string, action?: string): Project;
  /** A project's members (the default project's follow the organization). */
  members(org: Org, p: Project): Member[];
}

const now = () => Math.floor(clock.nowMs() / 1000);
type Level = 'api.organization' | 'api.project';

/** The roles every organization has; they cannot be changed or deleted. */
export const PREDEFINED: Record<string, { name: string; description: string; permissions: string[]; level: Level }> = {
  role_org_owner: {
    name: 'Owner',
    description: 'Full access to the organization: members, billing, projects and settings.',
    permissions: ['api.organization.read', 'api.organization.write', 'api.organization.members.write', 'api.organization.billing.write', 'api.projects.write'],
    level: 'api.organization',
  },
  role_org_reader: {
    name: 'Reader',
    description: 'Reads the organization and the projects it is a member of.',
    permissions: ['api.organization.read', 'api.projects.read'],
    level: 'api.organization',
  },
  role_project_owner: {
    name: 'Owner',
    description: 'Manages the project: its members, keys, limits and settings.',
    permissions: ['api.project.read', 'api.project.write', 'api.project.members.write', 'api.project.keys.write', 'api.model.request'],
    level: 'api.project',
  },
  role_project_member: {
    name: 'Member',
    description: 'Uses the project: calls models and manages its own keys.',
    permissions: ['api.project.read', 'api.project.keys.write', 'api.model.request'],
    level: 'api.project',
  },
  role_project_viewer: {
    name: 'Viewer',
    description: 'Reads the project; calls nothing.',
    permissions: ['api.project.read'],
    level: 'api.project',
  },
};

/** The permissions a custom role may hold at each level. */
export const PERMISSIONS: Record<Level, string[]> = {
  'api.organization': [
    ...new Set(Object.values(PREDEFINED).flatMap((r) => (r.level === 'api.organization' ? r.permissions : []))),
    'api.organization.billing.read',
    'api.organization.audit_logs.read',
    'api.organization.usage.read',
  ],
  'api.project': [
    ...new Set(Object.values(PREDEFINED).flatMap((r) => (r.level === 'api.project' ? r.permissions : []))),
    'api.project.usage.read',
    'api.project.rate_limits.write',
  ],
};

const memberRole = (role: string) => (role === 'owner' ? 'role_project_owner' : 'role_project_member');
const orgMemberRole = (u: OrgUser) => (u.role === 'owner' ? 'role_org_owner' : 'role_org_reader');

function roleJson(id: string, custom: RoleRecord[], level: Level) {
  const p = PREDEFINED[id];
  if (p) return { object: 'role', id, name: p.name, description: p.description, permissions: p.permissions, resource_type: p.level, predefined_role: true };
  const r = custom.find((x) => x.id === id)!;
  return { object: 'role', id: r.id, name: r.name, description: r.description, permissions: r.permissions, resource_type: level, predefined_role: false };
}

function assignedJson(id: string, custom: RoleRecord[], level: Level, sources: { principal_id: string; principal_type: string }[]) {
  const { object: _o, ...role } = roleJson(id, custom, level);
  const r = custom.find((x) => x.id === id);
  return {
    ...role,
    created_at: r?.created_at ?? null,
    updated_at: r?.updated_at ?? null,
    created_by: r?.created_by ?? null,
    created_by_user_obj: null,
    metadata: null,
    assignment_sources: sources,
  };
}

const groupResponse = (g: Group) => ({
  id: g.id,
  name: g.name,
  created_at: g.created_at,
  is_scim_managed: g.is_scim_managed ?? false,
  group_type: 'group',
});
const groupRef = (g: Group) => ({ object: 'group', id: g.id, name: g.name, created_at: g.created_at, scim_managed: g.is_scim_managed ?? false });

export function registerAccess(route: Route, h: AccessHelpers): void {
  const { fail } = h;
  const groups = (org: Org) => (org.groups ??= []);
  const findGroup = (org: Org, id: string) => groups(org).find((g) => g.id === id) ?? fail(404, `No such group: '${id}'`, 'group_id', 'not_found');
  const findUser = (org: Org, id: string) => org.users.find((u) => u.id === id) ?? fail(404, `No such user: '${id}'`, 'user_id', 'not_found');
  const scim = (g: Group, what: string): void => {
    if (g.is_scim_managed) fail(400, `Group '${g.name}' is managed by your identity provider (SCIM): ${what} there.`, 'group_id', 'scim_managed');
  };

  /** Drops what points at something gone (a user out of the organization or a project, a group deleted). */
  const prune = (org: Org) => {
    const users = new Set(org.users.map((u) => u.id));
    const gids = new Set(groups(org).map((g) => g.id));
    for (const g of groups(org)) g.members = g.members.filter((m) => users.has(m));
    const live = (a: Assignment, people: Set<string>) => (a.principal_type === 'user' ? people.has(a.principal_id) : gids.has(a.principal_id));
    org.assignments = (org.assignments ?? []).filter((a) => live(a, users));
    for (const p of org.projects) {
      if (p.groups) p.groups = p.groups.filter((x) => gids.has(x.group_id));
      const inProject = new Set(h.members(org, p).map((m) => m.user_id));
      const granted = new Set((p.groups ?? []).map((x) => x.group_id));
      if (p.assignments) p.assignments = p.assignments.filter((a) => live(a, inProject) && (a.principal_type === 'user' || granted.has(a.principal_id)));
    }
  };
  const withPrune =
    (f: Handler): Handler =>
    (org, req) => {
      prune(org);
      return f(org, req);
    };
  const on = (method: string, path: string, f: Handler, fields?: string[]) => route(method, path, withPrune(f), fields);

  /** A page of `items` after the opaque cursor `after`, `limit` of them (0..1000, default 100). */
  const nextPage = <T>(items: T[], key: (t: T) => string, query: URLSearchParams) => {
    const raw = query.get('limit');
    const limit = raw === null ? 100 : Number(raw);
    if (!Number.isInteger(limit) || raw?.trim() === '')
      fail(400, `Invalid type for 'limit': expected an integer, but got a string instead.`, 'limit', 'invalid_type');
    if (limit < 0 || limit > 1000) fail(400, `Invalid 'limit': expected a value between 0 and 1000, but got ${limit} instead.`, 'limit', 'invalid_value');
    const order = query.get('order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') fail(400, `Invalid value for 'order': expected one of 'asc', 'desc'.`, 'order', 'invalid_value');
    const all = order === 'desc' ? [...items].reverse() : items;
    let start = 0;
    const after = query.get('after');
    if (after !== null) {
      const id = Buffer.from(after, 'base64url').toString('utf8');
      const i = all.findIndex((x) => key(x) === id);
      if (!after || i < 0) fail(400, `Invalid 'after': '${after}' is not a cursor of this list.`, 'after', 'invalid_cursor');
      start = i + 1;
    }
    const data = all.slice(start, start + limit);
    const has_more = start + limit < all.length;
    const last = data.at(-1);
    return { object: 'list', data, has_more, next: has_more && last !== undefined ? Buffer.from(key(last)).toString('base64url') : null };
  };

  // ---- roles, at the organization and in a project ----

  const roleName = (body: Record<string, unknown>, required: boolean) => {
    const name = h.str(body, 'role_name', required)?.trim();
    if (name !== undefined && !name) fail(400, `Invalid 'role_name': must not be empty.`, 'role_name', 'invalid_value');
    if (name !== undefined && name.length > 64) fail(400, `Invalid 'role_name': at most 64 characters.`, 'role_name', 'string_above_max_length');
    return name;
  };
  const permissionsOf = (body: Record<string, unknown>, level: Level, required: boolean) => {
    const v = body.permissions;
    if (v === undefined || v === null) {
      if (required) fail(400, `Missing required parameter: 'permissions'.`, 'permissions', 'missing_required_parameter');
      return undefined;
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      fail(400, `Invalid type for 'permissions': expected an array of strings.`, 'permissions', 'invalid_type');
    const list = [...new Set(v as string[])];
    if (!list.length) fail(400, `Invalid 'permissions': a role needs at least one permission.`, 'permissions', 'invalid_value');
    const unknown = list.find((x) => !PERMISSIONS[level].includes(x));
    if (unknown) fail(400, `Invalid 'permissions': '${unknown}' is not a permission of ${level}.`, 'permissions', 'invalid_value');
    return list;
  };
  const description = (body: Record<string, unknown>) => {
    if (!('description' in body)) return undefined;
    if (body.description === null) return null;
    const d = h.str(body, 'description', false) ?? null;
    if (d && d.length > 512) fail(400, `Invalid 'description': at most 512 characters.`, 'description', 'string_above_max_length');
    return d;
  };

  /** Who holds `roleId` at a level: assignments, and (in a project) group grants. */
  const holders = (list: Assignment[], roleId: string, grants: { role_id: string }[] = []) =>
    list.filter((a) => a.role_id === roleId).length + grants.filter((g) => g.role_id === roleId).length;

  const roleRoutes = (
    base: string,
    level: Level,
    scope: (org: Org, params: Record<string, string>, action?: string) => { custom: RoleRecord[]; assignments: Assignment[]; grants?: { role_id: string }[] },
  ) => {
    const ids = (custom: RoleRecord[]) => [...Object.keys(PREDEFINED).filter((k) => PREDEFINED[k]!.level === level), ...custom.map((r) => r.id)];
    const find = (custom: RoleRecord[], id: string) =>
      PREDEFINED[id]?.level === level || custom.some((r) => r.id === id) ? id : fail(404, `No such role: '${id}'`, 'role_id', 'not_found');
    const fixed = (id: string) => {
      if (PREDEFINED[id]) fail(400, `Role '${PREDEFINED[id].name}' is predefined: it cannot be changed or deleted.`, 'role_id', 'predefined_role');
    };
    const unique = (custom: RoleRecord[], name: string, self?: string) => {
      const taken = [...ids(custom).map((id) => roleJson(id, custom, level))].find((r) => r.name.toLowerCase() === name.toLowerCase() && r.id !== self);
      if (taken) fail(400, `A role named '${taken.name}' exists already.`, 'role_name', 'already_exists');
    };
    on('GET', base, (org, { params, query }) => {
      const s = scope(org, params);
      return nextPage(
        ids(s.custom).map((id) => roleJson(id, s.custom, level)),
        (r) => r.id,
        query,
      );
    });
    on(
      'POST',
      base,
      (org, { params, body, key }) => {
        const s = scope(org, params, 'modified');
        const name = roleName(body, true)!;
        const permissions = permissionsOf(body, level, true)!;
        unique(s.custom, name);
        const t = now();
        const r: RoleRecord = {
          id: h.mint(org, 'role_'),
          name,
          description: description(body) ?? null,
          permissions,
          created_at: t,
          updated_at: t,
          created_by: adminKeys(org).find((k) => k.secret === key)?.owner_id ?? '',
        };
        s.custom.push(r);
        return roleJson(r.id, s.custom, level);
      },
      ['role_name', 'permissions', 'description'],
    );
    on('GET', `${base}/:role_id`, (org, { params }) => {
      const s = scope(org, params);
      return roleJson(find(s.custom, params.role_id!), s.custom, level);
    });
    on(
      'POST',
      `${base}/:role_id`,
      (org, { params, body }) => {
        const s = scope(org, params, 'modified');
        const id = find(s.custom, params.role_id!);
        fixed(id);
        const name = roleName(body, false);
        const permissions = permissionsOf(body, level, false);
        const d = description(body);
        if (name === undefined && permissions === undefined && d === undefined)
          fail(400, `Give at least one of 'role_name', 'permissions', 'description'.`, null, 'missing_required_parameter');
        if (name !== undefined) unique(s.custom, name, id);
        const r = s.custom.find((x) => x.id === id)!;
        if (name !== undefined) r.name = name;
        if (permissions) r.permissions = permissions;
        if (d !== undefined) r.description = d;
        r.updated_at = now();
        return roleJson(id, s.custom, level);
      },
      ['role_name', 'permissions', 'description'],
    );
    on('DELETE', `${base}/:role_id`, (org, { params }) => {
      const s = scope(org, params, 'modified');
      const id = find(s.custom, params.role_id!);
      fixed(id);
      const n = holders(s.assignments, id, s.grants);
      if (n)
        fail(400, `Role '${params.role_id}' is held by ${n} ${n === 1 ? 'user or group' : 'users and groups'}: unassign it first.`, 'role_id', 'role_in_use');
      const i = s.custom.findIndex((r) => r.id === id);
      s.custom.splice(i, 1);
      return { object: 'role.deleted', id, deleted: true };
    });
    return find;
  };

  const orgScope = (org: Org) => ({ custom: (org.roles ??= []), assignments: (org.assignments ??= []) });
  const projectScope = (org: Org, params: Record<string, string>, action?: string) => {
    const p = h.project(org, params.project_id!, action);
    return { custom: (p.roles ??= []), assignments: (p.assignments ??= []), grants: (p.groups ??= []), project: p };
  };
  const findOrgRole = roleRoutes('/organization/roles', 'api.organization', orgScope);
  const findProjectRole = roleRoutes('/projects/:project_id/roles', 'api.project', projectScope);

  // ---- groups and their members ----

  on('GET', '/organization/groups', (org, { query }) => nextPage(groups(org).map(groupResponse), (g) => g.id, query));
  const groupName = (body: Record<string, unknown>, org: Org, self?: string) => {
    const name = h.str(body, 'name', true)!.trim();
    if (!name) fail(400, `Invalid 'name': must not be empty.`, 'name', 'invalid_value');
    if (name.length > 255) fail(400, `Invalid 'name': at most 255 characters.`, 'name', 'string_above_max_length');
    if (groups(org).some((g) => g.id !== self && g.name.toLowerCase() === name.toLowerCase()))
      fail(400, `A group named '${name}' exists already.`, 'name', 'already_exists');
    return name;
  };
  on(
    'POST',
    '/organization/groups',
    (org, { body }) => {
      const g: Group = { id: h.mint(org, 'group_'), name: groupName(body, org), created_at: now(), members: [] };
      groups(org).push(g);
      return groupResponse(g);
    },
    ['name'],
  );
  on('GET', '/organization/groups/:group_id', (org, { params }) => groupResponse(findGroup(org, params.group_id!)));
  on(
    'POST',
    '/organization/groups/:group_id',
    (org, { params, body }) => {
      const g = findGroup(org, params.group_id!);
      scim(g, 'rename it');
      g.name = groupName(body, org, g.id);
      const { group_type: _t, ...updated } = groupResponse(g);
      return updated;
    },
    ['name'],
  );
  on('DELETE', '/organization/groups/:group_id', (org, { params }) => {
    const g = findGroup(org, params.group_id!);
    scim(g, 'delete it');
    // Its grants go with it: in the organization and in every project.
    org.groups = groups(org).filter((x) => x !== g);
    prune(org);
    return { object: 'group.deleted', id: g.id, deleted: true };
  });

  const groupUser = (u: OrgUser) => ({ id: u.id, name: u.name, email: u.email });
  on('GET', '/organization/groups/:group_id/users', (org, { params, query }) => {
    const g = findGroup(org, params.group_id!);
    return nextPage(
      g.members.map((id) => groupUser(findUser(org, id))),
      (u) => u.id,
      query,
    );
  });
  on(
    'POST',
    '/organization/groups/:group_id/users',
    (org, { params, body }) => {
      const g = findGroup(org, params.group_id!);
      scim(g, 'add members');
      const u = findUser(org, h.str(body, 'user_id', true)!);
      if (g.members.includes(u.id)) fail(400, `User '${u.id}' is already a member of group '${g.name}'.`, 'user_id', 'already_exists');
      g.members.push(u.id);
      return { object: 'group.user', user_id: u.id, group_id: g.id };
    },
    ['user_id'],
  );
  const member = (org: Org, params: Record<string, string>) => {
    const g = findGroup(org, params.group_id!);
    if (!g.members.includes(params.user_id!)) fail(404, `User '${params.user_id}' is not a member of group '${g.name}'.`, 'user_id', 'not_found');
    return { g, u: findUser(org, params.user_id!) };
  };
  on('GET', '/organization/groups/:group_id/users/:user_id', (org, { params }) => {
    const { u } = member(org, params);
    return { ...groupUser(u), picture: null, is_service_account: u.is_service_account ?? false, user_type: 'user' };
  });
  on('DELETE', '/organization/groups/:group_id/users/:user_id', (org, { params }) => {
    const { g, u } = member(org, params);
    scim(g, 'remove members');
    g.members = g.members.filter((x) => x !== u.id);
    return { object: 'group.user.deleted', deleted: true };
  });

  // ---- role assignments: a user's and a group's, at both levels ----

  type Sources = Map<string, { principal_id: string; principal_type: string }[]>;
  const add = (m: Sources, role: string, principal_type: string, principal_id: string) => {
    const s = m.get(role) ?? [];
    if (!s.some((x) => x.principal_id === principal_id)) s.push({ principal_id, principal_type });
    m.set(role, s);
  };
  const direct = (list: Assignment[], type: 'user' | 'group', id: string) => list.filter((a) => a.principal_type === type && a.principal_id === id);

  /** A user's organization roles: their member role, roles assigned to them, and their groups' roles. */
  const orgRolesOfUser = (org: Org, u: OrgUser): Sources => {
    const m: Sources = new Map();
    add(m, orgMemberRole(u), 'user', u.id);
    for (const a of direct(org.assignments ?? [], 'user', u.id)) add(m, a.role_id, 'user', u.id);
    for (const g of groups(org).filter((x) => x.members.includes(u.id)))
      for (const a of direct(org.assignments ?? [], 'group', g.id)) add(m, a.role_id, 'group', g.id);
    return m;
  };
  const orgRolesOfGroup = (org: Org, g: Group): Sources => {
    const m: Sources = new Map();
    for (const a of direct(org.assignments ?? [], 'group', g.id)) add(m, a.role_id, 'group', g.id);
    return m;
  };
  const projectGroupOf = (p: Project, gid: string) =>
    (p.groups ?? []).find((x) => x.group_id === gid) ?? fail(404, `Group '${gid}' has no access to project '${p.id}'.`, 'group_id', 'not_found');
  const projectRolesOfGroup = (p: Project, gid: string): Sources => {
    const m: Sources = new Map();
    add(m, projectGroupOf(p, gid).role_id, 'group', gid);
    for (const a of direct(p.assignments ?? [], 'group', gid)) add(m, a.role_id, 'group', gid);
    return m;
  };
  const projectRolesOfUser = (org: Org, p: Project, uid: string): Sources => {
    const m: Sources = new Map();
    const mem = h.members(org, p).find((x) => x.user_id === uid);
    if (mem) add(m, memberRole(mem.role), 'user', uid);
    for (const a of direct(p.assignments ?? [], 'user', uid)) add(m, a.role_id, 'user', uid);
    for (const grant of p.groups ?? []) {
      const g = groups(org).find((x) => x.id === grant.group_id);
      if (g?.members.includes(uid)) for (const [role, s] of projectRolesOfGroup(p, g.id)) for (const x of s) add(m, role, x.principal_type, x.principal_id);
    }
    if (!m.size) fail(404, `User '${uid}' has no access to project '${p.id}'.`, 'user_id', 'not_found');
    return m;
  };

  const assignmentRoutes = (
    base: string,
    level: Level,
    who: (
      org: Org,
      params: Record<string, string>,
      action?: string,
    ) => {
      type: 'user' | 'group';
      id: string;
      ref: unknown;
      list: Assignment[];
      custom: RoleRecord[];
      held: () => Sources;
      findRole: (id: string) => string;
      /** Why a role it holds cannot be unassigned here (its member role, a group's grant). */
      fixedBecause?: (roleId: string) => string | undefined;
    },
  ) => {
    const object = (type: string) => (type === 'user' ? 'user.role' : 'group.role');
    on('GET', base, (org, { params, query }) => {
      const w = who(org, params);
      return nextPage(
        [...w.held()].map(([id, s]) => assignedJson(id, w.custom, level, s)),
        (r) => r.id,
        query,
      );
    });
    on(
      'POST',
      base,
      (org, { params, body }) => {
        const w = who(org, params, 'modified');
        const roleId = w.findRole(h.str(body, 'role_id', true)!);
        if (
          w
            .held()
            .get(roleId)
            ?.some((s) => s.principal_id === w.id)
        )
          fail(400, `The ${w.type} already holds role '${roleId}'.`, 'role_id', 'already_assigned');
        w.list.push({ principal_type: w.type, principal_id: w.id, role_id: roleId, created_at: now() });
        return { object: object(w.type), [w.type]: w.ref, role: roleJson(roleId, w.custom, level) };
      },
      ['role_id'],
    );
    on('GET', `${base}/:role_id`, (org, { params }) => {
      const w = who(org, params);
      const s = w.held().get(params.role_id!) ?? fail(404, `The ${w.type} does not hold role '${params.role_id}'.`, 'role_id', 'not_found');
      return assignedJson(params.role_id!, w.custom, level, s);
    });
    on('DELETE', `${base}/:role_id`, (org, { params }) => {
      const w = who(org, params, 'modified');
      const roleId = params.role_id!;
      const i = w.list.findIndex((a) => a.principal_type === w.type && a.principal_id === w.id && a.role_id === roleId);
      if (i < 0) {
        const why = w.fixedBecause?.(roleId);
        if (why) fail(400, why, 'role_id', 'not_assigned_directly');
        const via = w
          .held()
          .get(roleId)
          ?.find((s) => s.principal_id !== w.id);
        if (via)
          fail(
            400,
            `The role comes from group '${via.principal_id}': remove the user from that group, or the role from the group.`,
            'role_id',
            'not_assigned_directly',
          );
        fail(404, `The ${w.type} does not hold role '${roleId}'.`, 'role_id', 'not_found');
      }
      w.list.splice(i, 1);
      return { object: `${object(w.type)}.deleted`, deleted: true };
    });
  };

  assignmentRoutes('/organization/users/:user_id/roles', 'api.organization', (org, params) => {
    const u = findUser(org, params.user_id!);
    const s = orgScope(org);
    return {
      type: 'user',
      id: u.id,
      ref: orgUserJson(u),
      list: s.assignments,
      custom: s.custom,
      held: () => orgRolesOfUser(org, u),
      findRole: (id) => findOrgRole(s.custom, id),
      fixedBecause: (id) => (id === orgMemberRole(u) ? `'${PREDEFINED[id]!.name}' is the member's organization role: change their role instead.` : undefined),
    };
  });
  assignmentRoutes('/organization/groups/:group_id/roles', 'api.organization', (org, params) => {
    const g = findGroup(org, params.group_id!);
    const s = orgScope(org);
    return {
      type: 'group',
      id: g.id,
      ref: groupRef(g),
      list: s.assignments,
      custom: s.custom,
      held: () => orgRolesOfGroup(org, g),
      findRole: (id) => findOrgRole(s.custom, id),
    };
  });
  assignmentRoutes('/projects/:project_id/users/:user_id/roles', 'api.project', (org, params, action) => {
    const s = projectScope(org, params, action);
    const u = findUser(org, params.user_id!);
    const mem = h.members(org, s.project).find((x) => x.user_id === u.id);
    return {
      type: 'user',
      id: u.id,
      ref: orgUserJson(u),
      list: s.assignments,
      custom: s.custom,
      held: () => projectRolesOfUser(org, s.project, u.id),
      findRole: (id) => {
        if (!mem) fail(400, `User '${u.id}' is not a member of project '${s.project.id}': add them to the project first.`, 'user_id', 'not_a_member');
        return findProjectRole(s.custom, id);
      },
      fixedBecause: (id) =>
        mem && id === memberRole(mem.role) ? `'${PREDEFINED[id]!.name}' is the member's project role: change their role instead.` : undefined,
    };
  });
  assignmentRoutes('/projects/:project_id/groups/:group_id/roles', 'api.project', (org, params, action) => {
    const s = projectScope(org, params, action);
    const g = findGroup(org, params.group_id!);
    const grant = projectGroupOf(s.project, g.id);
    return {
      type: 'group',
      id: g.id,
      ref: groupRef(g),
      list: s.assignments,
      custom: s.custom,
      held: () => projectRolesOfGroup(s.project, g.id),
      findRole: (id) => findProjectRole(s.custom, id),
      fixedBecause: (id) =>
        id === grant.role_id ? `It is the role the group was granted the project with: grant it again with another role instead.` : undefined,
    };
  });

  // ---- a project's groups ----

  const projectGroupJson = (org: Org, p: Project, x: { group_id: string; created_at: number }) => {
    const g = groups(org).find((y) => y.id === x.group_id);
    return { object: 'project.group', project_id: p.id, group_id: x.group_id, group_name: g?.name ?? '', group_type: 'group', created_at: x.created_at };
  };
  on('GET', '/organization/projects/:project_id/groups', (org, { params, query }) => {
    const s = projectScope(org, params);
    return nextPage(
      s.grants.map((x) => projectGroupJson(org, s.project, x)),
      (x) => x.group_id,
      query,
    );
  });
  on(
    'POST',
    '/organization/projects/:project_id/groups',
    (org, { params, body }) => {
      const s = projectScope(org, params, 'modified');
      const g = findGroup(org, h.str(body, 'group_id', true)!);
      const roleId = h.str(body, 'role', true)!;
      if (!(PREDEFINED[roleId]?.level === 'api.project' || s.custom.some((r) => r.id === roleId)))
        fail(400, `Invalid 'role': '${roleId}' is not a role of project '${s.project.id}'.`, 'role', 'invalid_value');
      if (s.grants.some((x) => x.group_id === g.id)) fail(400, `Group '${g.name}' has access to the project already.`, 'group_id', 'already_exists');
      const x = { group_id: g.id, role_id: roleId, created_at: now() };
      s.grants.push(x);
      return projectGroupJson(org, s.project, x);
    },
    ['group_id', 'role'],
  );
  on('GET', '/organization/projects/:project_id/groups/:group_id', (org, { params, query }) => {
    const t = query.get('group_type');
    if (t !== null && t !== 'group' && t !== 'tenant_group')
      fail(400, `Invalid value for 'group_type': expected one of 'group', 'tenant_group'.`, 'group_type', 'invalid_value');
    const s = projectScope(org, params);
    return projectGroupJson(org, s.project, projectGroupOf(s.project, params.group_id!));
  });
  on('DELETE', '/organization/projects/:project_id/groups/:group_id', (org, { params }) => {
    const s = projectScope(org, params, 'modified');
    const x = projectGroupOf(s.project, params.group_id!);
    s.project.groups = s.grants.filter((y) => y !== x);
    // Roles assigned to the group in the project go with its access.
    s.project.assignments = s.assignments.filter((a) => !(a.principal_type === 'group' && a.principal_id === x.group_id));
    return { object: 'project.group.deleted', deleted: true };
  });
}
