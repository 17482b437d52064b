// A project's and the organization's policy, answered by the emulator, checked against the reference
// OpenAPI document (and, for service tiers and key updates, the SDK's types); and the rules it keeps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeProjects, archivedProject, useEmulator } from './helpers';
import { checker, loadSpec, type Spec } from './specCheck';

const policy = loadSpec('openai-policy-openapi.json');
const sdk = loadSpec('openai-sdk-policy-shapes.json');
const errors = loadSpec('openai-projects-openapi.json');
const ctx = useEmulator({ seed: 'demo' });
const covered = new Set<string>();

async function call(method: string, template: string, concrete: string, body?: unknown) {
  const spec: Spec = policy.paths[template]?.[method.toLowerCase()] ? policy : sdk;
  const op = spec.paths[template]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${template} is in a reference`);
  const r = await fetch(ctx.emu.baseUrl + concrete, {
    method,
    headers: { authorization: `Bearer ${ctx.emu.adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json()) as Record<string, unknown>;
  const ok = r.status === 200;
  const schema = ok ? op.responses['200']?.content?.['application/json']?.schema : errors.components.schemas.ErrorResponse;
  assert.ok(schema, `${method} ${template} has a schema for ${r.status}`);
  assert.deepEqual(checker(ok ? spec : errors)(json, schema), [], `${method} ${concrete} → ${r.status} conforms`);
  if (ok) covered.add(`${method} ${template}`);
  return { status: r.status, json, code: (json.error as { code?: string } | undefined)?.code };
}

const P = '/organization/projects/{project_id}';
const alert = (cents: number, recipients = ['ops@example.com']) => ({
  threshold_amount: cents,
  currency: 'USD',
  interval: 'month',
  notification_channel: { type: 'email', recipients, subject_prefix: '[budget]' },
});
const limit = (cents: number) => ({ threshold_amount: cents, currency: 'USD', interval: 'month' });

