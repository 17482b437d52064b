// The reporting endpoints: costs, usage and the audit log, in the shapes of OpenAI's spec
// (test/fixtures/openai-usage-openapi.json). Registered by api.ts through `register`, so this module
// needs nothing of api.ts at load time.
import type { Org } from './model';
import { auditPage } from './audit';
import { costsOf, DAY, usageOn, type UsageRow } from './usage';

type Query = URLSearchParams;
type Route = (method: string, path: string, handler: (org: Org, req: { query: Query }) => unknown) => void;
type Fail = (status: number, message: string, param?: string | null, code?: string | null) => never;

const now = () => Math.floor(Date.now() / 1000);

/** `name` and `name[]` both: the API's filters are arrays, sent either way. */
export function many(q: Query, name: string): string[] {
  return [...q.getAll(name), ...q.getAll(`${name}[]`)].flatMap((v) => v.split(',')).filter(Boolean);
}

function int(q: Query, name: string, fail: Fail, required = false): number | undefined {
  const raw = q.get(name);
  if (raw === null) {
    if (required) fail(400, `Missing required parameter: '${name}'.`, name, 'missing_required_parameter');
    return undefined;
  }
  const v = Number(raw);
  if (!Number.isInteger(v) || !raw.trim()) fail(400, `Invalid type for '${name}': expected an integer, but got a string instead.`, name, 'invalid_type');
  return v;
}

/** The day buckets a request asks for, from its page cursor on, and the cursor after them. */
function buckets(q: Query, fail: Fail, defaultLimit: number, maxLimit: number): { starts: number[]; end: number; next_page: string | null } {
  const start = int(q, 'start_time', fail, true)!;
  const end = int(q, 'end_time', fail) ?? now();
  const width = q.get('bucket_width') ?? '1d';
  if (width !== '1d') fail(400, `The emulator serves bucket_width=1d only (got '${width}').`, 'bucket_width', 'invalid_value');
  const limit = int(q, 'limit', fail) ?? defaultLimit;
  if (limit < 1 || limit > maxLimit)
    fail(400, `Invalid 'limit': expected a value between 1 and ${maxLimit} for bucket_width=1d, but got ${limit} instead.`, 'limit', 'invalid_value');
  const page = q.get('page');
  let from = start;
  if (page !== null) {
    const m = /^page_(\d+)$/.exec(Buffer.from(page, 'base64url').toString('utf8'));
    if (!m) fail(400, `Invalid 'page': not a cursor this endpoint returned.`, 'page', 'invalid_cursor');
    from = Number(m[1]);
  }
  const starts: number[] = [];
  for (let t = from; t < end && starts.length < limit; t += DAY) starts.push(t);
  const after = from + starts.length * DAY;
  return { starts, end, next_page: after < end ? Buffer.from(`page_${after}`).toString('base64url') : null };
}

type Grouped<T> = Map<string, { keys: Record<string, string | null>; rows: T[] }>;
function group<T extends object>(rows: T[], by: string[]): Grouped<T> {
  const out: Grouped<T> = new Map();
  for (const r of rows) {
    const keys = Object.fromEntries(by.map((k) => [k, ((r as Record<string, unknown>)[k] as string | null | undefined) ?? null]));
    const id = JSON.stringify(keys);
    const g = out.get(id) ?? out.set(id, { keys, rows: [] }).get(id)!;
    g.rows.push(r);
  }
  return out;
}
const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);

function filterUsage(org: Org, q: Query, day: number): UsageRow[] {
  const projects = many(q, 'project_ids');
  const users = many(q, 'user_ids');
  const keys = many(q, 'api_key_ids');
  const models = many(q, 'models');
  return usageOn(org, day, projects.length ? new Set(projects) : undefined).filter(
    (u) =>
      (!users.length || (u.user_id !== null && users.includes(u.user_id))) &&
      (!keys.length || keys.includes(u.api_key_id)) &&
      (!models.length || models.includes(u.model)),
  );
}

const USAGE_GROUPS = ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'];
const COST_GROUPS = ['project_id', 'line_item', 'api_key_id'];

function groupBy(q: Query, allowed: string[], fail: Fail): string[] {
  const by = many(q, 'group_by');
  const bad = by.find((g) => !allowed.includes(g));
  if (bad) fail(400, `Invalid value for 'group_by': '${bad}'. Expected any of ${allowed.map((a) => `'${a}'`).join(', ')}.`, 'group_by', 'invalid_value');
  return by;
}

