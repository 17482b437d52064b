// The audit log: the organization's history as the seed implies it (each project, membership, service
// account and key was made by an owner in the dashboard when its timestamp says), plus an event for
// every change the emulator itself performs, made with the admin key. As the spec says of admin-key
// actions, those are associated with the default project.
import type { AuditEvent, Org, Project } from './model';
import { many } from './reports';

type Fail = (status: number, message: string, param?: string | null, code?: string | null) => never;
const now = () => Math.floor(Date.now() / 1000);

export const AUDIT_DISABLED_MESSAGE =
  'Audit logging is not enabled for this organization. An organization owner can turn it on in the organization settings, under Data controls → Data retention.';

function hash(s: string): string {
  let h = 0x811c9dc5;
  let g = 0x1000193;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    g = Math.imul(g ^ s.charCodeAt(i), 0x5bd1e995);
  }
  return (h >>> 0).toString(36) + (g >>> 0).toString(36);
}

const projectRef = (p: Project) => ({ id: p.id, name: p.name });

/** The first owner, who set the organization up in the dashboard. */
function founder(org: Org) {
  const u = org.users.find((x) => x.role === 'owner') ?? org.users[0];
  return { type: 'session', session: { user: { id: u?.id ?? 'user_unknown', email: u?.email ?? '' }, ip_address: '203.0.113.7' } };
}

/** The admin key as an actor: its tracking id (never the key) and the owner who made it. */
function adminActor(org: Org, key: string) {
  const u = org.users.find((x) => x.role === 'owner') ?? org.users[0];
  return { type: 'api_key', api_key: { id: `key_${hash(key)}`, type: 'user', user: { id: u?.id ?? 'user_unknown', email: u?.email ?? '' } } };
}

function seeded(org: Org): AuditEvent[] {
  const actor = founder(org);
  // What the emulator recorded itself is not told twice.
  const made = new Set((org.audit_events ?? []).map((r) => `${r.event.type}/${r.project_id}/${String((r.event[r.event.type] as { id: unknown }).id)}`));
  // Before any rename made here, as the project was called then.
  const ev = (type: string, at: number, p: Project, details: Record<string, unknown>): AuditEvent => ({
    id: `audit_log-${hash(`${type}/${p.id}/${String(details.id)}/${at}`)}`,
    type,
    effective_at: at,
    project: { id: p.id, name: p.created_name ?? p.name },
    actor,
    [type]: details,
  });
  return org.projects
    .flatMap((p) => [
      ev('project.created', p.created_at, p, { id: p.id, data: { name: p.created_name ?? p.name, title: p.created_name ?? p.name } }),
      ...p.members.map((m) => ev('user.added', m.added_at, p, { id: m.user_id, data: { role: m.role } })),
      ...p.service_accounts.map((s) => ev('service_account.created', s.created_at, p, { id: s.id, data: { role: s.role } })),
      ...p.api_keys.map((k) => ev('api_key.created', k.created_at, p, { id: k.id, data: { scopes: ['api.all'] } })),
      ...(p.archived_at !== null ? [ev('project.archived', p.archived_at, p, { id: p.id })] : []),
    ])
    .filter((e) => !made.has(`${e.type}/${e.project!.id}/${String((e[e.type] as { id: unknown }).id)}`));
}

