// The manifest and the code agree, checked in the real host: every contributed command is registered,
// and the command-id map names exactly the contributed commands.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/commands/ids';
import { EXTENSION_ID, extensionApi } from './helpers';

describe('manifest', () => {
  const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
    contributes: { commands: { command: string; category?: string }[]; menus: Record<string, { command: string }[]> };
  };

  it('registers every contributed command once activated', async () => {
    await extensionApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest().contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 4);
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('the COMMANDS map and package.json name the same commands', () => {
    const contributed = manifest().contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
    for (const c of manifest().contributes.commands) assert.equal(c.category, 'OpenAI Projects', `${c.command} has the category`);
  });

  it('menus only name contributed commands', () => {
    const contributed = new Set(manifest().contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest().contributes.menus)) {
      for (const item of items) assert.ok(contributed.has(item.command), `${menu} names ${item.command}`);
    }
  });
});
