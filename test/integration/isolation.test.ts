// Nothing lands in the wrong place: an answer for one organization never shows under another's key,
// in the tree, in the index in memory, or in its files on disk.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fingerprint } from '../../src/index/files';
import { startEmulator, type Emulator } from '../../tools/emulator/server';
import { clearRequests, emulator, eventually, extensionApi, labels, requests, resetOrg, state } from './helpers';

const config = () => vscode.workspace.getConfiguration('openaiProjects');

describe('another organization', () => {
  let other: Emulator;
  let ours: string | undefined;
  before(async () => {
    ours = config().inspect<string>('baseUrl')?.globalValue;
    // A second organization: its own server, key and projects (a different seed and value).
    other = await startEmulator({ seed: 'large:12', seedValue: 7 });
  });
  after(async () => {
    await config().update('baseUrl', ours, vscode.ConfigurationTarget.Global);
    await (await extensionApi()).adminKey.store(emulator.adminKey);
    await other.close();
    await emulator.control('/latency', { method: 'POST', body: { ms: 0 } });
  });

  it('switching the admin key while a list loads: the late answer for the old key is dropped everywhere', async () => {
    const api = await extensionApi();
    await resetOrg();
    await api.adminKey.store(emulator.adminKey);
    api.tree.refresh();
    await api.tree.getChildren();
    await api.index.flush();
    const first = new Set((await api.tree.getChildren()).map((n) => n.id));
    // The old organization answers slowly; a refresh starts a load that is still under way at the switch.
    await emulator.control('/latency', { method: 'POST', body: { ms: 1500 } });
    api.tree.refresh();
    const late = api.tree.getChildren();
    const users = api.store.folder([...first][1]!, 'users');
    await new Promise((r) => setTimeout(r, 200));
    await config().update('baseUrl', other.baseUrl, vscode.ConfigurationTarget.Global);
    await api.adminKey.store(other.adminKey);
    const theirs = other.org.projects.filter((p) => p.status === 'active').map((p) => p.id);
    // Whoever waited for the old key's list gets the new organization's.
    assert.deepEqual(new Set((await late).map((n) => n.id)), new Set(theirs));
    await users.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1800)); // every old answer has landed by now
    const rows = await api.tree.getChildren();
    assert.deepEqual(new Set(rows.map((n) => n.id)), new Set(theirs), labels(rows).join(', '));
    assert.ok(!rows.some((n) => first.has(n.id)), 'no project of the first organization in the tree');
    assert.deepEqual(new Set(api.index.projects?.items.map((p) => p.id)), new Set(theirs), 'the index in memory holds only the new organization');
    assert.equal(api.index.folder([...first][1]!, 'users'), undefined, 'nor the old organization’s users');
    await api.index.flush();
    const dir = join(api.globalStorageUri.fsPath, 'index', fingerprint(other.adminKey));
    const onDisk = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const id of first) assert.ok(!onDisk.includes(id), `${id} of the first organization is not in the new one's index on disk`);
    // Back to the first organization, as it was.
    await config().update('baseUrl', ours, vscode.ConfigurationTarget.Global);
    await emulator.control('/latency', { method: 'POST', body: { ms: 0 } });
    await api.adminKey.store(emulator.adminKey);
    await eventually(
      async () => new Set((await api.tree.getChildren()).map((n) => n.id)),
      (ids) => [...first].every((id) => ids.has(id)),
    );
  });
});

describe('a read-back that does not trust this machine’s clock', () => {
  afterEach(async () => {
    await emulator.control('/clock', { method: 'POST', body: { offsetMs: 0 } });
    await emulator.control('/faults', { method: 'DELETE' });
  });

  // [what the extension knew before the create]
  for (const known of ['the project list in the cache', 'nothing but the API’s Date header'] as const) {
    it(`a create whose answer was lost, on a server a minute behind, reads back done (${known})`, async () => {
      const api = await extensionApi();
      await resetOrg();
      await api.adminKey.store(emulator.adminKey);
      await emulator.control('/clock', { method: 'POST', body: { offsetMs: -60_000 } });
      await vscode.commands.executeCommand('openaiProjects.refresh');
      await api.store.projects(true); // the tree's list, and a Date header or three from the server
      if (known !== 'the project list in the cache') api.store.invalidate();
      const name = `Created A Minute Ago ${known.length}`;
      await emulator.control('/faults', { method: 'POST', body: { kind: 'drop', after: true, method: 'POST', path: '^/organization/projects$' } });
      api.ui.reset();
      api.ui.answer(name);
      await vscode.commands.executeCommand('openaiProjects.createProject');
      const said = api.ui.asked.filter((x) => x.kind === 'info' || x.kind === 'error').map((x) => x.message);
      api.ui.reset();
      assert.equal((await state()).projects.filter((p) => p.name === name).length, 1, 'created once');
      assert.ok(
        said.some((m) => m.includes(`Project "${name}" created`) && m.includes('reading it back showed it done')),
        JSON.stringify(said),
      );
    });
  }
});

