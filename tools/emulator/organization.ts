// The organization's own endpoints: its members, invites and admin keys, in the shapes of OpenAI's spec
// (test/fixtures/openai-organization-openapi.json), with the rules a real organization enforces (a last
// owner stays; an accepted invite stays; a removed member leaves every project). Registered by api.ts.
import { createHash } from 'node:crypto';
import { clock } from './clock';
import type { AdminKeyRecord, Invite, Org, OrgUser } from './model';

type Handler = (org: Org, req: { params: Record<string, string>; query: URLSearchParams; body: Record<string, unknown>; key: string }) => unknown;
type Route = (method: string, path: string, handler: Handler, fields?: string[]) => void;
export interface Helpers {
  fail(status: number, message: string, param?: string | null, code?: string | null): never;
  page(items: { id: string }[], query: URLSearchParams, defaultLimit?: number): unknown;
  str(body: Record<string, unknown>, key: string, required: boolean): string | undefined;
  mint(org: Org, prefix: string, n?: number): string;
}

const now = () => Math.floor(clock.nowMs() / 1000);
const INVITE_DAYS = 7;
const YEAR = 31_536_000;

export function orgUserJson(u: OrgUser) {
  return {
    object: 'organization.user',
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    added_at: u.added_at,
    is_scim_managed: u.is_scim_managed ?? false,
    is_service_account: u.is_service_account ?? false,
    api_key_last_used_at: u.api_key_last_used_at ?? null,
  };
}

/** What the API shows of a secret: its start and last four characters, as OpenAI's `sk-admin...wxyz`. */
export const redactedOf = (secret: string) => `${secret.slice(0, 12)}...${secret.slice(-4)}`;

/** Every admin key's record; a secret with none (a seed's, an old data file's) gets one, owned by the first owner. */
export function adminKeys(org: Org): AdminKeyRecord[] {
  const records = (org.admin_key_records ??= []);
  for (const secret of org.admin_keys) {
    if (records.some((r) => r.secret === secret)) continue;
    const owner = org.users.find((u) => u.role === 'owner') ?? org.users[0];
    records.push({
      id: `key_${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`,
      name: records.length ? `Admin key ${records.length + 1}` : 'Main admin key',
      secret,
      redacted_value: redactedOf(secret),
      created_at: owner?.added_at ?? 0,
      expires_at: null,
      last_used_at: null,
      owner_id: owner?.id ?? '',
    });
  }
  return records;
}

/** Whether a request's key is one the API accepts now (listed and not expired); a use is recorded. */
export function acceptKey(org: Org, secret: string): boolean {
  if (!org.admin_keys.includes(secret)) return false;
  const r = adminKeys(org).find((x) => x.secret === secret);
  if (r?.expires_at != null && r.expires_at <= now()) return false;
  if (r) r.last_used_at = now();
  return true;
}

function adminKeyJson(org: Org, k: AdminKeyRecord) {
  const u = org.users.find((x) => x.id === k.owner_id);
  return {
    object: 'organization.admin_api_key',
    id: k.id,
    name: k.name,
    redacted_value: k.redacted_value,
    created_at: k.created_at,
    expires_at: k.expires_at,
    last_used_at: k.last_used_at,
    owner: { type: 'user', object: 'organization.user', id: k.owner_id, name: u?.name ?? '', created_at: u?.added_at ?? 0, role: 'owner' },
  };
}

/** An invite as it stands now: a pending one past its expiry reads as expired. */
function inviteJson(i: Invite) {
  const status = i.status === 'pending' && i.expires_at <= now() ? 'expired' : i.status;
  return {
    object: 'organization.invite',
    id: i.id,
    email: i.email,
    role: i.role,
    status,
    created_at: i.created_at,
    expires_at: i.expires_at,
    accepted_at: i.accepted_at,
    projects: i.projects,
  };
}

const owners = (org: Org) => org.users.filter((u) => u.role === 'owner');

