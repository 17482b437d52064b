// Settings in the real host: a bad value is a clear message in the tree, not a stack trace, and the
// request timeout is honoured.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, extensionApi, label, resetOrg } from './helpers';

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

  it('a request that outlives the timeout fails with a timeout row, and a retry then works', async () => {
    const api = await extensionApi();
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    await emulator.control('/faults', { method: 'POST', body: { kind: 'hang', count: 1, method: 'GET', path: '^/organization/projects$' } });
    api.tree.refresh();
    const started = Date.now();
    const rows = await api.tree.getChildren();
    assert.ok(Date.now() - started < 10_000, 'gave up in time');
    assert.equal(rows.length, 1);
    assert.match(label(rows[0]!), /^Could not load: No answer from 127\.0\.0\.1:\d+ within 1 s\./);
    api.tree.refresh();
    assert.ok((await api.tree.getChildren()).length >= 5, 'the retry lists the projects');
  });
});
