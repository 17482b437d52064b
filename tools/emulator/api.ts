// The API's behaviour: routes, shapes and the rules a real organization enforces.
// Everything here is synchronous over the in-memory Org; server.ts does the HTTP around it.
import { clock } from './clock';
import { randomBytes } from 'node:crypto';
import { recordAudit } from './audit';
import type { ApiKey, Member, Org, Project, RateLimitField, ServiceAccount } from './model';
import { registerAccess } from './access';
import { registerOrganization } from './organization';
import { registerPolicy } from './policy';
import { register as registerReports } from './reports';
import { randomString, rng } from './seeds';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly type = 'invalid_request_error',
  ) {
    super(message);
  }
  body() {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export interface Request {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The admin key the request came with. */
  key: string;
}

export interface Result {
  json: unknown;
  mutated: boolean;
}

type Handler = (org: Org, req: Request) => unknown;
interface Route {
  method: string;
  /** As registered, e.g. `/organization/projects/:project_id`: names the change for the audit log. */
  path: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
  mutates: boolean;
  /** Body fields the endpoint accepts; anything else is "Unrecognized request argument". */
  fields?: string[];
}

const routes: Route[] = [];
function route(method: string, path: string, handler: Handler, fields?: string[]) {
  const keys: string[] = [];
  const pattern = new RegExp('^' + path.replace(/:(\w+)/g, (_m, k: string) => (keys.push(k), '([^/]+)')) + '$');
  routes.push({ method, path, pattern, keys, handler, mutates: method !== 'GET', fields });
}

/** `key` is the admin key the request came with: the audit log names it (by a tracking id) as the actor. */
export function dispatch(org: Org, method: string, pathname: string, query: URLSearchParams, rawBody: string, key = ''): Result {
  for (const r of routes) {
    const m = r.pattern.exec(pathname);
    if (!m || r.method !== method) continue;
    const params: Record<string, string> = {};
    try {
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
    } catch {
      throw new ApiError(400, `Invalid URL (${method} /v1${pathname}): bad percent-encoding.`);
    }
    const body = r.mutates ? parseBody(rawBody, r.fields ?? []) : {};
    const json = r.handler(org, { method, params, query, body, key });
    if (r.mutates) recordAudit(org, key, `${r.method} ${r.path}`, params, body, json);
    return { json, mutated: r.mutates };
  }
  throw new ApiError(404, `Invalid URL (${method} /v1${pathname})`);
}

function parseBody(raw: string, fields: string[]): Record<string, unknown> {
  if (!raw.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new ApiError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ApiError(400, 'The request body must be a JSON object.');
  for (const k of Object.keys(v)) {
    if (!fields.includes(k)) throw new ApiError(400, `Unrecognized request argument supplied: ${k}`, k, 'unknown_parameter');
  }
  return v as Record<string, unknown>;
}

// ---- shared helpers ----

const now = () => Math.floor(clock.nowMs() / 1000);

function mint(org: Org, prefix: string, n = 24): string {
  const next = rng(0x9e3779b9 ^ org.next_serial++);
  return prefix + randomString(next, n);
}

function findProject(org: Org, id: string): Project {
  const p = org.projects.find((x) => x.id === id);
  if (!p) throw new ApiError(404, `No such project: '${id}'`, 'project_id', 'not_found');
  return p;
}

function mutableProject(org: Org, id: string, action: string): Project {
  const p = findProject(org, id);
  if (p.status === 'archived') {
    throw new ApiError(400, `Project ${p.id} is archived and cannot be ${action}.`, null, 'project_archived');
  }
  return p;
}

function str(body: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (required) throw new ApiError(400, `Missing required parameter: '${key}'.`, key, 'missing_required_parameter');
    return undefined;
  }
  if (typeof v !== 'string') {
    throw new ApiError(400, `Invalid type for '${key}': expected a string, but got ${typeName(v)} instead.`, key, 'invalid_type');
  }
  return v;
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (Number.isInteger(v)) return 'an integer';
  if (typeof v === 'number') return 'a decimal';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function role(body: Record<string, unknown>, allowed: readonly string[]): string {
  const r = str(body, 'role', true)!;
  if (!allowed.includes(r)) {
    throw new ApiError(400, `Invalid value for 'role': expected one of ${allowed.map((a) => `'${a}'`).join(', ')}.`, 'role', 'invalid_value');
  }
  return r;
}

/** Cursor pagination as the real API does it: by id, with `has_more`, `first_id`, `last_id`. */
export function page<T extends { id: string }>(items: T[], query: URLSearchParams, defaultLimit = 20) {
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? defaultLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || rawLimit?.trim() === '') {
    throw new ApiError(400, `Invalid type for 'limit': expected an integer, but got a string instead.`, 'limit', 'invalid_type');
  }
  if (limit < 1)
    throw new ApiError(
      400,
      `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`,
      'limit',
      'integer_below_min_value',
    );
  if (limit > 100)
    throw new ApiError(
      400,
      `Invalid 'limit': integer above maximum value. Expected a value <= 100, but got ${limit} instead.`,
      'limit',
      'integer_above_max_value',
    );
  const cursor = (name: 'after' | 'before') => {
    const id = query.get(name);
    if (id === null) return undefined;
    const i = items.findIndex((x) => x.id === id);
    if (i < 0) throw new ApiError(400, `Invalid '${name}': no object with id '${id}' in this list.`, name, 'invalid_cursor');
    return i;
  };
  const after = cursor('after');
  const before = cursor('before');
  let data: T[];
  let has_more: boolean;
  if (before !== undefined && after === undefined) {
    const start = Math.max(0, before - limit);
    data = items.slice(start, before);
    has_more = start > 0;
  } else {
    const start = after === undefined ? 0 : after + 1;
    const end = Math.min(before ?? items.length, start + limit);
    data = items.slice(start, end);
    has_more = end < (before ?? items.length);
  }
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more };
}