/** A pending invite accepted (the test hook, as the person clicking the link): a member of the organization and of its projects. */
export function acceptInvite(org: Org, id: string, name?: string): OrgUser {
  const i = (org.invites ?? []).find((x) => x.id === id);
  if (!i) throw new Error(`no invite ${id}`);
  if (inviteJson(i).status !== 'pending') throw new Error(`invite ${id} is ${inviteJson(i).status}`);
  const t = now();
  const u: OrgUser = {
    id: `user_${createHash('sha256').update(`${i.id}/${i.email}`).digest('hex').slice(0, 24)}`,
    name: name ?? i.email.split('@')[0]!,
    email: i.email,
    role: i.role,
    added_at: t,
  };
  org.users.push(u);
  const grants = i.projects;
  for (const g of grants) {
    const p = org.projects.find((x) => x.id === g.id);
    if (p && !p.is_default && p.status === 'active' && !p.members.some((m) => m.user_id === u.id)) p.members.push({ user_id: u.id, role: g.role, added_at: t });
  }
  i.status = 'accepted';
  i.accepted_at = t;
  return u;
}

export function registerOrganization(route: Route, h: Helpers): void {
  const { fail } = h;
  const findUser = (org: Org, id: string, status = 404) =>
    org.users.find((x) => x.id === id) ?? fail(status, `No such user: '${id}'`, 'user_id', status === 404 ? 'not_found' : 'user_not_found');
  const orgRole = (v: string | undefined, param = 'role'): 'owner' | 'reader' =>
    v === 'owner' || v === 'reader' ? v : fail(400, `Invalid value for '${param}': expected one of 'owner', 'reader'.`, param, 'invalid_value');

  route('GET', '/organization/users', (org, { query }) => {
    const emails = [...query.getAll('emails'), ...query.getAll('emails[]')].map((e) => e.toLowerCase());
    const users = org.users.filter((u) => !emails.length || emails.includes(u.email.toLowerCase()));
    return h.page(users.map(orgUserJson), query);
  });

  route('GET', '/organization/users/:user_id', (org, { params }) => orgUserJson(findUser(org, params.user_id!)));

  route(
    'POST',
    '/organization/users/:user_id',
    (org, { params, body }) => {
      const u = findUser(org, params.user_id!);
      const roleId = h.str(body, 'role_id', false);
      const r = roleId ? fail(400, `No such role: '${roleId}'`, 'role_id', 'not_found') : orgRole(h.str(body, 'role', true));
      if (u.role === 'owner' && r !== 'owner' && owners(org).length === 1) fail(400, 'The organization must keep at least one owner.', 'role', 'last_owner');
      u.role = r;
      return orgUserJson(u);
    },
    ['role', 'role_id', 'technical_level', 'developer_persona'],
  );

  route('DELETE', '/organization/users/:user_id', (org, { params }) => {
    const u = findUser(org, params.user_id!);
    if (u.role === 'owner' && owners(org).length === 1) fail(400, 'The last owner of the organization cannot be removed.', 'user_id', 'last_owner');
    org.users = org.users.filter((x) => x !== u);
    // Out of every project, and their keys with them: they can no longer be used.
    for (const p of org.projects) {
      p.members = p.members.filter((m) => m.user_id !== u.id);
      p.api_keys = p.api_keys.filter((k) => k.owner.type !== 'user' || k.owner.user_id !== u.id);
    }
    const theirs = adminKeys(org).filter((k) => k.owner_id === u.id);
    org.admin_key_records = adminKeys(org).filter((k) => k.owner_id !== u.id);
    org.admin_keys = org.admin_keys.filter((s) => !theirs.some((k) => k.secret === s));
    return { object: 'organization.user.deleted', id: u.id, deleted: true };
  });

  // invites

  route('GET', '/organization/invites', (org, { query }) => h.page((org.invites ?? []).map(inviteJson), query));

  const findInvite = (org: Org, id: string) => (org.invites ?? []).find((x) => x.id === id) ?? fail(404, `No such invite: '${id}'`, 'invite_id', 'not_found');
  route('GET', '/organization/invites/:invite_id', (org, { params }) => inviteJson(findInvite(org, params.invite_id!)));

  route(
    'POST',
    '/organization/invites',
    (org, { body }) => {
      const email = h.str(body, 'email', true)!.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(400, `Invalid email address: '${email}'.`, 'email', 'invalid_email');
      const r = orgRole(h.str(body, 'role', true));
      const lower = email.toLowerCase();
      if (org.users.some((u) => u.email.toLowerCase() === lower))
        fail(400, `${email} is already a member of this organization.`, 'email', 'user_already_member');
      if ((org.invites ?? []).some((i) => i.email.toLowerCase() === lower && inviteJson(i).status === 'pending'))
        fail(400, `${email} already has a pending invite.`, 'email', 'invite_already_pending');
      const raw = body.projects;
      let projects: Invite['projects'];
      if (raw === undefined || raw === null) {
        // As the spec says: with no `projects`, the legacy default (the default project only).
        projects = org.projects.filter((p) => p.is_default).map((p) => ({ id: p.id, role: 'member' as const }));
      } else {
        if (!Array.isArray(raw)) fail(400, "Invalid type for 'projects': expected an array.", 'projects', 'invalid_type');
        projects = (raw as unknown[]).map((g, i) => {
          const o = (typeof g === 'object' && g !== null ? g : {}) as Record<string, unknown>;
          const id =
            typeof o.id === 'string' ? o.id : fail(400, `Missing required parameter: 'projects[${i}].id'.`, `projects[${i}].id`, 'missing_required_parameter');
          const role =
            o.role === 'owner' || o.role === 'member' ? o.role : fail(400, `Invalid value for 'projects[${i}].role'.`, `projects[${i}].role`, 'invalid_value');
          const p = org.projects.find((x) => x.id === id) ?? fail(404, `No such project: '${id}'`, `projects[${i}].id`, 'not_found');
          if (p.status === 'archived') fail(400, `Project ${p.id} is archived and cannot be given new users.`, `projects[${i}].id`, 'project_archived');
          return { id, role };
        });
      }
      const t = now();
      const invite: Invite = {
        id: h.mint(org, 'invite-', 20),
        email,
        role: r,
        status: 'pending',
        created_at: t,
        expires_at: t + INVITE_DAYS * 86_400,
        accepted_at: null,
        projects,
      };
      (org.invites ??= []).push(invite);
      return inviteJson(invite);
    },
    ['email', 'role', 'projects'],
  );

  route('DELETE', '/organization/invites/:invite_id', (org, { params }) => {
    const i = findInvite(org, params.invite_id!);
    if (i.status === 'accepted')
      fail(400, 'An accepted invite cannot be deleted: remove the user from the organization instead.', 'invite_id', 'invite_accepted');
    org.invites = (org.invites ?? []).filter((x) => x !== i);
    return { object: 'organization.invite.deleted', id: i.id, deleted: true };
  });

  // admin keys

  route('GET', '/organization/admin_api_keys', (org, { query }) => {
    const all = adminKeys(org).map((k) => adminKeyJson(org, k));
    return h.page(query.get('order') === 'desc' ? all.reverse() : all, query);
  });

  const findKey = (org: Org, id: string) => adminKeys(org).find((k) => k.id === id) ?? fail(404, `No such admin API key: '${id}'`, 'key_id', 'not_found');
  route('GET', '/organization/admin_api_keys/:key_id', (org, { params }) => adminKeyJson(org, findKey(org, params.key_id!)));

  route(
    'POST',
    '/organization/admin_api_keys',
    (org, { body, key }) => {
      const name = h.str(body, 'name', true)!;
      if (!name.trim()) fail(400, "Invalid 'name': must not be empty.", 'name', 'invalid_value');
      const ttl = body.expires_in_seconds;
      if (ttl !== undefined && ttl !== null && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > YEAR))
        fail(400, `Invalid 'expires_in_seconds': expected an integer between 1 and ${YEAR}.`, 'expires_in_seconds', 'invalid_value');
      const secret = h.mint(org, 'sk-admin-', 48);
      const t = now();
      // Owned by whoever holds the key that made it.
      const ownerId = adminKeys(org).find((x) => x.secret === key)?.owner_id ?? owners(org)[0]?.id ?? '';
      const k: AdminKeyRecord = {
        id: h.mint(org, 'key_', 16),
        name: name.trim(),
        secret,
        redacted_value: redactedOf(secret),
        created_at: t,
        expires_at: typeof ttl === 'number' ? t + ttl : null,
        last_used_at: null,
        owner_id: ownerId,
      };
      adminKeys(org).push(k);
      org.admin_keys.push(secret);
      return { ...adminKeyJson(org, k), value: secret };
    },
    ['name', 'expires_in_seconds'],
  );

  route('DELETE', '/organization/admin_api_keys/:key_id', (org, { params }) => {
    const k = findKey(org, params.key_id!);
    org.admin_key_records = adminKeys(org).filter((x) => x !== k);
    org.admin_keys = org.admin_keys.filter((s) => s !== k.secret);
    return { object: 'organization.admin_api_key.deleted', id: k.id, deleted: true };
  });
}
