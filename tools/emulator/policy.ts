// A project's and the organization's policy: hard spend limits and spend alerts, model and hosted-tool
// permissions, data retention, service tiers; and the service-account and key writes that came with
// them (rename and role, another key, a key's scopes and expiry). Shapes: test/fixtures/openai-policy-
// openapi.json and, for what the public spec has not yet, test/fixtures/openai-sdk-policy-shapes.json.
// Decisions where neither says (CONTRIBUTING, "Policy"): reading a limit or a retention that was never
// set answers 404; a project's limit may not be above the organization's; a service tier made the
// default must be enabled.
import { randomBytes } from 'node:crypto';
import { clock } from './clock';
import type { ApiKey, HostedTool, Org, Project, ProjectPolicy, ServiceAccount, SpendAlert } from './model';
import { costsOf, DAY, usageOn } from './usage';

type Handler = (org: Org, req: { params: Record<string, string>; query: URLSearchParams; body: Record<string, unknown>; key: string }) => unknown;
type Route = (method: string, path: string, handler: Handler, fields?: string[]) => void;
export interface PolicyHelpers {
  fail(status: number, message: string, param?: string | null, code?: string | null): never;
  page(items: { id: string }[], query: URLSearchParams, defaultLimit?: number): unknown;
  mint(org: Org, prefix: string, n?: number): string;
  project(org: Org, id: string, action?: string): Project;
  serviceAccount(p: Project, id: string): ServiceAccount;
  apiKey(p: Project, id: string): ApiKey;
  keyJson(org: Org, p: Project, k: ApiKey): unknown;
  saJson(s: ServiceAccount): unknown;
}

const now = () => Math.floor(clock.nowMs() / 1000);
export const TOOLS: readonly HostedTool[] = ['file_search', 'web_search', 'image_generation', 'mcp', 'code_interpreter'];
const ORG_RETENTION = ['zero_data_retention', 'modified_abuse_monitoring', 'enhanced_zero_data_retention', 'enhanced_modified_abuse_monitoring'];
const PROJECT_RETENTION = ['organization_default', 'none', ...ORG_RETENTION];
const DEFAULT_TIERS = ['standard', 'fast', 'scale'];
const OPTIONAL_TIERS = ['flex', 'fast', 'ultrafast'];
/** At most this many alerts per organization or project (the spec gives no number). */
export const MAX_ALERTS = 10;
const YEAR = 31_536_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Month-to-date cost in cents, of one project or (no id) the organization, from the emulator's own usage. */
export function monthToDateCents(org: Org, projectId?: string): number {
  const t = now();
  const d = new Date(t * 1000);
  const ids = projectId ? new Set([projectId]) : undefined;
  let dollars = 0;
  for (let day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000; day <= t; day += DAY)
    for (const u of usageOn(org, day, ids)) for (const c of costsOf(u)) dollars += c.value;
  return Math.round(dollars * 100);
}