/** Records what a successful write did, in the spec's event shapes. */
export function recordAudit(org: Org, key: string, route: string, params: Record<string, string>, body: Record<string, unknown>, json: unknown): void {
  const out = json as Record<string, unknown>;
  const events: [string, Record<string, unknown>][] = [];
  const P = '/organization/projects/:project_id';
  switch (route) {
    case 'POST /organization/projects':
      events.push(['project.created', { id: out.id, data: { name: out.name, title: out.name } }]);
      break;
    case `POST ${P}`:
      events.push(['project.updated', { id: params.project_id, changes_requested: { title: body.name } }]);
      break;
    case `POST ${P}/archive`:
      events.push(['project.archived', { id: params.project_id }]);
      break;
    case `POST ${P}/users`:
      events.push(['user.added', { id: out.id, data: { role: out.role } }]);
      break;
    case `POST ${P}/users/:user_id`:
      // The spec gives user.updated the project's id.
      events.push(['user.updated', { id: params.project_id, changes_requested: { role: body.role } }]);
      break;
    case `DELETE ${P}/users/:user_id`:
      events.push(['user.deleted', { id: params.user_id }]);
      break;
    case `POST ${P}/service_accounts`:
      events.push(['service_account.created', { id: out.id, data: { role: out.role } }]);
      if (out.api_key) events.push(['api_key.created', { id: (out.api_key as { id: string }).id, data: { scopes: ['api.all'] } }]);
      break;
    case `DELETE ${P}/service_accounts/:sa_id`:
      events.push(['service_account.deleted', { id: params.sa_id }]);
      break;
    case `DELETE ${P}/api_keys/:key_id`:
      events.push(['api_key.deleted', { id: params.key_id }]);
      break;
    case `POST ${P}/rate_limits/:rl_id`:
      events.push(['rate_limit.updated', { id: params.rl_id, changes_requested: body }]);
      break;
    default:
      return;
  }
  const d = org.projects.find((p) => p.is_default);
  org.audit_events ??= [];
  for (const [type, details] of events) {
    const event: AuditEvent = {
      // Ids that sort in the order of recording, so events of the same second list newest first.
      id: `audit_log-r${String(org.audit_events.length).padStart(8, '0')}${hash(`${type}/${String(details.id)}/${now()}`)}`,
      type,
      effective_at: now(),
      ...(d ? { project: projectRef(d) } : {}),
      actor: adminActor(org, key),
      [type]: details,
    };
    org.audit_events.push({ project_id: params.project_id ?? String(out.id), event });
  }
}

/** `effective_at[gte]=…` and friends. */
function range(q: URLSearchParams, fail: Fail): (t: number) => boolean {
  const bound = (op: string) => {
    const raw = q.get(`effective_at[${op}]`);
    if (raw === null) return undefined;
    if (!/^\d+$/.test(raw)) fail(400, `Invalid type for 'effective_at[${op}]': expected an integer.`, `effective_at[${op}]`, 'invalid_type');
    return Number(raw);
  };
  const [gt, gte, lt, lte] = ['gt', 'gte', 'lt', 'lte'].map(bound);
  return (t) => (gt === undefined || t > gt) && (gte === undefined || t >= gte) && (lt === undefined || t < lt) && (lte === undefined || t <= lte);
}

export function auditPage(org: Org, q: URLSearchParams, fail: Fail) {
  if (org.audit_logging === false) fail(403, AUDIT_DISABLED_MESSAGE, null, null);
  const projects = many(q, 'project_ids');
  const types = many(q, 'event_types');
  const actorIds = many(q, 'actor_ids');
  const emails = many(q, 'actor_emails').map((e) => e.toLowerCase());
  const resources = many(q, 'resource_ids');
  const within = range(q, fail);
  const actorOf = (e: AuditEvent) => {
    const a = e.actor as { session?: { user?: { id?: string; email?: string } }; api_key?: { id?: string; user?: { id?: string; email?: string } } } | null;
    return {
      ids: [a?.session?.user?.id, a?.api_key?.id, a?.api_key?.user?.id],
      email: (a?.session?.user?.email ?? a?.api_key?.user?.email ?? '').toLowerCase(),
    };
  };
  const all = [...seeded(org), ...(org.audit_events ?? []).map((r) => r.event)]
    .filter((e) => within(e.effective_at))
    .filter((e) => !projects.length || (e.project !== undefined && projects.includes(e.project.id)))
    .filter((e) => !types.length || types.includes(e.type))
    .filter((e) => !resources.length || resources.includes(String((e[e.type] as { id?: unknown } | undefined)?.id)))
    .filter((e) => !actorIds.length || actorOf(e).ids.some((i) => i !== undefined && actorIds.includes(i)))
    .filter((e) => !emails.length || emails.includes(actorOf(e).email))
    .sort((a, b) => b.effective_at - a.effective_at || (a.id < b.id ? 1 : -1));

  const rawLimit = q.get('limit');
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) fail(400, `Invalid 'limit': expected an integer between 1 and 100.`, 'limit', 'invalid_value');
  const cursor = (name: 'after' | 'before') => {
    const id = q.get(name);
    if (id === null) return undefined;
    const i = all.findIndex((e) => e.id === id);
    if (i < 0) fail(400, `Invalid '${name}': no audit log with id '${id}'.`, name, 'invalid_cursor');
    return i;
  };
  const after = cursor('after');
  const before = cursor('before');
  const start = after === undefined ? (before === undefined ? 0 : Math.max(0, before - limit)) : after + 1;
  const end = Math.min(before ?? all.length, start + limit);
  const data = all.slice(start, end);
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: end < (before ?? all.length) };
}
