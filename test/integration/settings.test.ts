// Settings in the real host: a bad value is a clear message in the tree, not a stack trace, and the
// request timeout is honoured.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clearRequests, emulator, extensionApi, label, requests, resetOrg } from './helpers';

const config = () => vscode.workspace.getConfiguration('openaiProjects');

describe('settings', () => {
  before(async () => {
    await resetOrg();
    const api = await extensionApi();
    await api.adminKey.store(emulator.adminKey);
  });
  afterEach(async () => {
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await emulator.control('/faults', { method: 'DELETE' });
  });

  it('an out-of-range timeout is named in the tree, with its bounds', async () => {
    const api = await extensionApi();
    await config().update('requestTimeoutSeconds', 0, vscode.ConfigurationTarget.Global);
    api.tree.refresh();
    const rows = await api.tree.getChildren();
    assert.equal(rows.length, 1);
    assert.equal(label(rows[0]!), 'Could not load: The setting openaiProjects.requestTimeoutSeconds must be between 1 and 600 (got 0).');
  });

  it('a base URL that is not http(s) is named in the tree, and nothing is sent', async () => {
    const api = await extensionApi();
    const previous = config().inspect<string>('baseUrl');
    await config().update('baseUrl', 'ftp://example.com/v1', vscode.ConfigurationTarget.Global);
    try {
      api.tree.refresh();
      await clearRequests();
      const rows = await api.tree.getChildren();
      assert.equal((await requests()).length, 0, 'nothing reached the emulator');
      assert.equal(rows.length, 1);
      assert.equal(label(rows[0]!), 'Could not load: The setting openaiProjects.baseUrl ("ftp://example.com/v1") is not an http(s) URL.');
    } finally {
      await config().update('baseUrl', previous?.globalValue, vscode.ConfigurationTarget.Global);
    }
    api.tree.refresh();
    assert.ok((await api.tree.getChildren()).length >= 5, 'back on the emulator');
  });

  it('a request that outlives the timeout fails with a timeout row, and a retry then works', async () => {
    const api = await extensionApi();
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    await emulator.control('/faults', { method: 'POST', body: { kind: 'hang', count: 1, method: 'GET', path: '^/organization/projects$' } });
    api.tree.refresh();
    const started = Date.now();
    const rows = await api.tree.getChildren();
    assert.ok(Date.now() - started < 10_000, 'gave up in time');
    assert.equal(rows.length, 1);
    assert.match(label(rows[0]!), /^Could not load: The projects list: No answer from 127\.0\.0\.1:\d+ within 1 s\./);
    api.tree.refresh();
    assert.ok((await api.tree.getChildren()).length >= 5, 'the retry lists the projects');
  });

  it('a base URL with a trailing slash works; plain http to another host is refused before anything is sent', async () => {
    const api = await extensionApi();
    const previous = config().inspect<string>('baseUrl');
    try {
      await config().update('baseUrl', `${emulator.baseUrl}/`, vscode.ConfigurationTarget.Global);
      api.tree.refresh();
      assert.ok((await api.tree.getChildren()).length >= 5, 'listed through the trailing slash');
      await config().update('baseUrl', 'http://api.example.com/v1', vscode.ConfigurationTarget.Global);
      api.tree.refresh();
      await clearRequests();
      const rows = await api.tree.getChildren();
      assert.equal((await requests()).length, 0, 'nothing was sent');
      assert.equal(rows.length, 1);
      assert.match(
        label(rows[0]!),
        /^Could not load: The base URL "http:\/\/api\.example\.com\/v1" is plain http to api\.example\.com: the admin key would travel unencrypted/,
      );
    } finally {
      await config().update('baseUrl', previous?.globalValue, vscode.ConfigurationTarget.Global);
    }
  });
});
