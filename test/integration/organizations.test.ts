// Several organizations in the real host against one emulator that serves two, each to its own key
// (as the real API serves every organization at one address): Add Organization, Switch Organization,
// each with its own rows, index and files; Clear takes one organization's key and index.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fingerprint } from '../../src/index/files';
import { clearRequests, emulator, env, eventually, expectedProjectNames, extensionApi, labels, requests, resetOrg, state } from './helpers';

const run = <T>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`openaiProjects.${id}`, ...args);
const asked = async (kind: string) => (await extensionApi()).ui.asked.filter((x) => x.kind === kind);
const indexFiles = (key: string) => readdirSync(join(env('OAIPX_DATA_DIR')), { recursive: true, encoding: 'utf8' }).filter((f) => f.includes(fingerprint(key)));

interface Other {
  id: string;
  adminKey: string;
  projects: string[];
}

describe('several organizations', () => {
  let other: Other;
  beforeEach(async () => {
    await resetOrg();
    // Panels an earlier suite left open (plans) would be asked about at each switch.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    other = await emulator.control<Other>('/orgs', { method: 'POST', body: { seed: 'large:4' } });
    const a = await extensionApi();
    a.ui.reset();
    a.ui.answer();
    for (const o of a.adminKey.organizations()) await a.adminKey.clear(o.slot);
    await a.adminKey.store(emulator.adminKey);
    await run('refresh');
    await clearRequests();
  });
  afterEach(async () => {
    const a = await extensionApi();
    assert.deepEqual(a.ui.reset(), [], 'every scripted answer was asked for');
    for (const o of a.adminKey.organizations()) await a.adminKey.clear(o.slot);
    await a.index.forget(fingerprint(other.adminKey));
    await a.adminKey.store(emulator.adminKey);
    await run('refresh');
  });

  it('Add Organization keeps both keys, labels each with the id the API reports, and the views follow the one in use', async () => {
    const a = await extensionApi();
    const first = await state();
    assert.deepEqual(labels(await a.tree.getChildren()), expectedProjectNames(first));
    a.ui.answer('Acme subsidiary', other.adminKey);
    const added = await run<{ slot: string; org?: string }>('addOrganization');
    assert.equal(added.org, other.id, 'labelled with the organization the API named');
    assert.deepEqual(labels(await a.tree.getChildren()).sort(), [...other.projects].sort(), "the other organization's projects, and none of the first's");
    const orgs = a.adminKey.organizations();
    assert.equal(orgs.length, 2);
    assert.equal(orgs.find((o) => o.slot !== added.slot)?.org, first.id, 'the first key is labelled from its answers too');
    assert.equal(a.adminKey.active?.slot, added.slot);
    // Nothing of the first organization's under the second: its members are not the first's.
    const members = await a.store.orgList('members');
    assert.ok(!members.some((m) => first.users.some((u) => u.id === m.id)));
    // Each key has its own index on disk.
    await a.index.flush();
    assert.ok(indexFiles(other.adminKey).length > 0, 'an index of its own');
    assert.ok(indexFiles(emulator.adminKey).length > 0, "the first organization's index is still there");

    // Back to the first: its rows come from its index, before any request.
    a.ui.answer(first.id);
    await run('switchOrganization');
    await clearRequests();
    const shown = labels(await a.tree.getChildren());
    const shownAt = Date.now();
    assert.deepEqual(shown, expectedProjectNames(first));
    assert.deepEqual(
      (await requests()).filter((r) => r.at <= shownAt),
      [],
      'no request before the rows',
    );
    // The same key added again is refused: it is already set up.
    a.ui.answer('Again', other.adminKey);
    await run('addOrganization');
    assert.match((await asked('error')).at(-1)!.message, new RegExp(`That key is of Acme subsidiary \\(${other.id}\\), which is already set up here`));
    assert.equal(a.adminKey.organizations().length, 2);
  });

  it('Switch asks before closing the panels open for the organization left, and Set Admin Key refuses a key of another organization', async () => {
    const a = await extensionApi();
    await a.tree.getChildren();
    a.ui.answer('Acme subsidiary', other.adminKey);
    await run('addOrganization');
    await run('showOrganizationUsage');
    await eventually(
      () => a.usage.panels().length,
      (n) => n === 1,
    );
    // Dismissed: nothing changes.
    const first = await state();
    a.ui.answer(first.id, undefined);
    await run('switchOrganization');
    const confirm = (await asked('confirm')).at(-1)!;
    assert.match(confirm.detail!, /^The panels open for this organization close: "Usage & Cost[^"]*"\. Edits not saved/);
    assert.equal(a.usage.panels().length, 1);
    assert.equal(a.adminKey.active?.org, other.id);
    a.ui.answer(first.id, 'Switch');
    await run('switchOrganization');
    assert.equal(a.usage.panels().length, 0, 'closed');
    assert.notEqual(a.adminKey.active.org, other.id);
    // A key of the other organization is not the first's new key.
    a.ui.answer(other.adminKey);
    await run('setAdminKey');
    assert.match((await asked('error')).at(-1)!.message, new RegExp(`That key is of the organization ${other.id}, not of`));
  });

  /** Until the emulator has seen no new request for half a second. */
  const quiet = async () => {
    let last = -1;
    for (let i = 0; i < 20; i++) {
      const n = (await requests()).length;
      if (n === last) return;
      last = n;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it('a project file names its organization: exported with it, refused by a window on another one before any request', async () => {
    const a = await extensionApi();
    const first = await state();
    const p = first.projects.find((x) => !x.is_default && x.status === 'active')!;
    const folder = vscode.Uri.file(join(env('OAIPX_DATA_DIR'), 'files-orgs'));
    await vscode.workspace.fs.createDirectory(folder);
    const uri = vscode.Uri.joinPath(folder, 'p.openai-project.json');
    await a.tree.getChildren();
    a.ui.answer(p.name, 'Only limits that differ from the default project’s', uri.fsPath);
    await run('exportProject');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, new RegExp(`^\\{\\n  "organization": "${first.id}",\\n  "project": `));
    a.ui.answer('Acme subsidiary', other.adminKey);
    await run('addOrganization');
    // The tree lists the other organization's projects on its own (the switch redraws it), and a view
    // left open reads what it shows: those reads are the views', not the file's, so the side bar is
    // closed and they are let land before the count starts.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await a.tree.getChildren();
    await quiet();
    await clearRequests();
    await run('compareWithOrganization', uri);
    assert.match(
      (await asked('error')).at(-1)!.message,
      new RegExp(`p\\.openai-project\\.json is of the organization ${first.id}, and this window uses ${other.id}`),
    );
    await run('applyToOrganization', uri);
    assert.match((await asked('error')).at(-1)!.message, /nothing was read or changed/);
    assert.deepEqual(await requests(), [], 'nothing was asked of the other organization');
  });

  it('Clear removes one organization’s key and index; the other stays in use', async () => {
    const a = await extensionApi();
    await a.tree.getChildren();
    a.ui.answer('Acme subsidiary', other.adminKey);
    const added = await run<{ slot: string }>('addOrganization');
    await a.tree.getChildren();
    await a.index.flush();
    assert.ok(indexFiles(other.adminKey).length > 0);
    a.ui.answer('Acme subsidiary', 'Remove Key');
    await run('clearAdminKey');
    assert.ok(!a.adminKey.organizations().some((o) => o.slot === added.slot));
    assert.equal(indexFiles(other.adminKey).length, 0, 'its index is gone');
    assert.equal(await a.adminKey.get(), emulator.adminKey, 'the first organization is in use again');
    assert.match((await asked('info')).at(-1)!.message, /The admin key of Acme subsidiary was removed\. Now using /);
    assert.deepEqual(labels(await a.tree.getChildren()), expectedProjectNames(await state()));
    // With one left there is nothing to switch to.
    await run('switchOrganization');
    assert.match((await asked('error')).at(-1)!.message, /^Only one organization is set up here\. Add another with/);
  });
});
