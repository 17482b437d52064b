// The emulator's costs, usage and audit-log answers, checked against OpenAI's own spec for them
// (test/fixtures/openai-usage-openapi.json, extracted from openai/openai-openapi).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeProjects, useEmulator } from './helpers';
import { checker, loadSpec } from './specCheck';

const spec = loadSpec('openai-usage-openapi.json');
const check = checker(spec);
const ctx = useEmulator({ seed: 'demo' });
const DAY = 86_400;
const today = Math.floor(Date.now() / 1000 / DAY) * DAY;

async function get(template: string, query: string, status = 200) {
  const op = spec.paths[template]?.get;
  assert.ok(op, `GET ${template} is in the spec`);
  const r = await fetch(`${ctx.emu.baseUrl}${template}?${query}`, { headers: { authorization: `Bearer ${ctx.emu.adminKey}` } });
  const json = (await r.json()) as Record<string, unknown>;
  assert.equal(r.status, status, JSON.stringify(json).slice(0, 300));
  const schema = status === 200 ? op.responses['200']?.content?.['application/json']?.schema : spec.components.schemas.ErrorResponse;
  assert.deepEqual(check(json, schema!), [], `GET ${template}?${query} → ${r.status} conforms`);
  return json;
}

type Page = { data: { start_time: number; end_time: number; results: Record<string, unknown>[] }[]; has_more: boolean; next_page: string | null };

