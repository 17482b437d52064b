// The client's 30 policy operations over real HTTP against the emulator: what each sends and reads, and
// the bodies it refuses before any request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeProjects, clientFor, rejection, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'demo' });
const usd = (cents: number) => ({ threshold_amount: cents, currency: 'USD' as const, interval: 'month' as const });
const alert = (cents: number) => ({ ...usd(cents), notification_channel: { type: 'email' as const, recipients: ['ops@example.com'] } });

describe('the policy operations', () => {
  it('read and write every facet of the organization and of a project', async () => {
    ctx.emu.reset('demo');
    const c = clientFor(ctx.emu);
    const projectId = activeProjects(ctx.emu)[0]!.id;
    const used = new Set<string>();
    const op = <K extends keyof typeof c>(k: K) => (used.add(k), c[k]);

    assert.equal((await op('updateOrganizationSpendLimit')({ request: usd(100_00) })).threshold_amount, 100_00);
    assert.equal((await op('retrieveOrganizationSpendLimit')()).currency, 'USD');
    assert.equal((await op('deleteOrganizationSpendLimit')()).deleted, true);
    const oa = await op('createOrganizationSpendAlert')({ request: alert(50_00) });
    assert.equal((await op('listOrganizationSpendAlerts')({ limit: 100 })).data.length, 1);
    assert.equal((await op('updateOrganizationSpendAlert')({ alertId: oa.id, request: alert(60_00) })).threshold_amount, 60_00);
    assert.deepEqual((await op('retrieveOrganizationSpendAlert')({ alertId: oa.id })).notification_channel.recipients, ['ops@example.com']);
    assert.equal((await op('deleteOrganizationSpendAlert')({ alertId: oa.id })).deleted, true);
    assert.equal((await op('updateOrganizationDataRetention')({ retentionType: 'zero_data_retention' })).type, 'zero_data_retention');
    assert.equal((await op('retrieveOrganizationDataRetention')()).type, 'zero_data_retention');

    assert.equal((await op('updateProjectSpendLimit')({ projectId, request: usd(25_00) })).enforcement?.status !== undefined, true);
    assert.equal((await op('retrieveProjectSpendLimit')({ projectId })).threshold_amount, 25_00);
    assert.equal((await op('deleteProjectSpendLimit')({ projectId })).deleted, true);
    const pa = await op('createProjectSpendAlert')({ projectId, request: alert(10_00) });
    assert.equal((await op('listProjectSpendAlerts')({ projectId, limit: 100 })).data[0]?.id, pa.id);
    assert.equal((await op('updateProjectSpendAlert')({ projectId, alertId: pa.id, request: alert(20_00) })).threshold_amount, 20_00);
    assert.equal((await op('retrieveProjectSpendAlert')({ projectId, alertId: pa.id })).threshold_amount, 20_00);
    assert.equal((await op('deleteProjectSpendAlert')({ projectId, alertId: pa.id })).deleted, true);

    assert.deepEqual((await op('updateProjectModelPermissions')({ projectId, request: { mode: 'allow_list', model_ids: ['gpt-4o'] } })).model_ids, ['gpt-4o']);
    assert.equal((await op('retrieveProjectModelPermissions')({ projectId })).mode, 'allow_list');
    assert.equal((await op('deleteProjectModelPermissions')({ projectId })).deleted, true);
    assert.equal((await op('updateProjectHostedToolPermissions')({ projectId, request: { web_search: { enabled: false } } })).web_search?.enabled, false);
    assert.equal((await op('retrieveProjectHostedToolPermissions')({ projectId })).file_search?.enabled, true);
    assert.equal((await op('updateProjectDataRetention')({ projectId, retentionType: 'none' })).type, 'none');
    assert.equal((await op('retrieveProjectDataRetention')({ projectId })).type, 'none');
    assert.deepEqual((await op('updateProjectServiceTierSettings')({ projectId, request: { enabled_tiers: ['flex'] } })).enabled_tiers, ['flex']);
    assert.equal((await op('retrieveProjectServiceTierSettings')({ projectId })).default, 'standard');

    const sa = ctx.emu.org.projects.find((p) => p.id === projectId)!.service_accounts[0]!;
    assert.equal((await op('modifyProjectServiceAccount')({ projectId, serviceAccountId: sa.id, request: { role: 'owner' } })).role, 'owner');
    const key = await op('createProjectServiceAccountApiKey')({ projectId, serviceAccountId: sa.id, request: { name: 'Replacement' } });
    assert.match(key.value, /^sk-svcacct-/);
    const k = await op('modifyProjectApiKey')({ projectId, keyId: key.id, request: { expires_in_seconds: 60 } });
    assert.ok((k.expires_at ?? 0) > k.created_at);
    assert.equal(used.size, 30);
  });

  it('refuses a bad body before sending it', async () => {
    const c = clientFor(ctx.emu);
    const before = ctx.emu.requests.length;
    const projectId = activeProjects(ctx.emu)[0]!.id;
    assert.equal((await rejection(c.updateProjectSpendLimit({ projectId, request: usd(0.5) }))).kind, 'invalid_request');
    assert.equal(
      (await rejection(c.createProjectSpendAlert({ projectId, request: { ...alert(1), notification_channel: { type: 'email', recipients: [] } } }))).kind,
      'invalid_request',
    );
    assert.equal((await rejection(c.modifyProjectApiKey({ projectId, keyId: 'key_x', request: {} }))).kind, 'invalid_request');
    assert.equal((await rejection(c.updateProjectModelPermissions({ projectId, request: { mode: 'allow_list', model_ids: [' '] } }))).kind, 'invalid_request');
    assert.equal(ctx.emu.requests.length, before, 'nothing was sent');
  });

  it('refuses an answer of another shape for every facet read (a proxy’s 200 with some other body)', async () => {
    ctx.emu.reset('demo');
    const c = clientFor(ctx.emu);
    const projectId = activeProjects(ctx.emu)[0]!.id;
    const reads: [string, () => Promise<unknown>][] = [
      ['spend_limit', () => c.retrieveProjectSpendLimit({ projectId })],
      ['spend_alerts', () => c.listProjectSpendAlerts({ projectId, limit: 100 })],
      ['model_permissions', () => c.retrieveProjectModelPermissions({ projectId })],
      ['hosted_tool_permissions', () => c.retrieveProjectHostedToolPermissions({ projectId })],
      ['data_retention', () => c.retrieveProjectDataRetention({ projectId })],
      ['service_tier_settings', () => c.retrieveProjectServiceTierSettings({ projectId })],
    ];
    for (const [path, read] of reads) {
      ctx.emu.addFault({ kind: 'response', status: 200, body: { unexpected: true }, method: 'GET', path: `/${path}$`, count: 3 });
      assert.match((await rejection(read())).message, /unexpected shape|expected/, path);
      ctx.emu.reset('demo');
    }
  });
});