describe('the policy endpoints answer in the reference shapes', () => {
  it('every operation of spend limits, alerts, permissions, retention, tiers, service accounts and keys', async () => {
    ctx.emu.reset('demo');
    const p = activeProjects(ctx.emu)[0]!;
    const at = (path: string) => path.replace('{project_id}', p.id);

    // Never set: 404 (a decision, see CONTRIBUTING); set, read, removed.
    for (const base of ['/organization/spend_limit', `${P}/spend_limit`]) {
      assert.equal((await call('GET', base, at(base))).code, 'spend_limit_not_set');
      const set = await call('POST', base, at(base), limit(base === `${P}/spend_limit` ? 10_000 : 500_000));
      assert.equal((set.json.enforcement as { status: string }).status, 'inactive');
      await call('GET', base, at(base));
    }
    await call('DELETE', `${P}/spend_limit`, at(`${P}/spend_limit`));
    await call('DELETE', '/organization/spend_limit', '/organization/spend_limit');

    for (const base of ['/organization/spend_alerts', `${P}/spend_alerts`]) {
      const made = await call('POST', base, at(base), alert(5_000));
      const id = String(made.json.id);
      assert.equal(((await call('GET', base, at(base))).json.data as unknown[]).length, 1);
      await call('GET', `${base}/{alert_id}`, `${at(base)}/${id}`);
      assert.equal((await call('POST', `${base}/{alert_id}`, `${at(base)}/${id}`, alert(7_500))).json.threshold_amount, 7_500);
      await call('DELETE', `${base}/{alert_id}`, `${at(base)}/${id}`);
    }

    assert.deepEqual((await call('GET', `${P}/model_permissions`, at(`${P}/model_permissions`))).json.model_ids, []);
    const allowed = await call('POST', `${P}/model_permissions`, at(`${P}/model_permissions`), { mode: 'allow_list', model_ids: ['gpt-4o', 'gpt-4o'] });
    assert.deepEqual(allowed.json.model_ids, ['gpt-4o'], 'an id given twice is kept once');
    await call('DELETE', `${P}/model_permissions`, at(`${P}/model_permissions`));
    assert.equal((await call('GET', `${P}/model_permissions`, at(`${P}/model_permissions`))).json.mode, 'deny_list');

    assert.deepEqual((await call('GET', `${P}/hosted_tool_permissions`, at(`${P}/hosted_tool_permissions`))).json.mcp, { enabled: true });
    const tools = await call('POST', `${P}/hosted_tool_permissions`, at(`${P}/hosted_tool_permissions`), { mcp: { enabled: false }, web_search: null });
    assert.deepEqual([tools.json.mcp, tools.json.web_search], [{ enabled: false }, { enabled: true }]);

    assert.equal((await call('GET', '/organization/data_retention', '/organization/data_retention')).code, 'data_retention_not_set');
    await call('POST', '/organization/data_retention', '/organization/data_retention', { retention_type: 'zero_data_retention' });
    await call('GET', '/organization/data_retention', '/organization/data_retention');
    assert.equal((await call('GET', `${P}/data_retention`, at(`${P}/data_retention`))).json.type, 'organization_default');
    await call('POST', `${P}/data_retention`, at(`${P}/data_retention`), { retention_type: 'none' });

    assert.deepEqual((await call('GET', `${P}/service_tier_settings`, at(`${P}/service_tier_settings`))).json.enabled_tiers, 'all');
    const t = await call('POST', `${P}/service_tier_settings`, at(`${P}/service_tier_settings`), { default: 'fast', enabled_tiers: ['fast', 'flex'] });
    assert.equal(t.json.default, 'fast');

    const sa = p.service_accounts[0]!;
    const S = `${P}/service_accounts/{service_account_id}`;
    const renamed = await call('POST', S, at(S).replace('{service_account_id}', sa.id), { name: 'Renamed bot', role: 'owner' });
    assert.deepEqual([renamed.json.name, renamed.json.role], ['Renamed bot', 'owner']);
    const key = await call('POST', `${S}/api_keys`, at(`${S}/api_keys`).replace('{service_account_id}', sa.id), { name: 'Second', scopes: ['api.all.read'] });
    assert.match(String(key.json.value), /^sk-svcacct-/);
    assert.ok(p.api_keys.some((k) => k.id === key.json.id && k.scopes?.[0] === 'api.all.read'));
    const K = `${P}/api_keys/{api_key_id}`;
    const updated = await call('POST', K, at(K).replace('{api_key_id}', String(key.json.id)), { scopes: ['api.files.read'], expires_in_seconds: 3600 });
    assert.equal(typeof updated.json.expires_at, 'number');
    assert.equal(updated.json.scopes, undefined, 'scopes are never shown');

    assert.equal(covered.size, 30, [...covered].join('\n'));
  });

  it('refusals: bad amounts, recipients, modes, tiers, a project above the organization, an archived project, an expired key', async () => {
    ctx.emu.reset('demo');
    const p = activeProjects(ctx.emu)[0]!;
    const at = (path: string) => path.replace('{project_id}', p.id);
    assert.equal((await call('POST', `${P}/spend_limit`, at(`${P}/spend_limit`), limit(0))).code, 'integer_below_min_value');
    assert.equal((await call('POST', `${P}/spend_limit`, at(`${P}/spend_limit`), { ...limit(100), currency: 'EUR' })).code, 'invalid_value');
    await call('POST', '/organization/spend_limit', '/organization/spend_limit', limit(1_000));
    assert.equal((await call('POST', `${P}/spend_limit`, at(`${P}/spend_limit`), limit(2_000))).code, 'spend_limit_above_organization_limit');
    await call('POST', `${P}/spend_limit`, at(`${P}/spend_limit`), limit(1_000));
    assert.equal((await call('POST', '/organization/spend_limit', '/organization/spend_limit', limit(500))).code, 'spend_limit_below_project_limit');

    assert.equal((await call('POST', `${P}/spend_alerts`, at(`${P}/spend_alerts`), alert(100, []))).code, 'invalid_value');
    assert.equal((await call('POST', `${P}/spend_alerts`, at(`${P}/spend_alerts`), alert(100, ['nobody']))).code, 'invalid_email');
    await call('POST', `${P}/spend_alerts`, at(`${P}/spend_alerts`), alert(100));
    assert.equal((await call('POST', `${P}/spend_alerts`, at(`${P}/spend_alerts`), alert(100))).code, 'spend_alert_exists');
    assert.equal((await call('GET', `${P}/spend_alerts/{alert_id}`, at(`${P}/spend_alerts/nope`))).code, 'not_found');

    assert.equal((await call('POST', `${P}/model_permissions`, at(`${P}/model_permissions`), { mode: 'block', model_ids: [] })).code, 'invalid_value');
    assert.equal(
      (await call('POST', `${P}/hosted_tool_permissions`, at(`${P}/hosted_tool_permissions`), { shell: { enabled: true } })).code,
      'unknown_parameter',
    );
    assert.equal((await call('POST', `${P}/data_retention`, at(`${P}/data_retention`), { retention_type: 'forever' })).code, 'invalid_value');
    assert.equal(
      (await call('POST', `${P}/service_tier_settings`, at(`${P}/service_tier_settings`), { default: 'scale', enabled_tiers: ['flex'] })).code,
      'default_tier_not_enabled',
    );
    const q = archivedProject(ctx.emu);
    assert.equal(
      (await call('POST', `${P}/data_retention`, `/organization/projects/${q.id}/data_retention`, { retention_type: 'none' })).code,
      'project_archived',
    );

    const k = p.api_keys[0]!;
    const K = `${P}/api_keys/{api_key_id}`;
    assert.equal((await call('POST', K, at(K).replace('{api_key_id}', k.id), {})).code, 'missing_required_parameter');
    k.expires_at = 1;
    assert.equal((await call('POST', K, at(K).replace('{api_key_id}', k.id), { scopes: [] })).code, 'api_key_expired');
  });

  it('a spend limit enforces once the month-to-date cost reaches it (the emulator’s own costs)', async () => {
    ctx.emu.reset('demo');
    const { monthToDateCents } = await import('../../tools/emulator/policy');
    const spender = activeProjects(ctx.emu).find((x) => monthToDateCents(ctx.emu.org, x.id) > 1)!;
    assert.ok(spender, 'the demo has a project that spent this month');
    const spent = monthToDateCents(ctx.emu.org, spender.id);
    const path = `/organization/projects/${spender.id}/spend_limit`;
    assert.equal(((await call('POST', `${P}/spend_limit`, path, limit(spent))).json.enforcement as { status: string }).status, 'enforcing');
    assert.equal(((await call('POST', `${P}/spend_limit`, path, limit(spent + 1))).json.enforcement as { status: string }).status, 'inactive');
  });
});
