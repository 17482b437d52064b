// The settings form in the real host against the emulator, driven as its webview drives it (the panel
// tap sends what the page would): the sections read at once, one write per changed section, nothing
// sent for what did not change or does not pass its checks, a conflict with another admin's change,
// alerts added, changed and removed, a save that fails half-way, the organization's own form, and
// edits offered back after the panel is closed.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Drafts, ToWebview } from '../../src/webview/settingsProtocol';
import { clearRequests, emulator, eventually, extensionApi, label, requests, resetOrg, state, type EmuProject } from './helpers';

type Section = Extract<ToWebview, { type: 'section' | 'sectionFailed' }>;
const ORG = '(organization)';
const api = () => extensionApi();
const writes = async () => (await requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
const reads = async () => (await requests()).filter((r) => r.method === 'GET').map((r) => r.path);
const projectOf = async (p: EmuProject) => (await (await api()).store.projects(false)).find((x) => x.id === p.id)!;
const project = async () => (await state()).projects.find((x) => x.name === 'Customer Support Bot')!;
type Policy = { spend_limit?: number; spend_alerts?: { id: string; threshold_amount: number; recipients?: string[] }[]; data_retention?: string };
const policyOf = (p: EmuProject) => (p as EmuProject & { policy?: Policy }).policy ?? {};
const adminApi = (method: string, path: string, body?: unknown) =>
  fetch(`${emulator.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Opens the form of `key` (a project id, or the organization) and waits for its sections. */
async function open(key: string, show: () => unknown): Promise<Map<string, unknown>> {
  const a = await api();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const init = a.panels.nextPost<ToWebview>('settings', key, ['init']);
  const sections = a.panels.nextPosts<Section>('settings', key, ['section', 'sectionFailed'], key === ORG ? 3 : 6);
  await show();
  const got = await sections;
  assert.equal((await init).type, 'init');
  return new Map(got.map((m) => [m.section, m.type === 'section' ? m.loaded : m]));
}

async function save(key: string, drafts: Drafts, overwrite = false): Promise<ToWebview> {
  const a = await api();
  const answer = a.panels.nextPost<ToWebview>('settings', key, ['saved', 'conflict', 'failed']);
  a.panels.send('settings', key, { type: 'save', drafts, overwrite });
  return answer;
}
const results = (m: ToWebview) => {
  assert.equal(m.type, 'saved', JSON.stringify(m));
  return Object.fromEntries(m.results.map((r) => [r.section, r]));
};

describe('the settings form', () => {
  beforeEach(async () => {
    await resetOrg();
    await emulator.control('/faults', { method: 'DELETE' });
    const a = await api();
    a.ui.reset();
    a.ui.answer();
    await a.adminKey.store(emulator.adminKey);
    await vscode.commands.executeCommand('openaiProjects.refresh');
    await clearRequests();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual((await api()).ui.reset(), [], 'every scripted answer was asked for');
  });

  it('opens from a project’s row with its six sections read at once; a save writes each changed section once, and the emulator holds it', async () => {
    const p = await project();
    const a = await api();
    const row = (await a.tree.getChildren()).find((n) => label(n) === p.name)!;
    const loaded = await open(p.id, () => vscode.commands.executeCommand('openaiProjects.projectSettings', row));
    assert.deepEqual([...loaded.keys()].sort(), ['dataRetention', 'hostedTools', 'models', 'serviceTiers', 'spendAlerts', 'spendLimit']);
    assert.equal((await reads()).filter((r) => r.startsWith(`/organization/projects/${p.id}/`)).length, 6, 'one read per section');
    await clearRequests();
    const m = await save(p.id, {
      spendLimit: { amount: '250' },
      spendAlerts: { alerts: [{ amount: '200.50', recipients: 'ops@example.com; lead@example.com' }] },
      models: { mode: 'allow_list', ids: 'gpt-5\no3, gpt-5' },
      hostedTools: { tools: { file_search: true, web_search: false, image_generation: true, mcp: true, code_interpreter: true } },
      dataRetention: { type: 'zero_data_retention' },
      serviceTiers: { default: 'fast', all: false, enabled: ['fast', 'flex'] },
    });
    const r = results(m);
    for (const s of Object.keys(r)) assert.ok(r[s]!.ok, `${s}: ${JSON.stringify(r[s])}`);
    const base = `/organization/projects/${p.id}`;
    assert.deepEqual((await writes()).sort(), [
      `POST ${base}/data_retention`,
      `POST ${base}/hosted_tool_permissions`,
      `POST ${base}/model_permissions`,
      `POST ${base}/service_tier_settings`,
      `POST ${base}/spend_alerts`,
      `POST ${base}/spend_limit`,
    ]);
    const pol = policyOf((await state()).projects.find((x) => x.id === p.id)!);
    assert.equal(pol.spend_limit, 25_000);
    assert.equal(pol.data_retention, 'zero_data_retention');
    assert.equal(pol.spend_alerts?.[0]?.threshold_amount, 20_050);
    // What the form is told it now shows is what a fresh read says.
    assert.deepEqual(r.models!.ok && r.models!.loaded, { mode: 'allow_list', ids: ['gpt-5', 'o3'] });
    assert.deepEqual(r.serviceTiers!.ok && r.serviceTiers!.loaded, { default: 'fast', all: false, enabled: ['fast', 'flex'] });
    assert.deepEqual(r.hostedTools!.ok && (r.hostedTools!.loaded as { tools: Record<string, boolean> }).tools.web_search, false);
  });

  it('sends nothing for a section that asks for what the server holds, and nothing at all for fields that fail their checks', async () => {
    const p = await project();
    const a = await api();
    const loaded = await open(p.id, async () => a.settingsForms.show(await projectOf(p)));
    await clearRequests();
    const same = results(
      await save(p.id, { dataRetention: { type: (loaded.get('dataRetention') as { type: string | null }).type ?? 'organization_default' } }),
    );
    assert.ok(same.dataRetention!.ok);
    assert.deepEqual(await writes(), [], 'an unchanged section is not written');
    // The same for every section: "every model" is what the project allows already.
    const models = loaded.get('models') as { mode: string; ids: string[] };
    assert.deepEqual(models, { mode: 'deny_list', ids: [] });
    const sameModels = results(await save(p.id, { models: { mode: 'all', ids: '' } }));
    assert.ok(sameModels.models!.ok);
    assert.deepEqual(await writes(), [], 'asking for what the server holds sends nothing');
    const bad = results(
      await save(p.id, {
        spendLimit: { amount: '12.345' },
        spendAlerts: { alerts: [{ amount: '10', recipients: 'not-an-address' }] },
        models: { mode: 'allow_list', ids: '' },
      }),
    );
    assert.match(bad.spendLimit!.ok ? '' : bad.spendLimit!.error, /US dollars/);
    assert.match(bad.spendAlerts!.ok ? '' : bad.spendAlerts!.error, /"not-an-address" is not an email address/);
    assert.match(bad.models!.ok ? '' : bad.models!.error, /allow list needs at least one model/);
    assert.deepEqual(await writes(), [], 'nothing that fails its checks is sent');
    // A message of the wrong shape (another page, a bug) is ignored, not acted on.
    a.panels.send('settings', p.id, { type: 'save', drafts: { spendLimit: { amount: 5 } }, overwrite: 'yes' });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await writes(), []);
  });

  it('another admin’s change since the form loaded stops the save and is shown; Overwrite then writes', async () => {
    const p = await project();
    const a = await api();
    await open(p.id, async () => a.settingsForms.show(await projectOf(p)));
    assert.equal(
      (await adminApi('POST', `/organization/projects/${p.id}/spend_limit`, { threshold_amount: 7_000, currency: 'USD', interval: 'month' })).status,
      200,
    );
    await clearRequests();
    const m = await save(p.id, { spendLimit: { amount: '90' } });
    assert.equal(m.type, 'conflict', JSON.stringify(m));
    assert.match(m.conflicts[0]!.text, /^Hard spend limit: loaded .*, server now \$70 a month$/);
    assert.deepEqual(await writes(), [], 'nothing overwritten yet');
    const r = results(await save(p.id, { spendLimit: { amount: '90' } }, true));
    assert.ok(r.spendLimit!.ok);
    assert.equal(policyOf((await state()).projects.find((x) => x.id === p.id)!).spend_limit, 9_000);
  });

  it('alerts: one removed, one changed, one added, in that order; a refusal half-way says what went through and keeps the new ids', async () => {
    const p = await project();
    const a = await api();
    const base = `/organization/projects/${p.id}/spend_alerts`;
    const make = async (cents: number) =>
      (
        (await (
          await adminApi('POST', base, {
            threshold_amount: cents,
            currency: 'USD',
            interval: 'month',
            notification_channel: { type: 'email', recipients: ['a@example.com'] },
          })
        ).json()) as { id: string }
      ).id;
    const [one, two] = [await make(1_000), await make(2_000)];
    const loaded = (await open(p.id, async () => a.settingsForms.show(await projectOf(p)))).get('spendAlerts') as {
      alerts: { id: string }[];
    };
    assert.deepEqual(
      loaded.alerts.map((x) => x.id),
      [one, two],
    );
    await clearRequests();
    const r = results(
      await save(p.id, {
        spendAlerts: {
          alerts: [
            { id: two, amount: '25', recipients: 'a@example.com, b@example.com' },
            { amount: '50', recipients: 'c@example.com' },
          ],
        },
      }),
    );
    assert.ok(r.spendAlerts!.ok, JSON.stringify(r.spendAlerts));
    assert.deepEqual(await writes(), [`DELETE ${base}/${one}`, `POST ${base}/${two}`, `POST ${base}`]);
    const now = (r.spendAlerts as { loaded: { alerts: { cents: number; recipients: string[] }[] } }).loaded.alerts;
    assert.deepEqual(
      now.map((x) => [x.cents, x.recipients.join()]),
      [
        [2_500, 'a@example.com,b@example.com'],
        [5_000, 'c@example.com'],
      ],
    );

    // The second of two new alerts is refused by the server: the first stays, with its id in the fields.
    await emulator.control('/faults', { method: 'POST', body: { kind: '500', method: 'POST', path: `^${base}$`, skip: 1 } });
    await clearRequests();
    const half = results(
      await save(p.id, {
        spendAlerts: {
          alerts: [
            ...now.map((x, i) => ({
              id: (r.spendAlerts as { loaded: { alerts: { id: string }[] } }).loaded.alerts[i]!.id,
              amount: String(x.cents / 100),
              recipients: x.recipients.join(', '),
            })),
            { amount: '60', recipients: 'd@example.com' },
            { amount: '70', recipients: 'e@example.com' },
          ],
        },
      }),
    );
    const failed = half.spendAlerts!;
    assert.ok(!failed.ok);
    assert.match(failed.error, /^1 of 2 alert changes saved; adding the alert at \$70 failed: /);
    const kept = (failed as { draft: { alerts: { id?: string; amount: string }[] } }).draft.alerts;
    assert.equal(kept.length, 4);
    assert.ok(kept[2]!.id, 'the alert that went through has its id in the fields (a second Save does not add it again)');
    assert.equal(kept[3]!.id, undefined);
  });

  it('the organization’s form: its three sections; a limit and a retention set', async () => {
    const loaded = await open(ORG, () => vscode.commands.executeCommand('openaiProjects.organizationSettings'));
    assert.deepEqual([...loaded.keys()].sort(), ['dataRetention', 'spendAlerts', 'spendLimit']);
    await clearRequests();
    const r = results(await save(ORG, { spendLimit: { amount: '1,000' }, dataRetention: { type: 'modified_abuse_monitoring' } }));
    assert.ok(r.spendLimit!.ok && r.dataRetention!.ok, JSON.stringify(r));
    assert.deepEqual((await writes()).sort(), ['POST /organization/data_retention', 'POST /organization/spend_limit']);
    const org = (await state()) as unknown as Policy;
    assert.equal(org.spend_limit, 100_000);
    assert.equal(org.data_retention, 'modified_abuse_monitoring');
  });

  it('a value the form does not know is shown as it is, and saving other sections leaves it alone', async () => {
    const p = await project();
    const a = await api();
    await emulator.control('/faults', {
      method: 'POST',
      body: {
        kind: 'response',
        status: 200,
        method: 'GET',
        path: `^/organization/projects/${p.id}/data_retention$`,
        body: { object: 'project.data_retention', type: 'future_arrangement' },
      },
    });
    const loaded = await open(p.id, async () => a.settingsForms.show(await projectOf(p)));
    assert.deepEqual(loaded.get('dataRetention'), { type: 'future_arrangement' });
    await emulator.control('/faults', { method: 'DELETE' });
    await clearRequests();
    const r = results(await save(p.id, { spendLimit: { amount: '5' } }));
    assert.ok(r.spendLimit!.ok);
    assert.deepEqual(await writes(), [`POST /organization/projects/${p.id}/spend_limit`]);
  });

  it('a section that cannot be read says why and can be read again on its own; the others are drawn', async () => {
    const p = await project();
    const a = await api();
    await emulator.control('/faults', {
      method: 'POST',
      body: { kind: '500', method: 'GET', path: `^/organization/projects/${p.id}/model_permissions$`, count: 99 },
    });
    const loaded = await open(p.id, async () => a.settingsForms.show(await projectOf(p)));
    const failed = loaded.get('models') as { type: string; message: string };
    assert.equal(failed.type, 'sectionFailed');
    assert.match(failed.message, /500/);
    assert.ok(loaded.get('spendLimit') && !(loaded.get('spendLimit') as { type?: string }).type, 'the other sections are drawn');
    await emulator.control('/faults', { method: 'DELETE' });
    const again = a.panels.nextPost<Section>('settings', p.id, ['section', 'sectionFailed']);
    a.panels.send('settings', p.id, { type: 'reload', section: 'models' });
    const m = await again;
    assert.equal(m.type, 'section');
    assert.equal(m.section, 'models');
  });

  it('closed with unsaved edits: says which sections it keeps (the Reopen button is a UI journey); closed without, says nothing', async () => {
    const p = await project();
    const a = await api();
    const proj = await projectOf(p);
    await open(p.id, () => a.settingsForms.show(proj));
    a.panels.send('settings', p.id, { type: 'edits', edits: { spendLimit: { amount: '321' }, dataRetention: { type: 'none' } } });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const said = await eventually(
      () => a.ui.asked.filter((x) => x.kind === 'info').map((x) => x.message),
      (m) => m.length > 0,
    );
    // Retention "none" may be what the project holds already: only what differs is named.
    assert.match(said[0]!, /^Settings: Customer Support Bot was closed with unsaved edits \(Hard spend limit(, Data retention)?\)\.$/);
    a.ui.asked.length = 0;
    await open(p.id, () => a.settingsForms.show(proj));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      a.ui.asked.filter((x) => x.kind === 'info'),
      [],
    );
    assert.deepEqual(await writes(), []);
  });
});