// ---- shapes ----

function projectJson(p: Project) {
  return {
    id: p.id,
    object: 'organization.project',
    name: p.name,
    created_at: p.created_at,
    archived_at: p.archived_at,
    status: p.status,
    ...(p.residency ? { residency: p.residency } : {}),
  };
}

/** The default project holds every organization member, with the organization role mapped. */
function members(org: Org, p: Project): Member[] {
  if (!p.is_default) return p.members;
  return org.users.map((u) => ({ user_id: u.id, role: u.role === 'owner' ? 'owner' : 'member', added_at: u.added_at }));
}

function memberJson(org: Org, m: Member) {
  const u = org.users.find((x) => x.id === m.user_id);
  return { object: 'organization.project.user', id: m.user_id, name: u?.name ?? null, email: u?.email ?? null, role: m.role, added_at: m.added_at };
}

function keyJson(org: Org, p: Project, k: ApiKey) {
  const base = {
    object: 'organization.project.api_key',
    redacted_value: k.redacted_value,
    name: k.name,
    created_at: k.created_at,
    last_used_at: k.last_used_at,
    id: k.id,
    ...(k.expires_at != null ? { expires_at: k.expires_at } : {}),
  };
  if (k.owner.type === 'service_account') {
    const id = k.owner.service_account_id;
    const sa = p.service_accounts.find((s) => s.id === id)!;
    return {
      ...base,
      owner_project_access: 'active',
      owner: { type: 'service_account', service_account: { id: sa.id, name: sa.name, created_at: sa.created_at, role: sa.role } },
    };
  }
  const uid = k.owner.user_id;
  const u = org.users.find((x) => x.id === uid);
  const m = members(org, p).find((x) => x.user_id === uid);
  return {
    ...base,
    owner_project_access: m ? 'active' : 'inactive',
    owner: {
      type: 'user',
      user: { id: uid, email: u?.email ?? '', name: u?.name ?? '', created_at: u?.added_at ?? 0, role: m?.role ?? k.owner.role },
    },
  };
}

function rateLimitJson(r: { id: string; model: string; limits: Partial<Record<RateLimitField, number>> }) {
  return { object: 'project.rate_limit', id: r.id, model: r.model, ...r.limits };
}

// ---- routes ----