function usageResult(kind: UsageRow['kind'], keys: Record<string, string | null>, rows: UsageRow[]) {
  const common = {
    input_tokens: sum(rows, (r) => r.input_tokens),
    num_model_requests: sum(rows, (r) => r.num_model_requests),
    project_id: keys.project_id ?? null,
    user_id: keys.user_id ?? null,
    api_key_id: keys.api_key_id ?? null,
    model: keys.model ?? null,
  };
  if (kind === 'embeddings') return { object: 'organization.usage.embeddings.result', ...common };
  return {
    object: 'organization.usage.completions.result',
    ...common,
    output_tokens: sum(rows, (r) => r.output_tokens),
    input_cached_tokens: sum(rows, (r) => r.input_cached_tokens),
    input_audio_tokens: 0,
    output_audio_tokens: 0,
    batch: 'batch' in keys ? false : null,
    service_tier: 'service_tier' in keys ? 'default' : null,
  };
}

export function register(route: Route, fail: Fail): void {
  for (const kind of ['completions', 'embeddings'] as const) {
    route('GET', `/organization/usage/${kind}`, (org, { query }) => {
      const by = groupBy(query, kind === 'completions' ? USAGE_GROUPS : USAGE_GROUPS.slice(0, 4), fail);
      const b = buckets(query, fail, 7, 31);
      const data = b.starts.map((t) => {
        const rows = filterUsage(org, query, t).filter((u) => u.kind === kind);
        const groups = rows.length
          ? [
              ...group(
                rows,
                by.filter((g) => g !== 'batch' && g !== 'service_tier'),
              ).values(),
            ]
          : [];
        const keys = (k: Record<string, string | null>) => ({ ...k, ...Object.fromEntries(by.filter((g) => !(g in k)).map((g) => [g, null])) });
        return { object: 'bucket', start_time: t, end_time: Math.min(t + DAY, b.end), results: groups.map((g) => usageResult(kind, keys(g.keys), g.rows)) };
      });
      return { object: 'page', data, has_more: b.next_page !== null, next_page: b.next_page };
    });
  }
  // The other usage kinds exist and answer in shape; nothing in the emulated organization uses them.
  for (const kind of [
    'moderations',
    'images',
    'audio_speeches',
    'audio_transcriptions',
    'vector_stores',
    'code_interpreter_sessions',
    'file_search_calls',
    'web_search_calls',
  ]) {
    route('GET', `/organization/usage/${kind}`, (_org, { query }) => {
      const b = buckets(query, fail, 7, 31);
      return {
        object: 'page',
        data: b.starts.map((t) => ({ object: 'bucket', start_time: t, end_time: Math.min(t + DAY, b.end), results: [] })),
        has_more: b.next_page !== null,
        next_page: b.next_page,
      };
    });
  }

  route('GET', '/organization/costs', (org, { query }) => {
    const by = groupBy(query, COST_GROUPS, fail);
    const keys = many(query, 'api_key_ids');
    const b = buckets(query, fail, 7, 180);
    const data = b.starts.map((t) => {
      const rows = filterUsage(org, query, t)
        .flatMap(costsOf)
        .filter((c) => !keys.length || keys.includes(c.api_key_id));
      const groups = rows.length ? [...group(rows, by).values()] : [];
      const results = groups.map((g) => {
        const rs = g.rows;
        return {
          object: 'organization.costs.result',
          amount: { value: Math.round(sum(rs, (r) => r.value) * 1e6) / 1e6, currency: org.currency ?? 'usd' },
          line_item: g.keys.line_item ?? null,
          project_id: g.keys.project_id ?? null,
          api_key_id: g.keys.api_key_id ?? null,
          quantity: by.includes('line_item') ? sum(rs, (r) => r.quantity) : null,
          quantity_unit: by.includes('line_item') ? 'tokens' : null,
        };
      });
      return { object: 'bucket', start_time: t, end_time: Math.min(t + DAY, b.end), results };
    });
    return { object: 'page', data, has_more: b.next_page !== null, next_page: b.next_page };
  });

  route('GET', '/organization/audit_logs', (org, { query }) => auditPage(org, query, fail));
}
