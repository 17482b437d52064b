// Every action against the emulator, from a tree node and from the palette (target picked), with the
// refusals made before any request and the API's own errors shown as a person would read them.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/kit/node';
import { clearRequests, emulator, eventually, extensionApi, label, requests, resetOrg, state, type EmuProject } from './helpers';

const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(`openaiProjects.${id}`, ...args);

async function api() {
  return extensionApi();
}

async function projectRow(name: string): Promise<TreeNode> {
  const row = (await (await api()).tree.getChildren()).find((n) => label(n) === name);
  assert.ok(row, `a row for ${name}`);
  return row;
}

async function folder(p: EmuProject, index: number): Promise<TreeNode> {
  const a = await api();
  return (await a.tree.getChildren(await projectRow(p.name)))[index]!;
}

async function leaves(p: EmuProject, index: number): Promise<TreeNode[]> {
  return (await api()).tree.getChildren(await folder(p, index));
}

/** What the extension showed: errors, notifications or status-bar messages, in order. */
async function shown(kind: 'error' | 'info' | 'status') {
  return (await api()).ui.asked.filter((a) => a.kind === kind).map((a) => a.message);
}

const writes = async () => (await requests()).filter((r) => r.method !== 'GET');
const someProject = async () =>
  (await state()).projects.find((x) => x.status === 'active' && !x.is_default && x.api_keys.length > 1 && x.service_accounts.length)!;