const PROJ = '/organization/projects/:project_id';

route('GET', '/organization/projects', (org, { query }) => {
  const all = query.get('include_archived') === 'true';
  return page(org.projects.filter((p) => all || p.status !== 'archived').map(projectJson), query);
});

route(
  'POST',
  '/organization/projects',
  (org, { body }) => {
    const name = str(body, 'name', true)!.trim();
    if (!name) throw new ApiError(400, "Invalid 'name': string too short. Expected a string with minimum length 1.", 'name', 'string_below_min_length');
    const residency = str(body, 'residency', false);
    str(body, 'external_key_id', false);
    const p: Project = {
      id: mint(org, 'proj_'),
      name,
      created_at: now(),
      archived_at: null,
      status: 'active',
      is_default: false,
      ...(residency ? { residency } : {}),
      members: [],
      service_accounts: [],
      api_keys: [],
      rate_limits: Object.entries(org.org_limits).map(([model, limits]) => ({ id: `rl-${model}`, model, limits: { ...limits } })),
    };
    org.projects.push(p);
    return projectJson(p);
  },
  ['name', 'residency', 'external_key_id'],
);

route('GET', PROJ, (org, { params }) => projectJson(findProject(org, params.project_id!)));

route(
  'POST',
  PROJ,
  (org, { params, body }) => {
    const p = mutableProject(org, params.project_id!, 'modified');
    const name = str(body, 'name', false);
    str(body, 'external_key_id', false);
    if (name !== undefined) {
      if (p.is_default) throw new ApiError(400, 'The default project cannot be renamed.', 'name', 'default_project');
      if (!name.trim())
        throw new ApiError(400, "Invalid 'name': string too short. Expected a string with minimum length 1.", 'name', 'string_below_min_length');
      // The seeded history says what the project was called when it happened.
      p.created_name ??= p.name;
      p.name = name.trim();
    }
    return projectJson(p);
  },
  ['name', 'external_key_id'],
);

route('POST', `${PROJ}/archive`, (org, { params }) => {
  const p = findProject(org, params.project_id!);
  if (p.is_default) throw new ApiError(400, 'The default project cannot be archived.', null, 'default_project');
  if (p.status === 'archived') throw new ApiError(400, `Project ${p.id} is already archived.`, null, 'project_archived');
  p.status = 'archived';
  p.archived_at = now();
  return projectJson(p);
});

// users

route('GET', `${PROJ}/users`, (org, { params, query }) => {
  const p = findProject(org, params.project_id!);
  return page(
    members(org, p).map((m) => memberJson(org, m)),
    query,
  );
});

route(
  'POST',
  `${PROJ}/users`,
  (org, { params, body }) => {
    const p = mutableProject(org, params.project_id!, 'given new users');
    const userId = str(body, 'user_id', false);
    const email = str(body, 'email', false);
    const r = role(body, ['owner', 'member']) as Member['role'];
    if (p.is_default)
      throw new ApiError(400, 'Users cannot be added to the default project directly: every organization member is already in it.', null, 'default_project');
    if (!userId && !email) throw new ApiError(400, "Missing required parameter: 'user_id'.", 'user_id', 'missing_required_parameter');
    const u = org.users.find((x) => (userId ? x.id === userId : x.email.toLowerCase() === email!.toLowerCase()));
    if (!u)
      throw new ApiError(
        400,
        `User ${userId ?? email} is not a member of this organization. Invite them to the organization first.`,
        userId ? 'user_id' : 'email',
        'user_not_in_organization',
      );
    if (p.members.some((m) => m.user_id === u.id))
      throw new ApiError(400, `User ${u.id} is already a member of project ${p.id}.`, 'user_id', 'user_already_in_project');
    const m: Member = { user_id: u.id, role: r, added_at: now() };
    p.members.push(m);
    return memberJson(org, m);
  },
  ['user_id', 'email', 'role'],
);

function findMember(org: Org, p: Project, userId: string, status = 404): Member {
  const m = members(org, p).find((x) => x.user_id === userId);
  if (!m) throw new ApiError(status, `User ${userId} is not a member of project ${p.id}.`, 'user_id', status === 404 ? 'not_found' : 'user_not_in_project');
  return m;
}

