// Numbers and dates from the API that are out of range (a proxy, a future API): a readable value or a
// named banner, never a broken folder or a view stuck on "Loading…".
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, eventually, extensionApi, resetOrg, state } from './helpers';

const fault = (body: unknown) => emulator.control('/faults', { method: 'POST', body });

describe('numbers and dates out of range', () => {
  beforeEach(async () => {
    await resetOrg();
    const api = await extensionApi();
    await api.adminKey.store(emulator.adminKey);
    await vscode.commands.executeCommand('openaiProjects.refresh');
  });
  afterEach(async () => {
    await emulator.control('/faults', { method: 'DELETE' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a key list with times in microseconds, negative and past the year 275760, and a limit of 1e400: readable rows', async () => {
    const api = await extensionApi();
    const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default)!;
    const key = (id: string, created: string, used: string) =>
      `{"object":"organization.project.api_key","id":"${id}","name":"${id}","redacted_value":"sk-proj-Ab...wxyz","created_at":${created},"last_used_at":${used},"owner":{"type":"user","user":{"id":"user_x","name":"X","email":"x@example.com","role":"owner","added_at":1,"object":"organization.project.user"}}}`;
    const keys = `{"object":"list","data":[${key('key_us', '1700000000000000', '-5')},${key('key_far', '9e15', '1e400')}],"first_id":null,"last_id":null,"has_more":false}`;
    await fault({ kind: 'response', status: 200, method: 'GET', path: `^/organization/projects/${p.id}/api_keys$`, body: keys });
    await fault({
      kind: 'response',
      status: 200,
      method: 'GET',
      path: `^/organization/projects/${p.id}/rate_limits$`,
      body: '{"object":"list","data":[{"object":"project.rate_limit","id":"rl-x","model":"gpt-x","max_requests_per_1_minute":1e400,"max_tokens_per_1_minute":-3}],"first_id":null,"last_id":null,"has_more":false}',
    });
    const row = (await api.tree.getChildren()).find((n) => n.id === p.id)!;
    const [, , keysFolder, limitsFolder] = await api.tree.getChildren(row);
    const keyRows = await api.tree.getChildren(keysFolder);
    const items = keyRows.map((n) => api.tree.getTreeItem(n));
    assert.deepEqual(
      items.map((i) => i.label),
      ['key_us', 'key_far'],
    );
    const tip = (i: vscode.TreeItem) => (typeof i.tooltip === 'string' ? i.tooltip : (i.tooltip?.value ?? ''));
    const text = items.map((i) => `${String(i.description)} ${tip(i)}`).join('\n');
    assert.match(text, /created Nov 1[345], 2023/, 'microseconds read as the same instant (in the display language, English here)');
    assert.match(text, /unknown date/, 'a negative or infinite time says so');
    const limit = api.tree.getTreeItem((await api.tree.getChildren(limitsFolder))[0]!);
    assert.match(String(limit.description), /∞ RPM/);
    assert.doesNotMatch(`${String(limit.description)} ${tip(limit)}`, /NaN|Infinity|Invalid/);
  });

  it('a costs report with a negative, NaN-like or absurd amount: the rest is drawn, and a banner names what was left out', async () => {
    const api = await extensionApi();
    const p = (await state()).projects.find((x) => x.name === 'Customer Support Bot')!;
    const now = Math.floor(Date.now() / 1000 / 86_400) * 86_400;
    const result = (v: string) =>
      `{"object":"organization.costs.result","amount":{"value":${v},"currency":"usd"},"line_item":"gpt-4o, input","project_id":"${p.id}"}`;
    const bucket = (d: number, v: string) =>
      `{"object":"bucket","start_time":${now - d * 86_400},"end_time":${now - (d - 1) * 86_400},"results":[${result(v)}]}`;
    await fault({
      kind: 'response',
      status: 200,
      method: 'GET',
      path: '^/organization/costs$',
      body: `{"object":"page","data":[${bucket(3, '1.5')},${bucket(2, '-7')},${bucket(1, '1e400')},${bucket(0, '1e300')}],"has_more":false,"next_page":null}`,
    });
    const row = (await api.tree.getChildren()).find((n) => n.id === p.id)!;
    const before = api.panels.drawnAt(p.id);
    await vscode.commands.executeCommand('openaiProjects.showUsage', row);
    await eventually(
      () => api.panels.drawnAt(p.id),
      (t) => t > before,
      20_000,
    );
    const report = api.panels.report(p.id)!;
    assert.ok(Number.isFinite(report.costTotal), `total ${report.costTotal}`);
    assert.ok(Math.abs(report.costTotal - 1.5) < 1e-9, `total ${report.costTotal}`);
    assert.ok(
      report.problems.some((m) => /costs had 3 values out of range/.test(m)),
      JSON.stringify(report.problems),
    );
  });
});