describe('commands', () => {
  beforeEach(async () => {
    await resetOrg();
    const a = await api();
    a.ui.reset();
    a.ui.answer(); // record what is shown, from here on
    await a.adminKey.store(emulator.adminKey);
    // The command, not just the tree: it also forgets a rate limit learned from an earlier test's 429.
    await vscode.commands.executeCommand('openaiProjects.refresh');
    await clearRequests();
  });
  afterEach(async () => {
    const left = (await api()).ui.reset();
    assert.deepEqual(left, [], 'every scripted answer was asked for');
  });

  describe('projects', () => {
    it('creates a project from the palette and lists it', async () => {
      (await api()).ui.answer('Payments Team');
      const id = await run('createProject');
      const created = (await state()).projects.find((p) => p.name === 'Payments Team');
      assert.ok(created, 'the emulator has it');
      assert.equal(id, created.id);
      assert.ok((await (await api()).tree.getChildren()).some((n) => label(n) === 'Payments Team'));
      assert.deepEqual(
        (await shown('status')).at(-1),
        `Project "Payments Team" created (${created.id}).`,
        'a routine success: the status bar, not a notification',
      );
      assert.ok(!(await shown('info')).some((m) => m.includes('Payments Team')));
    });

    it('refuses an empty or overlong name before any request', async () => {
      (await api()).ui.answer('   ');
      await run('createProject');
      (await api()).ui.answer('x'.repeat(129));
      await run('createProject');
      assert.equal((await writes()).length, 0);
      const errors = await shown('error');
      assert.match(errors[0]!, /A project needs a name/);
      assert.match(errors[1]!, /At most 128 characters/);
    });

    it('renames a project from its row', async () => {
      const p = await someProject();
      (await api()).ui.answer('Renamed Project');
      await run('renameProject', await projectRow(p.name));
      assert.equal((await state()).projects.find((x) => x.id === p.id)!.name, 'Renamed Project');
      assert.ok((await (await api()).tree.getChildren()).some((n) => label(n) === 'Renamed Project'));
    });

    it('archives after a confirmation that says what stops working; the row leaves the list with no list request', async () => {
      const p = await someProject();
      await (await api()).tree.getChildren();
      await clearRequests();
      (await api()).ui.answer('Archive');
      await run('archiveProject', await projectRow(p.name));
      const confirm = (await api()).ui.asked.find((a) => a.kind === 'confirm')!;
      assert.match(confirm.message, new RegExp(`Archive the project "${p.name}"`));
      assert.match(confirm.detail!, /cannot be undone/);
      assert.match(confirm.detail!, /API keys stop working/);
      assert.equal((await state()).projects.find((x) => x.id === p.id)!.status, 'archived');
      assert.ok(!(await (await api()).tree.getChildren()).some((n) => label(n) === p.name));
      assert.deepEqual(
        (await requests()).map((x) => `${x.method} ${x.path}`),
        [`POST /organization/projects/${p.id}/archive`],
      );
    });

    it('does nothing when the archive is not confirmed', async () => {
      const p = await someProject();
      (await api()).ui.answer(undefined);
      await run('archiveProject', await projectRow(p.name));
      assert.equal((await writes()).length, 0);
      assert.equal((await state()).projects.find((x) => x.id === p.id)!.status, 'active');
    });

    it('refuses to archive or rename the default project, before any request', async () => {
      const def = (await state()).projects.find((x) => x.is_default)!;
      await run('archiveProject', await projectRow(def.name));
      await run('renameProject', await projectRow(def.name));
      assert.equal((await writes()).length, 0);
      assert.deepEqual(await shown('error'), ['The default project cannot be archived.', 'The default project cannot be renamed.']);
    });

    it('picks the target from the palette, offering only active projects for a change', async () => {
      const org = await state();
      const p = org.projects.find((x) => x.status === 'active' && !x.is_default)!;
      (await api()).ui.answer(p.name, 'Picked And Renamed');
      await run('renameProject');
      const pick = (await api()).ui.asked.find((a) => a.kind === 'pick')!;
      assert.ok(!pick.items!.includes(org.projects.find((x) => x.status === 'archived')!.name), 'archived ones are not offered');
      assert.equal((await state()).projects.find((x) => x.id === p.id)!.name, 'Picked And Renamed');
    });

    it('copies a project id and shows its details read-only', async () => {
      const p = await someProject();
      await run('copyProjectId', await projectRow(p.name));
      assert.equal(await vscode.env.clipboard.readText(), p.id);
      await run('showProjectDetails', await projectRow(p.name));
      const doc = vscode.window.activeTextEditor!.document;
      assert.equal(doc.uri.scheme, 'openai-projects-details');
      assert.equal((JSON.parse(doc.getText()) as { id: string }).id, p.id);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('shows the API’s own message when it refuses (a scripted 400)', async () => {
      const p = await someProject();
      await emulator.control('/faults', {
        method: 'POST',
        body: {
          kind: 'response',
          status: 400,
          method: 'POST',
          body: { error: { message: 'Project name already in use.', type: 'invalid_request_error', param: 'name', code: null } },
        },
      });
      (await api()).ui.answer('Duplicate');
      await run('renameProject', await projectRow(p.name));
      assert.match((await shown('error'))[0]!, /OpenAI says: "Project name already in use\."/);
      assert.equal((await state()).projects.find((x) => x.id === p.id)!.name, p.name, 'nothing changed');
    });
  });

  describe('archived projects', () => {
    it('refuse every change before any request', async () => {
      const a = await api();
      const archived = (await state()).projects.find((x) => x.status === 'archived')!;
      await vscode.commands.executeCommand('openaiProjects.showArchived');
      try {
        const row = await eventually(
          async () => (await a.tree.getChildren()).find((n) => label(n) === archived.name),
          (r) => !!r,
        );
        for (const id of ['renameProject', 'archiveProject', 'addUser', 'createServiceAccount', 'editRateLimits']) await run(id, row);
        const keys = await a.tree.getChildren((await a.tree.getChildren(row))[2]);
        if (archived.api_keys.length) await run('deleteApiKey', keys[0]);
        assert.equal((await writes()).length, 0);
        const errors = await shown('error');
        assert.equal(errors.length, archived.api_keys.length ? 6 : 5);
        assert.ok(
          errors.every((e) => e === `"${archived.name}" is archived: it can no longer be changed.`),
          JSON.stringify(errors),
        );
      } finally {
        await vscode.commands.executeCommand('openaiProjects.hideArchived');
      }
    });
  });

  describe('users', () => {
    it('shows the API’s refusal to add someone who is not in the organization', async () => {
      const p = await someProject();
      (await api()).ui.answer('Add');
      await run('addUser', await projectRow(p.name), 'user_not_in_this_org', 'member');
      assert.match((await shown('error'))[0]!, /OpenAI says/);
      assert.equal((await state()).projects.find((x) => x.id === p.id)!.members.length, p.members.length);
    });

    it('adds an organization member who is not yet in the project, as member', async () => {
      const org = await state();
      const p = await someProject();
      const outsider = org.users.find((u) => !p.members.some((m) => m.user_id === u.id))!;
      (await api()).ui.answer(outsider.name, 'member');
      await run('addUser', await projectRow(p.name));
      const pick = (await api()).ui.asked.find((a) => a.kind === 'pick')!;
      assert.ok(!pick.items!.some((i) => p.members.some((m) => org.users.find((u) => u.id === m.user_id)!.name === i)), 'members are not offered');
      assert.deepEqual((await state()).projects.find((x) => x.id === p.id)!.members.find((m) => m.user_id === outsider.id)?.role, 'member');
      const userRows = await leaves(p, 0);
      assert.ok(
        userRows.some((r) => label(r) === outsider.name),
        'the Users folder was reloaded',
      );
    });

    it('changes a role and removes a user after confirming', async () => {
      const org = await state();
      const p = await someProject();
      const m = p.members.find((x) => x.role === 'member') ?? p.members[0]!;
      const name = org.users.find((u) => u.id === m.user_id)!.name;
      const newRole = m.role === 'owner' ? 'member' : 'owner';
      (await api()).ui.answer(newRole);
      await run(
        'changeUserRole',
        (await leaves(p, 0)).find((r) => label(r) === name),
      );
      assert.equal((await state()).projects.find((x) => x.id === p.id)!.members.find((x) => x.user_id === m.user_id)!.role, newRole);

      await clearRequests();
      (await api()).ui.answer('Remove');
      await run(
        'removeUser',
        (await leaves(p, 0)).find((r) => label(r) === name),
      );
      assert.ok(!(await state()).projects.find((x) => x.id === p.id)!.members.some((x) => x.user_id === m.user_id));
      const after = await requests();
      assert.deepEqual(
        after.filter((r) => r.method !== 'GET').map((r) => r.method),
        ['DELETE'],
      );
    });

    it('refuses user changes in the default project before any request', async () => {
      const def = (await state()).projects.find((x) => x.is_default)!;
      await run('addUser', await projectRow(def.name));
      assert.equal((await writes()).length, 0);
      assert.match((await shown('error'))[0]!, /cannot be added to the default project/);
    });
  });

  describe('service accounts and keys', () => {
    it('creates a service account and offers its key once, to copy; the key is never logged or kept', async () => {
      const p = await someProject();
      (await api()).ui.answer('ci-deploy', 'Copy Key');
      const id = await run('createServiceAccount', await projectRow(p.name));
      const modal = (await api()).ui.asked.find((a) => a.kind === 'modal')!;
      const key = modal.detail!;
      assert.match(key, /^sk-svcacct-/);
      assert.match(modal.message, /shown only this once/);
      assert.equal(await vscode.env.clipboard.readText(), key);
      assert.ok((await state()).projects.find((x) => x.id === p.id)!.service_accounts.some((s) => s.id === id));
      const infos = [...(await shown('info')), ...(await shown('status'))];
      assert.ok(!infos.some((m) => m.includes(key)));
      assert.ok((await leaves(p, 1)).some((r) => label(r) === 'ci-deploy'));
    });

    it('deletes a service account after confirming; its key goes with it', async () => {
      const p = await someProject();
      const sa = p.service_accounts[0]!;
      (await api()).ui.answer('Delete');
      await run(
        'deleteServiceAccount',
        (await leaves(p, 1)).find((r) => label(r) === sa.name),
      );
      const after = (await state()).projects.find((x) => x.id === p.id)!;
      assert.ok(!after.service_accounts.some((s) => s.id === sa.id));
      assert.ok(!after.api_keys.some((k) => k.owner.service_account_id === sa.id));
      assert.equal((await leaves(p, 2)).length, after.api_keys.length, 'the API keys folder was reloaded');
    });

    it('deletes a user’s API key after a confirmation naming it and its owner; the tree drops it with no further request', async () => {
      const org = await state();
      const p = await someProject();
      const k = p.api_keys.find((x) => x.owner.type === 'user')!;
      const owner = org.users.find((u) => u.id === k.owner.user_id)!;
      const keyRow = (await leaves(p, 2)).find((r) => r.id === `${p.id}/apiKeys/${k.id}`)!;
      await clearRequests();
      (await api()).ui.answer('Delete Key');
      await run('deleteApiKey', keyRow);
      const confirm = (await api()).ui.asked.find((a) => a.kind === 'confirm')!;
      assert.ok(confirm.message.includes(k.name) && confirm.message.includes(owner.name), confirm.message);
      assert.ok(!(await state()).projects.find((x) => x.id === p.id)!.api_keys.some((x) => x.id === k.id));
      const keysFolder = await folder(p, 2);
      await eventually(
        () => keysFolder.getTreeItem().description,
        (d) => d === String(p.api_keys.length - 1),
      );
      assert.ok(!(await leaves(p, 2)).some((r) => r.id === keyRow.id));
      const r = await requests();
      assert.deepEqual(
        r.map((x) => `${x.method} ${x.path}`),
        [`DELETE /organization/projects/${p.id}/api_keys/${k.id}`],
      );
    });

    it('shows progress on the row while its request runs', async () => {
      const a = await api();
      const p = await someProject();
      const k = p.api_keys.find((x) => x.owner.type === 'user')!;
      const keyRow = (await leaves(p, 2)).find((r) => r.id === `${p.id}/apiKeys/${k.id}`)!;
      await emulator.control('/latency', { method: 'POST', body: { ms: 1500 } });
      try {
        a.ui.answer('Delete Key');
        const done = run('deleteApiKey', keyRow);
        const during = await eventually(
          () => a.tree.getTreeItem(keyRow),
          (i) => (i.iconPath as vscode.ThemeIcon | undefined)?.id === 'loading~spin',
        );
        assert.equal(during.description, 'deleting…');
        await done;
      } finally {
        await emulator.control('/latency', { method: 'POST', body: { ms: 0 } });
      }
      assert.equal((a.tree.getTreeItem(keyRow).iconPath as vscode.ThemeIcon).id, 'key');
    });

    it('a second delete of the same key while the first runs sends nothing; so does a second create of the same name', async () => {
      const a = await api();
      const p = await someProject();
      const k = p.api_keys.find((x) => x.owner.type === 'user')!;
      const keyRow = (await leaves(p, 2)).find((r) => r.id === `${p.id}/apiKeys/${k.id}`)!;
      await clearRequests();
      await emulator.control('/latency', { method: 'POST', body: { ms: 800 } });
      try {
        a.ui.answer('Delete Key', 'Delete Key', 'Create', 'Create');
        const first = run('deleteApiKey', keyRow);
        await eventually(
          () => a.tree.getTreeItem(keyRow),
          (i) => i.description === 'deleting…',
        );
        await run('deleteApiKey', keyRow);
        await first;
        await Promise.all([run('createProject', 'Twice Clicked'), run('createProject', 'Twice Clicked')]);
      } finally {
        await emulator.control('/latency', { method: 'POST', body: { ms: 0 } });
      }
      const sent = (await writes()).map((x) => `${x.method} ${x.path}`);
      assert.deepEqual(sent, [`DELETE /organization/projects/${p.id}/api_keys/${k.id}`, 'POST /organization/projects']);
      assert.equal((await state()).projects.filter((x) => x.name === 'Twice Clicked').length, 1);
      assert.deepEqual(await shown('error'), [], 'the second click is not an error');
    });

    it('copies an API key’s id', async () => {
      const p = await someProject();
      const k = p.api_keys[0]!;
      await run(
        'copyApiKeyId',
        (await leaves(p, 2)).find((r) => r.id === `${p.id}/apiKeys/${k.id}`),
      );
      assert.equal(await vscode.env.clipboard.readText(), k.id);
    });

    it('deletes a service account’s key on its own: the account and its other keys stay', async () => {
      const p = await someProject();
      const k = p.api_keys.find((x) => x.owner.type === 'service_account')!;
      const saId = k.owner.service_account_id!;
      const keyRow = (await leaves(p, 2)).find((r) => r.id === `${p.id}/apiKeys/${k.id}`)!;
      (await api()).ui.answer('Delete Key');
      await run('deleteApiKey', keyRow);
      assert.deepEqual(
        (await writes()).map((w) => `${w.method} ${w.path}`),
        [`DELETE /organization/projects/${p.id}/api_keys/${k.id}`],
      );
      const confirm = (await api()).ui.asked.find((x) => x.kind === 'confirm')!;
      assert.match(confirm.detail!, /The service account keeps its other keys/);
      const after = (await state()).projects.find((x) => x.id === p.id)!;
      assert.ok(!after.api_keys.some((x) => x.id === k.id), 'the key is gone');
      assert.ok(
        after.service_accounts.some((s) => s.id === saId),
        'its service account stays',
      );
      assert.ok(!(await leaves(p, 2)).some((r) => r.id === keyRow.id), 'and its row');
    });
  });

  describe('errors as the user sees them', () => {
    after(() => vscode.commands.executeCommand('openaiProjects.refresh'));
    for (const [status, pattern] of [
      [401, /admin key was rejected \(401\)/],
      [403, /not allowed to do this \(403\)/],
      [404, /Not found \(404\)/],
      [429, /Rate limited by the OpenAI admin API \(429\)/],
      [500, /server error \(500\)/],
    ] as const) {
      it(`a ${status} on a write is reported with its reason and changes nothing`, async () => {
        const p = await someProject();
        await emulator.control('/faults', {
          method: 'POST',
          body: { kind: 'response', status, method: 'POST', body: { error: { message: `scripted ${status}`, type: 'x', param: null, code: null } } },
        });
        (await api()).ui.answer('Archive');
        await run('archiveProject', await projectRow(p.name));
        assert.match((await shown('error'))[0]!, pattern);
        assert.equal((await state()).projects.find((x) => x.id === p.id)!.status, 'active');
        assert.equal((await writes()).length, 1, 'a write is sent once, never retried');
      });
    }

    it('a 429 on a read is waited out and retried', async () => {
      const p = await someProject();
      await emulator.control('/faults', { method: 'POST', body: { kind: '429', count: 1, method: 'GET', path: '/users$', retryAfterSeconds: 1 } });
      const rows = await leaves(p, 0);
      await eventually(
        async () => (await api()).tree.getChildren(await folder(p, 0)),
        (r) => r.length === p.members.length,
      );
      assert.ok(rows.length >= 1);
      assert.deepEqual(await shown('error'), []);
    });
  });
});