route('GET', `${PROJ}/users/:user_id`, (org, { params }) => memberJson(org, findMember(org, findProject(org, params.project_id!), params.user_id!)));

route(
  'POST',
  `${PROJ}/users/:user_id`,
  (org, { params, body }) => {
    const p = mutableProject(org, params.project_id!, 'modified');
    const r = role(body, ['owner', 'member']) as Member['role'];
    const m = findMember(org, p, params.user_id!, 400);
    if (p.is_default) throw new ApiError(400, 'Roles in the default project follow the organization role and cannot be changed here.', null, 'default_project');
    m.role = r;
    return memberJson(org, m);
  },
  ['role'],
);

route('DELETE', `${PROJ}/users/:user_id`, (org, { params }) => {
  const p = mutableProject(org, params.project_id!, 'modified');
  findMember(org, p, params.user_id!, 400);
  if (p.is_default) throw new ApiError(400, 'Users cannot be removed from the default project.', null, 'default_project');
  p.members = p.members.filter((m) => m.user_id !== params.user_id);
  return { object: 'organization.project.user.deleted', id: params.user_id, deleted: true };
});

// service accounts

const saJson = (s: Project['service_accounts'][number]) => ({
  object: 'organization.project.service_account',
  id: s.id,
  name: s.name,
  role: s.role,
  created_at: s.created_at,
});

route('GET', `${PROJ}/service_accounts`, (org, { params, query }) => page(findProject(org, params.project_id!).service_accounts.map(saJson), query));

route(
  'POST',
  `${PROJ}/service_accounts`,
  (org, { params, body }) => {
    const p = mutableProject(org, params.project_id!, 'given new service accounts');
    const name = str(body, 'name', true)!.trim();
    const only = body.create_service_account_only;
    if (only !== undefined && only !== null && typeof only !== 'boolean')
      throw new ApiError(
        400,
        `Invalid type for 'create_service_account_only': expected a boolean, but got ${typeName(only)} instead.`,
        'create_service_account_only',
        'invalid_type',
      );
    if (!name) throw new ApiError(400, "Invalid 'name': string too short. Expected a string with minimum length 1.", 'name', 'string_below_min_length');
    if (p.is_default) throw new ApiError(400, 'Service accounts cannot be created in the default project.', null, 'default_project');
    const at = now();
    const sa: ServiceAccount = { id: mint(org, 'svc_acct_'), name, role: only ? 'none' : 'member', created_at: at };
    p.service_accounts.push(sa);
    if (only) return { ...saJson(sa), api_key: null };
    const value = `sk-svcacct-${randomBytes(36).toString('base64url')}`;
    const key: ApiKey = {
      id: mint(org, 'key_', 16),
      name: 'Secret Key',
      redacted_value: `${value.slice(0, 14)}...${value.slice(-4)}`,
      created_at: at,
      last_used_at: null,
      owner: { type: 'service_account', service_account_id: sa.id },
    };
    p.api_keys.push(key);
    return { ...saJson(sa), api_key: { object: 'organization.project.service_account.api_key', value, name: key.name, created_at: at, id: key.id } };
  },
  ['name', 'create_service_account_only'],
);

function findSa(p: Project, id: string) {
  const s = p.service_accounts.find((x) => x.id === id);
  if (!s) throw new ApiError(404, `No such service account: '${id}'`, 'service_account_id', 'not_found');
  return s;
}

route('GET', `${PROJ}/service_accounts/:sa_id`, (org, { params }) => saJson(findSa(findProject(org, params.project_id!), params.sa_id!)));

route('DELETE', `${PROJ}/service_accounts/:sa_id`, (org, { params }) => {
  const p = mutableProject(org, params.project_id!, 'modified');
  const s = findSa(p, params.sa_id!);
  p.service_accounts = p.service_accounts.filter((x) => x !== s);
  p.api_keys = p.api_keys.filter((k) => !(k.owner.type === 'service_account' && k.owner.service_account_id === s.id));
  return { object: 'organization.project.service_account.deleted', id: s.id, deleted: true };
});

