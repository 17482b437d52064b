// The walking skeleton in the real extension host: no key → welcome → Set Admin Key → projects listed.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, eventually, expectedProjectNames, extensionApi, labels, state } from './helpers';

describe('walking skeleton', () => {
  before(async () => {
    // Other files ran first and stored a key: back to a host that has none.
    await (await extensionApi()).adminKey.clear();
  });

  it('with no key, the tree is empty so the welcome shows', async () => {
    const api = await extensionApi();
    assert.equal(await api.adminKey.get(), undefined, 'no key in SecretStorage and none in the environment');
    await eventually(
      () => api.adminKey.state,
      (s) => s === 'none',
    );
    assert.deepEqual(await api.tree.getChildren(), []);
  });

  it('refuses a key the API rejects, and stores nothing', async () => {
    const api = await extensionApi();
    api.ui.answer('Use This Key');
    const stored = await vscode.commands.executeCommand('openaiProjects.setAdminKey', 'sk-admin-not-the-right-key-1234');
    api.ui.reset();
    assert.equal(stored, undefined, 'the command failed');
    assert.equal(await api.adminKey.get(), undefined);
    assert.equal(api.adminKey.state, 'none');
  });

  it('stores a key the API accepts and lists every active project, the default first, then by name', async () => {
    const api = await extensionApi();
    api.ui.answer('Use This Key');
    const stored = await vscode.commands.executeCommand('openaiProjects.setAdminKey', emulator.adminKey);
    api.ui.reset();
    assert.equal(stored, true);
    assert.equal(await api.adminKey.get(), emulator.adminKey);
    assert.equal(api.adminKey.state, 'set');
    const expected = expectedProjectNames(await state());
    assert.ok(expected.length >= 5, 'the demo seed has projects');
    assert.deepEqual(labels(await api.tree.getChildren()), expected);
  });

  it('reads every page, 100 projects a request', async () => {
    const api = await extensionApi();
    const { adminKey } = await emulator.control<{ adminKey: string }>('/reset', { method: 'POST', body: { seed: 'large:250' } });
    try {
      assert.equal(adminKey, emulator.adminKey, 'a reset keeps the key');
      // A load the last test's key change started (the view's, in the background) lands first.
      await api.store.projects(true);
      await emulator.control('/requests', { method: 'DELETE' });
      await emulator.control('/latency', { method: 'POST', body: { ms: 100 } });
      api.tree.refresh();
      // The first page's rows come before the rest: they do not wait for the last page.
      const first = await api.tree.getChildren();
      assert.ok(first.length > 0 && first.length <= 100, `${first.length} rows after the first page`);
      await emulator.control('/latency', { method: 'POST', body: { ms: 0 } });
      const all = (await state()).projects;
      const active = all.filter((p) => p.status === 'active').length;
      const rows = await eventually(
        () => api.tree.getChildren(),
        (r) => r.length === active,
      );
      assert.deepEqual(
        first.map((n) => n.id),
        rows.slice(0, first.length).map((n) => n.id),
        'later pages came below the first',
      );
      const { requests } = await emulator.control<{ requests: { method: string; path: string; query: string }[] }>('/requests');
      const lists = requests.filter((r) => r.path === '/organization/projects');
      // Archived ones come in the same pages (include_archived), so the toggle costs no request.
      assert.equal(lists.length, Math.ceil(all.length / 100), JSON.stringify(lists));
      assert.ok(rows.length > 200);
      assert.ok(lists.every((r) => r.query.includes('limit=100')));
    } finally {
      await emulator.control('/reset', { method: 'POST', body: { seed: 'demo' } });
      api.tree.refresh();
    }
  });
});

describe('admin key sources', () => {
  it('follows a key stored by another window (SecretStorage.onDidChange)', async () => {
    const api = await extensionApi();
    await api.adminKey.clear();
    assert.equal(api.adminKey.state, 'none');
    // What another window of the same extension does: write the secret directly.
    await api.secrets.store('openaiProjects.adminKey', emulator.adminKey);
    await eventually(
      () => api.adminKey.state,
      (s) => s === 'set',
    );
    assert.ok((await api.tree.getChildren()).length >= 5);
    await api.secrets.delete('openaiProjects.adminKey');
    await eventually(
      () => api.adminKey.state,
      (s) => s === 'none',
    );
  });

  afterEach(async () => {
    delete process.env.OPENAI_ADMIN_KEY;
    await (await extensionApi()).adminKey.clear();
  });

  it('falls back to OPENAI_ADMIN_KEY when SecretStorage has none, and SecretStorage wins over it', async () => {
    const api = await extensionApi();
    await api.adminKey.clear();
    process.env.OPENAI_ADMIN_KEY = emulator.adminKey;
    await api.adminKey.refreshState();
    assert.equal(api.adminKey.state, 'set');
    assert.equal(await api.adminKey.get(), emulator.adminKey);
    assert.ok((await api.tree.getChildren()).length >= 5, 'the tree lists projects with the environment key');

    await api.adminKey.store('sk-admin-kept-in-secret-storage-0001');
    assert.equal(await api.adminKey.get(), 'sk-admin-kept-in-secret-storage-0001');
    // The API rejects that key: the view empties so its "invalid key" welcome shows.
    assert.deepEqual(await api.tree.getChildren(), []);
    await eventually(
      () => api.adminKey.state,
      (s) => s === 'invalid',
    );
  });
});

