// Try a Demo Organization: the emulator inside the extension host, on its own address and key for the
// session; the person's key, settings and organization are left exactly as they were. Named to run
// after the suites that drive the tree with the Projects view never shown (the demo shows it), and
// before zz-leaks, which checks every file the suite wrote, the demo's included.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { clearRequests, emulator, eventually, extensionApi, label, requests, resetOrg, state } from './helpers';

const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(`openaiProjects.${id}`, ...args);
const names = async () => (await (await extensionApi()).tree.getChildren()).map(label);
const baseUrlSetting = () => vscode.workspace.getConfiguration('openaiProjects').inspect('baseUrl');

describe('demo organization', () => {
  before(async () => {
    await resetOrg();
    // The person's own organization: the emulator's, with its key stored as Set Admin Key does.
    await (await extensionApi()).adminKey.store(emulator.adminKey);
  });
  afterEach(async () => {
    await run('stopDemo');
    (await extensionApi()).ui.reset();
  });

  it('runs every command against a demo on 127.0.0.1, and Stop Demo returns to the own key and settings untouched', async () => {
    const a = await extensionApi();
    const ownKey = await a.adminKey.get();
    assert.ok(ownKey, 'an own key to return to');
    const stored = await a.secrets.get('openaiProjects.adminKey');
    const setting = JSON.stringify(baseUrlSetting());
    const own = await names();
    assert.ok(own.length > 0);
    // A refresh of the own list still on its way (a key stored just before) lands before counting starts.
    await a.store.projects(true);
    await clearRequests();

    await run('tryDemo');
    assert.equal(a.view.description, 'Demo organization');
    assert.match(a.view.message ?? '', /demo organization on this machine/);
    const demoKey = await a.adminKey.get();
    assert.ok(demoKey && demoKey !== ownKey, 'the demo has a key of its own');
    const shown = await names();
    assert.ok(shown.length > 0, 'the demo lists its projects');
    // A change in the demo: created there, not in the person's organization.
    a.ui.answer('Create');
    const id = await run('createProject', 'Tried in the Demo');
    assert.ok(typeof id === 'string');
    assert.ok((await names()).includes('Tried in the Demo'));
    assert.equal((await requests()).length, 0, 'nothing was sent to the own organization');
    assert.ok(!(await state()).projects.some((p) => p.name === 'Tried in the Demo'));
    assert.equal(await a.secrets.get('openaiProjects.adminKey'), stored, 'SecretStorage untouched');
    assert.equal(JSON.stringify(baseUrlSetting()), setting, 'settings untouched');

    await run('stopDemo');
    assert.equal(a.view.description, undefined);
    assert.equal(a.view.message, undefined);
    assert.equal(await a.adminKey.get(), ownKey);
    assert.deepEqual(await names(), own, 'the own organization, as it was');
    await eventually(requests, (rs) => rs.some((r) => r.path === '/organization/projects'), 10_000);

    // The demo's state is kept in the extension's storage for next time, until it is reset.
    await run('tryDemo');
    assert.ok((await names()).includes('Tried in the Demo'), 'kept for next time');
    a.ui.answer('Reset');
    await run('resetDemo');
    assert.ok(!(await names()).includes('Tried in the Demo'), 'reset to its first state');
    assert.equal(a.view.description, 'Demo organization', 'still the demo after a reset');
  });

  it('Set Admin Key while the demo runs switches to that key and stops the demo', async () => {
    const a = await extensionApi();
    const ownKey = (await a.adminKey.get())!;
    await run('tryDemo');
    assert.notEqual(await a.adminKey.get(), ownKey);
    await a.adminKey.store(ownKey);
    assert.equal(await a.adminKey.get(), ownKey);
    assert.equal(a.view.description, undefined);
    assert.ok((await names()).length > 0);
  });

  it('keeps its organization in the extension’s storage, not in the workspace or the settings', async () => {
    const a = await extensionApi();
    await run('tryDemo');
    const file = join(a.globalStorageUri.fsPath, 'demo', 'organization.json');
    const stat = await vscode.workspace.fs.stat(vscode.Uri.file(file));
    assert.ok(stat.size > 0, `${file} holds the demo`);
  });
});