// API keys

route('GET', `${PROJ}/api_keys`, (org, { params, query }) => {
  const p = findProject(org, params.project_id!);
  const access = query.get('owner_project_access');
  const keys = p.api_keys.map((k) => keyJson(org, p, k)).filter((k) => !access || k.owner_project_access === access);
  return page(keys, query);
});

function findKey(p: Project, id: string) {
  const k = p.api_keys.find((x) => x.id === id);
  if (!k) throw new ApiError(404, `No such API key: '${id}'`, 'api_key_id', 'not_found');
  return k;
}

route('GET', `${PROJ}/api_keys/:key_id`, (org, { params }) => {
  const p = findProject(org, params.project_id!);
  return keyJson(org, p, findKey(p, params.key_id!));
});

route('DELETE', `${PROJ}/api_keys/:key_id`, (org, { params }) => {
  const p = findProject(org, params.project_id!);
  const k = findKey(p, params.key_id!);
  // The SDK's types (newer than the spec, which refuses): a service account's key may go on its own; the
  // account and its other keys stay.
  p.api_keys = p.api_keys.filter((x) => x !== k);
  return { object: 'organization.project.api_key.deleted', id: k.id, deleted: true };
});

// rate limits

route('GET', `${PROJ}/rate_limits`, (org, { params, query }) => page(findProject(org, params.project_id!).rate_limits.map(rateLimitJson), query, 100));

route(
  'POST',
  `${PROJ}/rate_limits/:rl_id`,
  (org, { params, body }) => {
    const p = mutableProject(org, params.project_id!, 'modified');
    const rl = p.rate_limits.find((r) => r.id === params.rl_id);
    if (!rl) throw new ApiError(404, `No such rate limit: '${params.rl_id}'`, 'rate_limit_id', 'not_found');
    const ceiling = org.org_limits[rl.model] ?? {};
    const next = { ...rl.limits };
    for (const [field, v] of Object.entries(body) as [RateLimitField, unknown][]) {
      if (!(field in rl.limits)) throw new ApiError(400, `'${field}' does not apply to model ${rl.model}.`, field, 'invalid_value');
      if (typeof v !== 'number' || !Number.isInteger(v))
        throw new ApiError(400, `Invalid type for '${field}': expected an integer, but got ${typeName(v)} instead.`, field, 'invalid_type');
      if (v < 0)
        throw new ApiError(
          400,
          `Invalid '${field}': integer below minimum value. Expected a value >= 0, but got ${v} instead.`,
          field,
          'integer_below_min_value',
        );
      const max = ceiling[field];
      if (max !== undefined && v > max)
        throw new ApiError(
          400,
          `'${field}' of ${v} is above the organization's limit of ${max} for ${rl.model}.`,
          field,
          'rate_limit_above_organization_limit',
        );
      next[field] = v;
    }
    rl.limits = next;
    return rateLimitJson(rl);
  },
  [
    'max_requests_per_1_minute',
    'max_tokens_per_1_minute',
    'max_images_per_1_minute',
    'max_audio_megabytes_per_1_minute',
    'max_requests_per_1_day',
    'batch_1_day_max_input_tokens',
  ],
);

registerOrganization(route, {
  fail: (status, message, param = null, code = null) => {
    throw new ApiError(status, message, param, code);
  },
  page,
  str,
  mint,
});

registerPolicy(route, {
  fail: (status, message, param = null, code = null) => {
    throw new ApiError(status, message, param, code);
  },
  page,
  mint,
  project: (org, id, action) => (action ? mutableProject(org, id, action) : findProject(org, id)),
  serviceAccount: findSa,
  apiKey: findKey,
  keyJson,
  saJson,
});

registerAccess(route, {
  fail: (status, message, param = null, code = null) => {
    throw new ApiError(status, message, param, code);
  },
  str,
  mint,
  project: (org, id, action) => (action ? mutableProject(org, id, action) : findProject(org, id)),
  members,
});

registerReports(route, (status, message, param = null, code = null) => {
  throw new ApiError(status, message, param, code);
});
