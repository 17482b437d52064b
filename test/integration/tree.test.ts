// The organization tree in the real host: folders, counts, leaves, caching and targeted refresh.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/kit/node';
import { clearRequests, emulator, eventually, expectedProjectNames, extensionApi, label, requests, resetOrg, state } from './helpers';

async function projectRow(name: string): Promise<TreeNode> {
  const api = await extensionApi();
  const row = (await api.tree.getChildren()).find((n) => label(n) === name);
  assert.ok(row, `a row for ${name}`);
  return row;
}

describe('tree', () => {
  before(async () => {
    await resetOrg();
    const api = await extensionApi();
    await api.adminKey.store(emulator.adminKey);
    api.tree.refresh();
  });

  it('lists the default project first and marks it', async () => {
    const api = await extensionApi();
    const rows = await api.tree.getChildren();
    assert.deepEqual(rows.map(label), expectedProjectNames(await state()));
    const first = rows[0]!.getTreeItem();
    assert.equal(first.description, 'default');
    assert.equal(first.contextValue, 'project.default');
    assert.equal(first.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('expanding a project loads its four folders in parallel, with counts, and caches them (Groups only when opened)', async () => {
    const api = await extensionApi();
    const org = await state();
    const p = org.projects.find((x) => x.status === 'active' && !x.is_default && x.api_keys.length && x.service_accounts.length)!;
    await clearRequests();
    const row = await projectRow(p.name);
    const folders = await api.tree.getChildren(row);
    assert.deepEqual(folders.map(label), ['Users', 'Service accounts', 'API keys', 'Rate limits', 'Groups']);
    assert.deepEqual(
      folders.map((f) => f.id),
      ['users', 'serviceAccounts', 'apiKeys', 'rateLimits', 'groups'].map((k) => `${p.id}/${k}`),
    );
    const counts = await eventually(
      () => folders.slice(0, 4).map((f) => f.getTreeItem().description),
      (d) => d.every((x) => x !== undefined),
    );
    assert.equal(folders[4]!.getTreeItem().description, undefined, 'Groups: not read until opened');
    assert.deepEqual(counts, [p.members.length, p.service_accounts.length, p.api_keys.length, p.rate_limits.length].map(String));
    // The project list itself may be read first (a test run alone starts with none held).
    const lists = (await requests()).filter((r) => r.method === 'GET' && r.path !== '/organization/projects');
    assert.equal(lists.length, 4, JSON.stringify(lists));
    assert.ok(lists.every((r) => r.query.includes('limit=100')));

    // Expanding again, and the folders themselves, costs nothing.
    await clearRequests();
    await api.tree.getChildren(row);
    const [users, , keys, limits] = folders;
    const userRows = await api.tree.getChildren(users);
    const keyRows = await api.tree.getChildren(keys);
    const limitRows = await api.tree.getChildren(limits);
    assert.equal((await requests()).length, 0, 'no request within the cache');

    const u = org.users.find((x) => x.id === p.members[0]!.user_id)!;
    const uRow = userRows.find((r) => label(r) === u.name)!.getTreeItem();
    assert.equal(uRow.description, `${u.email} · ${p.members[0]!.role}`);
    assert.equal(uRow.id, `${p.id}/users/${u.id}`);
    assert.equal(keyRows.length, p.api_keys.length);
    assert.match(String(keyRows[0]!.getTreeItem().description), /^sk-.*(\*{2,}|\.{3}).* · .+ · used /);
    const gpt = limitRows.find((r) => label(r) === 'gpt-4o-mini');
    if (gpt) assert.match(String(gpt.getTreeItem().description), /^\d+(\.\d)?[KM]? RPM · \d+(\.\d)?[KM]? TPM/);
    assert.match(limitRows[0]!.getTreeItem().tooltip as string, /Requests per minute: [\d,]+/);
  });

  it('refreshing one folder reloads that list only', async () => {
    const api = await extensionApi();
    const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default)!;
    const folders = await api.tree.getChildren(await projectRow(p.name));
    await eventually(
      () => folders[1]!.getTreeItem().description,
      (d) => d !== undefined,
    );
    await clearRequests();
    await vscode.commands.executeCommand('openaiProjects.refreshNode', folders[1]);
    assert.equal(folders[1]!.getTreeItem().description, undefined, 'no count while reloading');
    await api.tree.getChildren(folders[1]);
    assert.equal(folders[1]!.getTreeItem().description, String(p.service_accounts.length), 'the count is back');
    const r = await requests();
    assert.deepEqual(
      r.map((x) => x.path),
      [`/organization/projects/${p.id}/service_accounts`],
    );
  });

  it('a failed folder load is an error row with a retry, and the retry loads it', async () => {
    const api = await extensionApi();
    const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default)!;
    const folders = await api.tree.getChildren(await projectRow(p.name));
    const limits = folders[3]!;
    await emulator.control('/faults', { method: 'POST', body: { kind: '500', count: 3, method: 'GET', path: '/rate_limits$' } });
    api.tree.refresh(limits);
    const rows = await api.tree.getChildren(limits);
    assert.equal(rows.length, 1);
    const item = rows[0]!.getTreeItem();
    assert.match(item.label as string, /^Could not load: The rate limits of project proj_\w+: The OpenAI API had a server error \(500\)/);
    assert.equal(item.command?.command, 'openaiProjects.refreshNode');
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments as unknown[] | undefined) ?? []));
    const again = await api.tree.getChildren(limits);
    assert.equal(again.length, (await state()).projects.find((x) => x.id === p.id)!.rate_limits.length);
  });

  it('a malformed answer is an error row naming what was wrong, not a broken tree', async () => {
    const api = await extensionApi();
    const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default)!;
    const users = (await api.tree.getChildren(await projectRow(p.name)))[0]!;
    await emulator.control('/faults', {
      method: 'POST',
      body: { kind: 'response', status: 200, method: 'GET', path: '/users$', body: { object: 'list', data: [{ id: 42 }], has_more: false } },
    });
    api.tree.refresh(users);
    const rows = await api.tree.getChildren(users);
    assert.equal(rows.length, 1);
    assert.match(label(rows[0]!), /^Could not load: .*data\.0\./);
    api.tree.refresh(users);
    assert.equal((await api.tree.getChildren(users)).length, p.members.length, 'a retry loads it');
  });

  it('unknown fields and new role or status values do not break the tree', async () => {
    const api = await extensionApi();
    const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default)!;
    const users = (await api.tree.getChildren(await projectRow(p.name)))[0]!;
    const future = {
      object: 'organization.project.user',
      id: 'user_future',
      name: 'Future Person',
      email: 'f@example.com',
      role: 'auditor',
      added_at: 1_800_000_000,
      team: { id: 't1' },
    };
    await emulator.control('/faults', {
      method: 'POST',
      body: {
        kind: 'response',
        status: 200,
        method: 'GET',
        path: '/users$',
        body: { object: 'list', data: [future], first_id: 'user_future', last_id: 'user_future', has_more: false, next_feature: true },
      },
    });
    api.tree.refresh(users);
    const rows = await api.tree.getChildren(users);
    assert.deepEqual(rows.map(label), ['Future Person']);
    assert.equal(rows[0]!.getTreeItem().description, 'f@example.com · auditor');
  });

  it('archived projects are hidden until shown, then greyed and read-only', async () => {
    const api = await extensionApi();
    const org = await state();
    const archived = org.projects.find((x) => x.status === 'archived')!;
    assert.ok(!(await api.tree.getChildren()).some((n) => label(n) === archived.name));
    await vscode.commands.executeCommand('openaiProjects.showArchived');
    try {
      const row = await eventually(
        async () => (await api.tree.getChildren()).find((n) => label(n) === archived.name),
        (r) => !!r,
      );
      const item = row!.getTreeItem();
      assert.equal(item.description, 'archived');
      assert.equal(item.contextValue, 'project.archived');
      assert.equal(item.resourceUri?.scheme, 'openai-projects');
      const folders = await api.tree.getChildren(row);
      assert.ok(folders.every((f) => String(f.getTreeItem().contextValue).endsWith('.archived')));
    } finally {
      await vscode.commands.executeCommand('openaiProjects.hideArchived');
    }
    await eventually(
      async () => (await api.tree.getChildren()).some((n) => label(n) === archived.name),
      (shown) => !shown,
    );
  });
});
