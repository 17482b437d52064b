// A service account's own changes in the real host against the emulator: its name and role, another
// key (shown once, scoped), a key's expiry and scopes, and a replacement for a key: what is sent, what
// the emulator then holds, what the tree shows, and the refusals made before any request.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/kit/node';
import { clearRequests, emulator, extensionApi, label, requests, resetOrg, state, type EmuProject } from './helpers';

const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(`openaiProjects.${id}`, ...args);
const api = () => extensionApi();
const shown = async (kind: string) => (await api()).ui.asked.filter((a) => a.kind === kind).map((a) => a.message);
const writes = async () => (await requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

async function leaves(p: EmuProject, folder: 1 | 2): Promise<TreeNode[]> {
  const a = await api();
  const row = (await a.tree.getChildren()).find((n) => label(n) === p.name)!;
  return a.tree.getChildren((await a.tree.getChildren(row))[folder]);
}
const project = async () => (await state()).projects.find((x) => x.name === 'Customer Support Bot')!;
const row = async (p: EmuProject, folder: 1 | 2, id: string) => (await leaves(p, folder)).find((n) => n.id.endsWith(`/${id}`))!;

describe('service accounts and keys', () => {
  beforeEach(async () => {
    await resetOrg();
    const a = await api();
    a.ui.reset();
    a.ui.answer();
    await a.adminKey.store(emulator.adminKey);
    await run('refresh');
    await clearRequests();
  });
  afterEach(async () => assert.deepEqual((await api()).ui.reset(), [], 'every scripted answer was asked for'));

  it('renames a service account: one write; its row and its keys’ rows say the new name', async () => {
    const p = await project();
    const sa = p.service_accounts[0]!;
    (await api()).ui.answer('support-renamed');
    await run('renameServiceAccount', await row(p, 1, sa.id));
    assert.deepEqual(await writes(), [`POST /organization/projects/${p.id}/service_accounts/${sa.id}`]);
    assert.equal((await state()).projects.find((x) => x.id === p.id)!.service_accounts[0]!.name, 'support-renamed');
    assert.ok((await leaves(p, 1)).some((n) => label(n) === 'support-renamed'));
    assert.ok(
      (await leaves(p, 2)).some((n) => label(n).startsWith('support-renamed: ')),
      'its key’s row is read again and carries the new name',
    );
  });

  it('a name passed by a caller is sent only once confirmed; a blank one is refused before any request', async () => {
    const p = await project();
    const sa = p.service_accounts[0]!;
    (await api()).ui.answer(undefined);
    await run('renameServiceAccount', await row(p, 1, sa.id), 'from-a-script');
    (await api()).ui.answer('   ');
    await run('renameServiceAccount', await row(p, 1, sa.id));
    assert.deepEqual(await writes(), []);
    assert.match((await api()).ui.asked.find((x) => x.kind === 'confirm')!.detail!, /asked for by a script or another extension/);
    assert.match((await shown('error')).at(-1)!, /needs a name/);
  });

  it('changes a service account’s role; a role that is not member or owner is refused before any request', async () => {
    const p = await project();
    const sa = p.service_accounts[0]!;
    (await api()).ui.answer('owner');
    await run('changeServiceAccountRole', await row(p, 1, sa.id));
    assert.equal((await state()).projects.find((x) => x.id === p.id)!.service_accounts[0]!.role, 'owner');
    assert.match((await leaves(p, 1)).map((n) => String(n.getTreeItem().description)).join(' '), /owner/);
    await clearRequests();
    await run('changeServiceAccountRole', await row(p, 1, sa.id), 'admin');
    assert.deepEqual(await writes(), []);
    assert.match((await shown('error')).at(-1)!, /member or owner, not "admin"/);
  });

  it('adds a scoped key to a service account: shown once, in the dialog, and listed under API Keys', async () => {
    const p = await project();
    const sa = p.service_accounts[1]!;
    const a = await api();
    a.ui.answer('nightly-export', 'api.all.read, api.files.read', undefined);
    await run('createServiceAccountKey', await row(p, 1, sa.id));
    assert.deepEqual(await writes(), [`POST /organization/projects/${p.id}/service_accounts/${sa.id}/api_keys`]);
    const made = (await state()).projects.find((x) => x.id === p.id)!.api_keys.find((k) => k.name === 'nightly-export')! as EmuProject['api_keys'][number] & {
      scopes?: string[];
    };
    assert.deepEqual(made.scopes, ['api.all.read', 'api.files.read']);
    assert.equal(made.owner.service_account_id, sa.id);
    const modal = a.ui.asked.find((x) => x.kind === 'modal')!;
    // The emulator keeps no full key (as the API): the value shown is the one its redacted form describes.
    const [head, tail] = made.redacted_value.split('...') as [string, string];
    assert.ok(modal.detail!.startsWith(head) && modal.detail!.endsWith(tail) && modal.detail!.length > 40, 'the value, in the dialog the person asked for');
    assert.ok(
      (await leaves(p, 2)).some((n) => n.id === `${p.id}/apiKeys/${made.id}`),
      'its row under API Keys',
    );
  });

  it('a scope that is not an identifier is refused before any request', async () => {
    const p = await project();
    (await api()).ui.answer('bad-scopes', 'api.all.read; drop table');
    await run('createServiceAccountKey', await row(p, 1, p.service_accounts[0]!.id));
    assert.deepEqual(await writes(), []);
    assert.match((await shown('error')).at(-1)!, /Scopes are identifiers/);
  });

  it('changes a key’s expiry and scopes: one write, and the row’s key now expires', async () => {
    const p = await project();
    const k = p.api_keys.find((x) => x.owner.type === 'user')!;
    (await api()).ui.answer('Expire in 30 days', 'api.all.read');
    const sentAt = Date.now() / 1000;
    await run('editApiKey', await row(p, 2, k.id));
    assert.deepEqual(await writes(), [`POST /organization/projects/${p.id}/api_keys/${k.id}`]);
    const after = (await state()).projects.find((x) => x.id === p.id)!.api_keys.find((x) => x.id === k.id)! as { expires_at?: number; scopes?: string[] };
    assert.deepEqual(after.scopes, ['api.all.read']);
    assert.ok(Math.abs(after.expires_at! - (sentAt + 30 * 86_400)) < 600, 'expires in 30 days');
    const held = (await (await api()).store.folder(p.id, 'apiKeys')).find((x) => x.id === k.id)!;
    assert.equal(held.expires_at, after.expires_at, 'the cache holds the answer');
  });

  it('keeping both the expiry and the scopes sends nothing', async () => {
    const p = await project();
    const k = p.api_keys[0]!;
    (await api()).ui.answer('Keep the expiry', '');
    await run('editApiKey', await row(p, 2, k.id));
    assert.deepEqual(await writes(), []);
  });

  it('Replace Service Account Key: the old key stays when its deletion is declined, and the message says so', async () => {
    const p = await project();
    const k = p.api_keys.find((x) => x.owner.type === 'service_account')!;
    (await api()).ui.answer('Make a New Key', undefined, undefined);
    await run('replaceServiceAccountKey', await row(p, 2, k.id));
    assert.deepEqual(await writes(), [`POST /organization/projects/${p.id}/service_accounts/${k.owner.service_account_id}/api_keys`]);
    const keys = (await state()).projects.find((x) => x.id === p.id)!.api_keys;
    assert.ok(
      keys.some((x) => x.id === k.id),
      'the old key still works',
    );
    assert.equal(keys.filter((x) => x.owner.service_account_id === k.owner.service_account_id).length, 2);
    assert.match((await shown('info')).at(-1)!, /the old key "Secret Key" still works/);
  });

  it('Replace Service Account Key refuses a person’s key before any request', async () => {
    const p = await project();
    const k = p.api_keys.find((x) => x.owner.type === 'user')!;
    await run('replaceServiceAccountKey', await row(p, 2, k.id));
    assert.deepEqual(await writes(), []);
    assert.match((await shown('error')).at(-1)!, /is not a service account’s key/);
  });
});