export function registerPolicy(route: Route, h: PolicyHelpers): void {
  const fail: PolicyHelpers['fail'] = (...a) => h.fail(...a);
  const P = '/organization/projects/:project_id';
  const int = (body: Record<string, unknown>, key: string, min: number) => {
    const v = body[key];
    if (v === undefined || v === null) fail(400, `Missing required parameter: '${key}'.`, key, 'missing_required_parameter');
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(400, `Invalid type for '${key}': expected an integer.`, key, 'invalid_type');
    if (v < min) fail(400, `Invalid '${key}': integer below minimum value. Expected a value >= ${min}, but got ${v} instead.`, key, 'integer_below_min_value');
    return v;
  };
  const oneOf = (body: Record<string, unknown>, key: string, allowed: readonly string[], required = true): string | undefined => {
    const v = body[key];
    if (v === undefined || v === null) {
      if (required) fail(400, `Missing required parameter: '${key}'.`, key, 'missing_required_parameter');
      return undefined;
    }
    if (typeof v !== 'string' || !allowed.includes(v))
      fail(400, `Invalid value for '${key}': expected one of ${allowed.map((a) => `'${a}'`).join(', ')}.`, key, 'invalid_value');
    return v;
  };
  const strings = (body: Record<string, unknown>, key: string): string[] | undefined => {
    const v = body[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(400, `Invalid type for '${key}': expected an array of strings.`, key, 'invalid_type');
    return v as string[];
  };
  const policy = (p: Project): ProjectPolicy => (p.policy ??= {});

  // ---- hard spend limits ----

  const limitJson = (object: string, cents: number, spent: number) => ({
    object,
    threshold_amount: cents,
    currency: 'USD',
    interval: 'month',
    enforcement: { status: spent >= cents ? 'enforcing' : 'inactive' },
  });
  const limitBody = (body: Record<string, unknown>) => {
    const cents = int(body, 'threshold_amount', 1);
    oneOf(body, 'currency', ['USD']);
    oneOf(body, 'interval', ['month']);
    return cents;
  };
  const noLimit = (whose: string): never => fail(404, `No hard spend limit is set for ${whose}.`, null, 'spend_limit_not_set');
  const LIMIT_FIELDS = ['threshold_amount', 'currency', 'interval'];

  route('GET', '/organization/spend_limit', (org) =>
    org.spend_limit === undefined ? noLimit('this organization') : limitJson('organization.spend_limit', org.spend_limit, monthToDateCents(org)),
  );
  route(
    'POST',
    '/organization/spend_limit',
    (org, { body }) => {
      const cents = limitBody(body);
      const below = org.projects.filter((p) => (p.policy?.spend_limit ?? 0) > cents);
      if (below.length)
        fail(
          400,
          `The organization's limit cannot be below a project's: ${below.map((p) => p.id).join(', ')}.`,
          'threshold_amount',
          'spend_limit_below_project_limit',
        );
      org.spend_limit = cents;
      return limitJson('organization.spend_limit', cents, monthToDateCents(org));
    },
    LIMIT_FIELDS,
  );
  route('DELETE', '/organization/spend_limit', (org) => {
    if (org.spend_limit === undefined) noLimit('this organization');
    delete org.spend_limit;
    return { object: 'organization.spend_limit.deleted', deleted: true };
  });

  route('GET', `${P}/spend_limit`, (org, { params }) => {
    const p = h.project(org, params.project_id!);
    const cents = p.policy?.spend_limit;
    return cents === undefined ? noLimit(`project ${p.id}`) : limitJson('project.spend_limit', cents, monthToDateCents(org, p.id));
  });
  route(
    'POST',
    `${P}/spend_limit`,
    (org, { params, body }) => {
      const p = h.project(org, params.project_id!, 'modified');
      const cents = limitBody(body);
      if (org.spend_limit !== undefined && cents > org.spend_limit)
        fail(
          400,
          `A project's limit of ${cents} cents is above the organization's limit of ${org.spend_limit} cents.`,
          'threshold_amount',
          'spend_limit_above_organization_limit',
        );
      policy(p).spend_limit = cents;
      return limitJson('project.spend_limit', cents, monthToDateCents(org, p.id));
    },
    LIMIT_FIELDS,
  );
  route('DELETE', `${P}/spend_limit`, (org, { params }) => {
    const p = h.project(org, params.project_id!, 'modified');
    if (p.policy?.spend_limit === undefined) noLimit(`project ${p.id}`);
    delete policy(p).spend_limit;
    return { object: 'project.spend_limit.deleted', deleted: true };
  });

  // ---- spend alerts ----

  const alertJson = (object: string, a: SpendAlert) => ({
    id: a.id,
    object,
    threshold_amount: a.threshold_amount,
    currency: 'USD',
    interval: 'month',
    notification_channel: { type: 'email', recipients: a.recipients, subject_prefix: a.subject_prefix },
  });
  const alertBody = (body: Record<string, unknown>): Omit<SpendAlert, 'id'> => {
    const threshold_amount = int(body, 'threshold_amount', 0);
    oneOf(body, 'currency', ['USD']);
    oneOf(body, 'interval', ['month']);
    const ch = body.notification_channel;
    if (ch === undefined || ch === null) fail(400, "Missing required parameter: 'notification_channel'.", 'notification_channel', 'missing_required_parameter');
    if (typeof ch !== 'object' || Array.isArray(ch))
      fail(400, "Invalid type for 'notification_channel': expected an object.", 'notification_channel', 'invalid_type');
    const c = ch as Record<string, unknown>;
    for (const k of Object.keys(c))
      if (!['type', 'recipients', 'subject_prefix'].includes(k))
        fail(400, `Unrecognized request argument supplied: notification_channel.${k}`, `notification_channel.${k}`, 'unknown_parameter');
    oneOf(c, 'type', ['email']);
    const recipients = strings(c, 'recipients');
    if (!recipients)
      fail(400, "Missing required parameter: 'notification_channel.recipients'.", 'notification_channel.recipients', 'missing_required_parameter');
    if (!recipients.length) fail(400, 'A spend alert needs at least one recipient.', 'notification_channel.recipients', 'invalid_value');
    const bad = recipients.find((r) => !EMAIL.test(r));
    if (bad !== undefined) fail(400, `'${bad}' is not an email address.`, 'notification_channel.recipients', 'invalid_email');
    const prefix = c.subject_prefix;
    if (prefix !== undefined && prefix !== null && typeof prefix !== 'string')
      fail(400, "Invalid type for 'notification_channel.subject_prefix': expected a string.", 'notification_channel.subject_prefix', 'invalid_type');
    return { threshold_amount, recipients, subject_prefix: prefix ?? null };
  };
  const ALERT_FIELDS = ['threshold_amount', 'currency', 'interval', 'notification_channel'];

  const alerts = (base: string, object: string, list: (org: Org, params: Record<string, string>, action?: string) => SpendAlert[]) => {
    const find = (org: Org, params: Record<string, string>, action?: string) => {
      const a = list(org, params, action).find((x) => x.id === params.alert_id);
      if (!a) fail(404, `No such spend alert: '${params.alert_id}'`, 'alert_id', 'not_found');
      return a;
    };
    route('GET', base, (org, { params, query }) => {
      const all = list(org, params).map((a) => alertJson(object, a));
      return h.page(query.get('order') === 'desc' ? all.reverse() : all, query);
    });
    route(
      'POST',
      base,
      (org, { params, body }) => {
        const items = list(org, params, 'modified');
        const a = { id: h.mint(org, 'spend_alert_'), ...alertBody(body) };
        if (items.length >= MAX_ALERTS) fail(400, `At most ${MAX_ALERTS} spend alerts can be set.`, null, 'too_many_spend_alerts');
        if (items.some((x) => x.threshold_amount === a.threshold_amount))
          fail(400, `A spend alert at ${a.threshold_amount} cents already exists.`, 'threshold_amount', 'spend_alert_exists');
        items.push(a);
        return alertJson(object, a);
      },
      ALERT_FIELDS,
    );
    route('GET', `${base}/:alert_id`, (org, { params }) => alertJson(object, find(org, params)));
    route(
      'POST',
      `${base}/:alert_id`,
      (org, { params, body }) => {
        const a = find(org, params, 'modified');
        const next = alertBody(body);
        if (list(org, params).some((x) => x !== a && x.threshold_amount === next.threshold_amount))
          fail(400, `A spend alert at ${next.threshold_amount} cents already exists.`, 'threshold_amount', 'spend_alert_exists');
        Object.assign(a, next);
        return alertJson(object, a);
      },
      ALERT_FIELDS,
    );
    route('DELETE', `${base}/:alert_id`, (org, { params }) => {
      const a = find(org, params, 'modified');
      const items = list(org, params, 'modified');
      items.splice(items.indexOf(a), 1);
      return { id: a.id, object: `${object}.deleted`, deleted: true };
    });
  };
  alerts('/organization/spend_alerts', 'organization.spend_alert', (org) => (org.spend_alerts ??= []));
  alerts(`${P}/spend_alerts`, 'project.spend_alert', (org, params, action) => (policy(h.project(org, params.project_id!, action)).spend_alerts ??= []));

  // ---- model and hosted-tool permissions ----

  const modelsJson = (p: Project) => ({
    object: 'project.model_permissions',
    mode: p.policy?.models?.mode ?? 'deny_list',
    model_ids: p.policy?.models?.model_ids ?? [],
  });
  route('GET', `${P}/model_permissions`, (org, { params }) => modelsJson(h.project(org, params.project_id!)));
  route(
    'POST',
    `${P}/model_permissions`,
    (org, { params, body }) => {
      const p = h.project(org, params.project_id!, 'modified');
      const mode = oneOf(body, 'mode', ['allow_list', 'deny_list']) as 'allow_list' | 'deny_list';
      const ids = strings(body, 'model_ids');
      if (!ids) fail(400, "Missing required parameter: 'model_ids'.", 'model_ids', 'missing_required_parameter');
      if (ids.some((m) => !m.trim())) fail(400, "Invalid 'model_ids': a model id is empty.", 'model_ids', 'invalid_value');
      policy(p).models = { mode, model_ids: [...new Set(ids.map((m) => m.trim()))] };
      return modelsJson(p);
    },
    ['mode', 'model_ids'],
  );
  route('DELETE', `${P}/model_permissions`, (org, { params }) => {
    const p = h.project(org, params.project_id!, 'modified');
    delete policy(p).models;
    return { object: 'project.model_permissions.deleted', deleted: true };
  });

  const toolsJson = (p: Project) => Object.fromEntries(TOOLS.map((t) => [t, { enabled: !(p.policy?.tools_off ?? []).includes(t) }]));
  route('GET', `${P}/hosted_tool_permissions`, (org, { params }) => toolsJson(h.project(org, params.project_id!)));
  route(
    'POST',
    `${P}/hosted_tool_permissions`,
    (org, { params, body }) => {
      const p = h.project(org, params.project_id!, 'modified');
      const off = new Set(p.policy?.tools_off ?? []);
      for (const t of TOOLS) {
        const v = body[t];
        if (v === undefined || v === null) continue;
        const enabled = typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>).enabled : undefined;
        if (typeof enabled !== 'boolean') fail(400, `Invalid '${t}': expected an object with a boolean 'enabled'.`, t, 'invalid_type');
        if (enabled) off.delete(t);
        else off.add(t);
      }
      policy(p).tools_off = TOOLS.filter((t) => off.has(t));
      return toolsJson(p);
    },
    [...TOOLS],
  );

  // ---- data retention ----

  route('GET', '/organization/data_retention', (org) =>
    org.data_retention === undefined
      ? fail(404, 'This organization has no data-retention arrangement.', null, 'data_retention_not_set')
      : { object: 'organization.data_retention', type: org.data_retention },
  );
  route(
    'POST',
    '/organization/data_retention',
    (org, { body }) => {
      org.data_retention = oneOf(body, 'retention_type', ORG_RETENTION)!;
      return { object: 'organization.data_retention', type: org.data_retention };
    },
    ['retention_type'],
  );
  const retentionJson = (p: Project) => ({ object: 'project.data_retention', type: p.policy?.data_retention ?? 'organization_default' });
  route('GET', `${P}/data_retention`, (org, { params }) => retentionJson(h.project(org, params.project_id!)));
  route(
    'POST',
    `${P}/data_retention`,
    (org, { params, body }) => {
      const p = h.project(org, params.project_id!, 'modified');
      policy(p).data_retention = oneOf(body, 'retention_type', PROJECT_RETENTION)!;
      return retentionJson(p);
    },
    ['retention_type'],
  );

  // ---- service tiers (the SDK's types) ----

  const tiersJson = (p: Project) => ({
    object: 'project.service_tier_settings',
    default: p.policy?.service_tiers?.default ?? 'standard',
    enabled_tiers: p.policy?.service_tiers?.enabled_tiers ?? 'all',
  });
  route('GET', `${P}/service_tier_settings`, (org, { params }) => tiersJson(h.project(org, params.project_id!)));
  route(
    'POST',
    `${P}/service_tier_settings`,
    (org, { params, body }) => {
      const p = h.project(org, params.project_id!, 'modified');
      const cur = tiersJson(p);
      const def = oneOf(body, 'default', DEFAULT_TIERS, false) ?? cur.default;
      let enabled: 'all' | string[] = cur.enabled_tiers;
      if (body.enabled_tiers !== undefined) {
        const v = body.enabled_tiers;
        if (v === 'all') enabled = 'all';
        else if (Array.isArray(v) && v.every((x) => typeof x === 'string' && OPTIONAL_TIERS.includes(x))) enabled = [...new Set(v as string[])];
        else
          fail(
            400,
            `Invalid 'enabled_tiers': expected 'all' or an array of ${OPTIONAL_TIERS.map((t) => `'${t}'`).join(', ')}.`,
            'enabled_tiers',
            'invalid_value',
          );
      }
      if (def !== 'standard' && enabled !== 'all' && !enabled.includes(def))
        fail(400, `The default tier '${def}' must be one of the enabled tiers.`, 'default', 'default_tier_not_enabled');
      policy(p).service_tiers = { default: def, enabled_tiers: enabled };
      return tiersJson(p);
    },
    ['default', 'enabled_tiers'],
  );

  // ---- service accounts and keys ----

  route(
    'POST',
    `${P}/service_accounts/:sa_id`,
    (org, { params, body }) => {
      const p = h.project(org, params.project_id!, 'modified');
      const s = h.serviceAccount(p, params.sa_id!);
      const name = body.name;
      if (name !== undefined && (typeof name !== 'string' || !name.trim()))
        fail(400, "Invalid 'name': string too short. Expected a string with minimum length 1.", 'name', 'string_below_min_length');
      const role = oneOf(body, 'role', ['member', 'owner'], false) as ServiceAccount['role'] | undefined;
      if (typeof name === 'string') s.name = name.trim();
      if (role) s.role = role;
      return h.saJson(s);
    },
    ['name', 'role'],
  );

  route(
    'POST',
    `${P}/service_accounts/:sa_id/api_keys`,
    (org, { params, body }) => {
      const p = h.project(org, params.project_id!, 'modified');
      const s = h.serviceAccount(p, params.sa_id!);
      const name = body.name === undefined ? 'Secret Key' : body.name;
      if (typeof name !== 'string' || !name.trim()) fail(400, "Invalid 'name': expected a non-empty string.", 'name', 'invalid_value');
      const scopes = strings(body, 'scopes');
      const value = `sk-svcacct-${randomBytes(36).toString('base64url')}`;
      const at = now();
      const key: ApiKey = {
        id: h.mint(org, 'key_', 16),
        name: name.trim(),
        redacted_value: `${value.slice(0, 14)}...${value.slice(-4)}`,
        created_at: at,
        last_used_at: null,
        ...(scopes ? { scopes } : {}),
        owner: { type: 'service_account', service_account_id: s.id },
      };
      p.api_keys.push(key);
      return { object: 'organization.project.service_account.api_key', value, name: key.name, created_at: at, id: key.id };
    },
    ['name', 'scopes'],
  );

  route(
    'POST',
    `${P}/api_keys/:key_id`,
    (org, { params, body }) => {
      const p = h.project(org, params.project_id!, 'modified');
      const k = h.apiKey(p, params.key_id!);
      const scopes = strings(body, 'scopes');
      const secs = body.expires_in_seconds === undefined ? undefined : int(body, 'expires_in_seconds', 1);
      if (scopes === undefined && secs === undefined)
        fail(400, "Provide at least one of 'scopes' or 'expires_in_seconds'.", null, 'missing_required_parameter');
      if (secs !== undefined && secs > YEAR) fail(400, "Invalid 'expires_in_seconds': at most a year.", 'expires_in_seconds', 'invalid_value');
      if (k.expires_at != null && k.expires_at <= now()) fail(400, `API key ${k.id} has expired and cannot be updated.`, 'api_key_id', 'api_key_expired');
      if (scopes !== undefined) k.scopes = scopes;
      if (secs !== undefined) k.expires_at = now() + secs;
      return h.keyJson(org, p, k);
    },
    ['scopes', 'expires_in_seconds'],
  );
}