describe('setting the key through its prompts', () => {
  beforeEach(async () => {
    const api = await extensionApi();
    await api.adminKey.clear();
    api.ui.reset();
  });
  afterEach(async () => {
    await emulator.control('/faults', { method: 'DELETE' });
    assert.deepEqual((await extensionApi()).ui.reset(), [], 'every scripted answer was used');
  });

  it('asks again after a 401, with the reason, and stores the next key that works', async () => {
    const api = await extensionApi();
    api.ui.answer('sk-admin-wrong-wrong-wrong-0000', emulator.adminKey);
    assert.equal(await vscode.commands.executeCommand('openaiProjects.setAdminKey'), true);
    const inputs = api.ui.asked.filter((a) => a.kind === 'input');
    assert.equal(inputs.length, 2);
    assert.match(inputs[1]!.detail!, /^⚠ The admin key was rejected \(401\)/);
    assert.ok(!inputs[1]!.detail!.includes('wrong-wrong-wrong'), 'the rejected key is redacted');
    assert.equal(await api.adminKey.get(), emulator.adminKey);
  });

  it('a pasted key: surrounding spaces and a trailing line break are dropped; spaces or breaks inside are refused by the box', async () => {
    const api = await extensionApi();
    const inside = `${emulator.adminKey.slice(0, 12)} ${emulator.adminKey.slice(12)}`;
    api.ui.answer(`${emulator.adminKey.slice(0, 12)}\n${emulator.adminKey.slice(12)}`);
    await vscode.commands.executeCommand('openaiProjects.setAdminKey');
    api.ui.answer(inside);
    await vscode.commands.executeCommand('openaiProjects.setAdminKey');
    const refused = api.ui.asked.filter((a) => a.kind === 'error').map((a) => a.message);
    assert.equal(refused.length, 2);
    for (const m of refused) {
      assert.match(m, /The key has spaces or line breaks in it\./);
      assert.ok(!m.includes(emulator.adminKey.slice(12)), 'the pasted key is not shown back');
    }
    api.ui.reset();
    api.ui.answer(`  ${emulator.adminKey}\r\n`);
    assert.equal(await vscode.commands.executeCommand('openaiProjects.setAdminKey'), true);
    assert.equal(await api.adminKey.get(), emulator.adminKey);
  });

  it('when the API cannot be reached, saves only if the user says so', async () => {
    const api = await extensionApi();
    await emulator.control('/faults', { method: 'POST', body: { kind: '503', count: 4, method: 'GET', path: '^/organization/projects$' } });
    api.ui.answer(emulator.adminKey, undefined);
    await vscode.commands.executeCommand('openaiProjects.setAdminKey');
    assert.equal(await api.adminKey.get(), undefined, 'dismissed: nothing stored');
    assert.match(api.ui.asked.find((a) => a.kind === 'confirm')!.message, /could not be checked: The projects list: The OpenAI API had a server error \(503\)/);

    api.ui.answer(emulator.adminKey, 'Save Anyway');
    assert.equal(await vscode.commands.executeCommand('openaiProjects.setAdminKey'), true);
    assert.equal(await api.adminKey.get(), emulator.adminKey);
  });

  it('clears the key only after confirming', async () => {
    const api = await extensionApi();
    await api.adminKey.store(emulator.adminKey);
    api.ui.answer(undefined);
    await vscode.commands.executeCommand('openaiProjects.clearAdminKey');
    assert.equal(await api.adminKey.get(), emulator.adminKey, 'dismissed: kept');
    api.ui.answer('Remove Key');
    await vscode.commands.executeCommand('openaiProjects.clearAdminKey');
    assert.equal(await api.adminKey.get(), undefined);
    assert.equal(api.adminKey.state, 'none');
  });
});