describe('costs, usage and audit logs in the spec shapes', () => {
  it('every usage endpoint and costs answer in shape, grouped and not', async () => {
    ctx.emu.reset('demo');
    const start = today - 30 * DAY;
    for (const path of Object.keys(spec.paths).filter((p) => p.startsWith('/organization/usage/'))) {
      await get(path, `start_time=${start}&limit=31`);
    }
    const grouped = (await get(
      '/organization/usage/completions',
      `start_time=${start}&limit=31&group_by=model&group_by=api_key_id&group_by=user_id&group_by=project_id`,
    )) as unknown as Page;
    assert.ok(
      grouped.data.some((b) => b.results.length),
      'the demo organization has completions usage',
    );
    await get('/organization/usage/embeddings', `start_time=${start}&limit=31&group_by=model`);
    const costs = (await get('/organization/costs', `start_time=${start}&limit=31&group_by=project_id&group_by=line_item`)) as unknown as Page;
    assert.ok(costs.data.some((b) => b.results.length));
    await get('/organization/costs', `start_time=${start}&limit=31`);
    await get('/organization/costs', `start_time=${start}&limit=31&group_by=api_key_id`);
  });

  it('costs and usage follow the projects filter; the project has usage', async () => {
    ctx.emu.reset('demo');
    const p = activeProjects(ctx.emu)[0]!;
    const start = today - 7 * DAY;
    const costs = (await get('/organization/costs', `start_time=${start}&limit=7&project_ids=${p.id}&group_by=project_id`)) as unknown as Page;
    const ids = new Set(costs.data.flatMap((b) => b.results.map((r) => r.project_id)));
    assert.deepEqual([...ids], [p.id]);
    const usage = (await get('/organization/usage/completions', `start_time=${start}&limit=7&project_ids=${p.id}`)) as unknown as Page;
    const requests = usage.data.flatMap((b) => b.results).reduce((n, r) => n + (r.num_model_requests as number), 0);
    assert.ok(requests > 0, 'the project has requests in the last week');
  });

  it('paging: 90 days of usage are three pages of at most 31 buckets; costs one of 90', async () => {
    ctx.emu.reset('demo');
    const start = today - 89 * DAY;
    let q = `start_time=${start}&limit=31`;
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = (await get('/organization/usage/completions', q)) as unknown as Page;
      starts.push(...page.data.map((b) => b.start_time));
      if (!page.has_more) break;
      q = `start_time=${start}&limit=31&page=${page.next_page}`;
    }
    assert.equal(starts.length, 90);
    assert.equal(new Set(starts).size, 90);
    const costs = (await get('/organization/costs', `start_time=${start}&limit=90`)) as unknown as Page;
    assert.equal(costs.data.length, 90);
    assert.equal(costs.has_more, false);
    await get('/organization/usage/completions', `start_time=${start}&limit=32`, 400);
    await get('/organization/costs', `limit=3`, 400);
  });

  it('audit logs: the seeded history and the emulator’s own changes, newest first, filtered and paged', async () => {
    ctx.emu.reset('demo');
    const p = activeProjects(ctx.emu)[0]!;
    const base = `${ctx.emu.baseUrl}/organization/projects/${p.id}`;
    const r = await fetch(base, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.emu.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed <b>x</b>' }),
    });
    assert.equal(r.status, 200);
    const all = (await get('/organization/audit_logs', 'limit=100')) as {
      data: { id: string; type: string; effective_at: number; project?: { id: string } }[];
      has_more: boolean;
      last_id: string;
    };
    assert.equal(all.data[0]!.type, 'project.updated');
    assert.ok(all.data.every((e, i) => i === 0 || all.data[i - 1]!.effective_at >= e.effective_at));
    const mine = (await get('/organization/audit_logs', `resource_ids[]=${p.id}&event_types[]=project.updated`)) as typeof all;
    assert.equal(mine.data.length, 1);
    assert.ok(!JSON.stringify(mine).includes(ctx.emu.adminKey), 'the actor is the key’s tracking id, never the key');
    const scoped = (await get('/organization/audit_logs', `project_ids[]=${p.id}&limit=100`)) as typeof all;
    assert.ok(scoped.data.length > 0 && scoped.data.every((e) => e.project?.id === p.id));
    const first = (await get('/organization/audit_logs', 'limit=2')) as typeof all;
    const second = (await get('/organization/audit_logs', `limit=2&after=${first.last_id}`)) as typeof all;
    assert.deepEqual(
      [...first.data, ...second.data].map((e) => e.id),
      all.data.slice(0, 4).map((e) => e.id),
    );
    const byEmail = (await get('/organization/audit_logs', `actor_emails[]=ada@example.com&limit=100`)) as typeof all;
    assert.ok(byEmail.data.length > 0);
  });

  it('audit logs: a rate-limit change is recorded, and after a rename the project’s creation keeps its name of then', async () => {
    ctx.emu.reset('demo');
    const p = activeProjects(ctx.emu).find((x) => x.rate_limits.length)!;
    const before = p.name;
    const post = (path: string, body: unknown) =>
      fetch(`${ctx.emu.baseUrl}/organization/projects/${p.id}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.emu.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await post(`/rate_limits/${p.rate_limits[0]!.id}`, { max_requests_per_1_minute: 7 })).status, 200);
    assert.equal((await post('', { name: 'Called Something Else' })).status, 200);
    type Events = { data: { type: string; project?: { name?: string }; [k: string]: unknown }[] };
    const limits = (await get('/organization/audit_logs', 'event_types[]=rate_limit.updated')) as Events;
    assert.equal(limits.data.length, 1);
    assert.deepEqual((limits.data[0]!['rate_limit.updated'] as { id: string; changes_requested: unknown }).changes_requested, { max_requests_per_1_minute: 7 });
    const created = (await get('/organization/audit_logs', `resource_ids[]=${p.id}&event_types[]=project.created`)) as Events;
    assert.equal(created.data[0]!.project?.name, before);
    assert.equal((created.data[0]!['project.created'] as { data: { name: string } }).data.name, before);
  });

  it('an organization without audit logging gets a 403 in the error shape', async () => {
    ctx.emu.reset('demo');
    ctx.emu.setAuditLogging(false);
    const e = (await get('/organization/audit_logs', 'limit=5', 403)) as { error: { message: string } };
    assert.match(e.error.message, /Audit logging is not enabled/);
  });
});