describe('one plan at a time', () => {
  after(() => emulator.control('/latency', { method: 'POST', body: { ms: 0 } }));

  it('a second run while a plan is being applied sends nothing and says one is running', async () => {
    const api = await extensionApi();
    await resetOrg();
    await api.adminKey.store(emulator.adminKey);
    await vscode.commands.executeCommand('openaiProjects.refresh');
    const org = await state();
    const ada = org.users.find((u) => u.name === 'Ada Lovelace')!;
    const memberships = org.projects.filter((p) => p.status === 'active' && !p.is_default && p.members.some((m) => m.user_id === ada.id));
    assert.ok(memberships.length >= 2, 'the seed has Ada in several projects');
    // Every list indexed first: both plans are then made without a request, and the writes are slow.
    await vscode.commands.executeCommand('openaiProjects.indexOrganization');
    await emulator.control('/latency', { method: 'POST', body: { ms: 1500 } });
    await clearRequests();
    api.ui.reset();
    api.ui.answer('Ada Lovelace');
    api.panels.answerPlans('apply');
    const first = vscode.commands.executeCommand<{ outcomes: { result: string }[] }>('openaiProjects.removeUserEverywhere');
    // Applying: Apply clicked on its plan, and its progress notification up.
    await eventually(
      () => api.panels.plan('remove Ada Lovelace from all projects')?.phase,
      (phase) => phase === 'applying',
    );
    api.ui.answer('Ada Lovelace');
    api.panels.answerPlans('apply');
    const second = await vscode.commands.executeCommand('openaiProjects.removeUserEverywhere');
    const r = await first;
    const asked = api.ui.asked.map((x) => `${x.kind}: ${x.message}`);
    const left = api.ui.reset();
    assert.equal(second, undefined);
    assert.ok(
      asked.some((m) => /^warning: .*is being applied: nothing more is sent/.test(m)),
      JSON.stringify(asked),
    );
    assert.equal(r.outcomes.filter((o) => o.result === 'done').length, memberships.length);
    const deletes = (await requests()).filter((x) => x.method === 'DELETE' && x.path.endsWith(`/users/${ada.id}`));
    assert.equal(deletes.length, memberships.length, 'each membership removed once');
    assert.ok(left.length <= 1, 'the second run asked for its person and went no further than its plan');
  });
});

describe('a new service account whose answer is of the wrong shape', () => {
  it('still shows its key once, as the answer carries it', async () => {
    const api = await extensionApi();
    await resetOrg();
    await api.adminKey.store(emulator.adminKey);
    await vscode.commands.executeCommand('openaiProjects.refresh');
    const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default)!;
    const row = (await api.tree.getChildren()).find((n) => n.id === p.id)!;
    await emulator.control('/faults', {
      method: 'POST',
      body: { kind: 'reshape', after: true, method: 'POST', path: `^/organization/projects/${p.id}/service_accounts$` },
    });
    api.ui.reset();
    api.ui.answer('reshaped-bot', undefined); // its name; the key's dialog, dismissed
    await vscode.commands.executeCommand('openaiProjects.createServiceAccount', row);
    const dialog = api.ui.asked.find((x) => x.kind === 'modal');
    api.ui.reset();
    const minted = (await emulator.control<{ keys: string[] }>('/minted')).keys.at(-1)!;
    assert.ok(dialog, 'the key’s dialog was shown');
    assert.equal(dialog.detail, minted, 'with the key the answer carried');
    assert.equal((await state()).projects.find((x) => x.id === p.id)!.service_accounts.filter((s) => s.name === 'reshaped-bot').length, 1, 'created once');
  });
});
