// The manifest and the code agree, checked in the real host: every contributed command is registered,
// and the command-id map names exactly the contributed commands.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/kit/ids';
import type { TreeNode } from '../../src/kit/node';
import { emulator, EXTENSION_ID, extensionApi } from './helpers';

describe('manifest', () => {
  const manifest = () =>
    vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string; category?: string }[]; menus: Record<string, { command: string }[]> };
    };

  it('registers every contributed command once activated', async () => {
    await extensionApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest().contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 4);
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
    );
  });

  it('the COMMANDS map and package.json name the same commands', () => {
    const contributed = manifest()
      .contributes.commands.map((c) => c.command)
      .sort();
    assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
    // The manifest's strings live in package.nls.json; the host may hand them over resolved or not.
    const nls = JSON.parse(readFileSync(join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.nls.json'), 'utf8')) as Record<
      string,
      string
    >;
    const text = (s?: string) => (s && /^%.+%$/.test(s) ? nls[s.slice(1, -1)] : s);
    for (const c of manifest().contributes.commands) assert.equal(text(c.category), 'OpenAI Projects', `${c.command} has the category`);
  });

  it('menus only name contributed commands', () => {
    const contributed = new Set(manifest().contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest().contributes.menus)) {
      for (const item of items) assert.ok(contributed.has(item.command), `${menu} names ${item.command}`);
    }
  });
});

describe('menus and the tree', () => {
  it('every viewItem a menu names is a context value the tree produces', async () => {
    const api = await extensionApi();
    await api.adminKey.store(emulator.adminKey);
    await vscode.commands.executeCommand('openaiProjects.showArchived');
    const produced = new Set<string>();
    try {
      api.tree.refresh();
      const walk = async (nodes: TreeNode[], depth: number): Promise<void> => {
        for (const n of nodes) {
          const cv = n.getTreeItem().contextValue;
          if (cv) produced.add(cv);
          if (depth < 2) await walk(await api.tree.getChildren(n), depth + 1);
        }
      };
      await walk(await api.tree.getChildren(), 0);
      // The Organization view's rows too.
      for (const f of await api.orgTree.getChildren()) {
        produced.add(f.getTreeItem().contextValue!);
        for (const n of await api.orgTree.getChildren(f)) {
          if (n.getTreeItem().contextValue) produced.add(n.getTreeItem().contextValue!);
          // A group's members, under its row.
          for (const m of await api.orgTree.getChildren(n)) if (m.getTreeItem().contextValue) produced.add(m.getTreeItem().contextValue!);
        }
      }
    } finally {
      await vscode.commands.executeCommand('openaiProjects.hideArchived');
    }
    for (const v of [
      'project',
      'project.default',
      'project.archived',
      'folder.users',
      'user',
      'serviceAccount',
      'apiKey',
      'apiKey.serviceAccount',
      'rateLimit',
      'orgFolder.members',
      'orgMember.owner',
      'orgMember',
      'invite.pending',
      'adminKey.current',
      'adminKey',
      'folder.groups',
      'projectGroup',
      'orgFolder.groups',
      'orgGroup',
      'orgGroup.scim',
      'groupMember',
      'groupMember.scim',
    ]) {
      assert.ok(produced.has(v), `the demo tree produces ${v} (has ${[...produced].join(', ')})`);
    }
    const menus = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }
    ).contributes.menus;
    let checked = 0;
    for (const item of menus['view/item/context'] ?? []) {
      const eq = /viewItem == ([\w.]+)/.exec(item.when ?? '');
      const re = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(item.when ?? '');
      assert.ok(eq || re, `${item.command} names a viewItem`);
      const matches = [...produced].filter((v) => (eq ? v === eq[1] : new RegExp(re![1]!).test(v)));
      assert.ok(matches.length, `${item.command} (${item.when}) matches a context value the tree produces`);
      checked++;
    }
    assert.ok(checked >= 10);
  });
});
