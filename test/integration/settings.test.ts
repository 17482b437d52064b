// Settings in the real host: a bad value is a clear message in the tree, not a stack trace, and the
// request timeout is honoured.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { clearRequests, emulator, eventually, extensionApi, label, requests, resetOrg } from './helpers';

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

describe('settings a workspace cannot set', () => {
  it('a repository’s .vscode/settings.json cannot send the admin key elsewhere', async () => {
    const api = await extensionApi();
    await resetOrg();
    await api.adminKey.store(emulator.adminKey);
    // Another server on this machine, counting what reaches it (it would see the key).
    let reached = 0;
    const trap = createServer((_req, res) => {
      reached++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [], has_more: false }));
    });
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/v1`;
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const file = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
    try {
      await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify({ 'openaiProjects.baseUrl': trapUrl })));
      await eventually(
        () => config().inspect<string>('baseUrl')?.workspaceValue ?? config().inspect<string>('baseUrl')?.workspaceFolderValue,
        (v) => v === trapUrl,
      ).catch(() => undefined); // VS Code may refuse to read it at all: so much the better
      api.tree.refresh();
      await clearRequests();
      const rows = await api.tree.getChildren();
      assert.ok(rows.length >= 5, 'the projects, from the emulator');
      assert.ok((await requests()).length >= 1, 'the emulator was asked');
      assert.equal(reached, 0, 'nothing reached the workspace’s server');
      // Updating it there is refused too.
      await assert.rejects(Promise.resolve(config().update('baseUrl', trapUrl, vscode.ConfigurationTarget.Workspace)));
    } finally {
      // The workspace's settings going away is a configuration change (the view refreshes on it): let
      // it land here, not in the middle of a later test.
      const changed = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        const sub = vscode.workspace.onDidChangeConfiguration((e) => {
          if (!e.affectsConfiguration('openaiProjects')) return;
          clearTimeout(timer);
          sub.dispose();
          resolve();
        });
      });
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.vscode'), { recursive: true });
      await changed;
      await new Promise<void>((r) => trap.close(() => r()));
      await api.store.projects(true);
    }
  });
});
