// Other extensions can run this extension's commands with any arguments. A node counts only if the
// tree handed it out (identity, not shape): a copy of a real row, field for field, is no node, and the
// command asks for its target as from the palette. A decisive value a caller passes (a name, a user,
// a role, a key) is taken only once the person confirms it. Each row: nothing is written unless a
// person said so.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/kit/node';
import { clearRequests, emulator, eventually, extensionApi, label, openPlan, requests, resetOrg, state, type EmuProject } from './helpers';

const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(`openaiProjects.${id}`, ...args);
const writes = async () => (await requests()).filter((r) => r.method !== 'GET');

/** A forged node: every field of the real row, copied into an object the tree never made. */
const forge = (n: TreeNode): TreeNode => ({ ...n });

interface Rows {
  project: TreeNode;
  user: TreeNode;
  serviceAccount: TreeNode;
  apiKey: TreeNode;
  rateLimit: TreeNode;
  p: EmuProject;
}

async function rows(): Promise<Rows> {
  const a = await extensionApi();
  const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default && x.members.length && x.service_accounts.length && x.api_keys.length)!;
  const project = (await a.tree.getChildren()).find((n) => label(n) === p.name)!;
  const [users, sas, keys, limits] = await a.tree.getChildren(project);
  const first = async (f: TreeNode | undefined) => (await a.tree.getChildren(f))[0]!;
  return { project, user: await first(users), serviceAccount: await first(sas), apiKey: await first(keys), rateLimit: await first(limits), p };
}

describe('hostile callers', () => {
  let r: Rows;
  beforeEach(async () => {
    await resetOrg();
    const a = await extensionApi();
    a.ui.reset();
    await a.adminKey.store(emulator.adminKey);
    await vscode.commands.executeCommand('openaiProjects.refresh');
    r = await rows();
    await clearRequests();
  });
  afterEach(async () => {
    assert.deepEqual((await extensionApi()).ui.reset(), [], 'every scripted answer was asked for');
  });

  // [command, the row it is forged from, the title of the target pick it asks instead]
  const forged: [string, keyof Omit<Rows, 'p'>, RegExp][] = [
    ['renameProject', 'project', /^Rename which project\?$/],
    ['archiveProject', 'project', /^Archive which project\?$/],
    ['copyProjectId', 'project', /^Copy the ID of which project\?$/],
    ['showProjectDetails', 'project', /^Show which project\?$/],
    ['openInDashboard', 'project', /^Open which project\?$/],
    ['addUser', 'project', /^Add a user to which project\?$/],
    ['createServiceAccount', 'project', /^Create a service account in which project\?$/],
    ['editRateLimits', 'rateLimit', /^Edit the rate limits of which project\?$/],
    ['copyRateLimits', 'rateLimit', /^Copy the rate limits of which project\?$/],
    ['exportProject', 'project', /which project/i],
    ['showUsage', 'project', /^Usage & Cost$/],
    ['showActivity', 'user', /^Show Activity$/],
    ['changeUserRole', 'user', /^Change whose role\?$/],
    ['removeUser', 'user', /^Remove whom\?$/],
    ['removeUserEverywhere', 'user', /^Remove whom from every project\?$/],
    ['addUserToProjects', 'user', /^Add whom to projects\?$/],
    ['offboardPerson', 'user', /^Offboard whom\?$/],
    ['deleteServiceAccount', 'serviceAccount', /^Delete which service account\?$/],
    ['deleteApiKey', 'apiKey', /^Delete which API key\?$/],
    ['copyApiKeyId', 'apiKey', /^Copy the ID of which key\?$/],
  ];
  for (const [id, from, title] of forged) {
    it(`${id}: a forged ${from} row is no target; it asks, as from the palette`, async () => {
      const a = await extensionApi();
      const clip = `untouched ${Date.now()}`;
      await vscode.env.clipboard.writeText(clip);
      a.ui.answer(undefined); // the target pick: dismissed
      await run(id, forge(r[from]));
      const first = a.ui.asked[0];
      assert.equal(first?.kind, 'pick', `${id} asked for its target first: ${JSON.stringify(a.ui.asked)}`);
      assert.match(first.message, title);
      assert.deepEqual(await writes(), [], 'nothing was written');
      assert.equal(await vscode.env.clipboard.readText(), clip, 'nothing was copied');
    });
  }

  it('the real row still works as a target (identity, not a stricter shape check)', async () => {
    const a = await extensionApi();
    await run('copyProjectId', r.project);
    assert.equal(await vscode.env.clipboard.readText(), r.p.id);
    assert.deepEqual(a.ui.asked, []);
  });

  // [what, the call, the confirmation it asks]
  const decisive: [string, () => Thenable<unknown>, RegExp][] = [
    ['a project name', () => run('createProject', 'Made By Another Extension'), /^Create the project "Made By Another Extension"\?$/],
    ['a new name', () => run('renameProject', r.project, 'Renamed By Another Extension'), /^Rename ".*" to "Renamed By Another Extension"\?$/],
    ['a user and a role', () => run('addUser', r.project, 'user_anyone', 'owner'), /^Add user_anyone to ".*" as owner\?$/],
    ['a role', () => run('changeUserRole', r.user, r.p.members[0]!.role === 'owner' ? 'member' : 'owner'), /^Make .* (owner|member) in ".*"\?$/],
    ['a service account name', () => run('createServiceAccount', r.project, 'planted-bot'), /^Create the service account "planted-bot" in ".*"\?$/],
  ];
  for (const [what, call, question] of decisive) {
    it(`${what} passed by a caller is used only once the person confirms it`, async () => {
      const a = await extensionApi();
      a.ui.answer(undefined); // the confirmation: dismissed
      await call();
      const confirm = a.ui.asked.find((x) => x.kind === 'confirm');
      assert.ok(confirm, `a confirmation was asked: ${JSON.stringify(a.ui.asked)}`);
      assert.match(confirm.message, question);
      assert.match(confirm.detail ?? '', /script or another extension/);
      assert.deepEqual(await writes(), [], 'nothing was written');
    });
  }

  it('setAdminKey with a key passed still asks the person, and stores nothing when refused', async () => {
    const a = await extensionApi();
    const planted = `sk-admin-${'planted'.repeat(4)}`;
    a.ui.answer(undefined);
    const stored = await run('setAdminKey', planted);
    assert.equal(stored, false);
    const confirm = a.ui.asked.find((x) => x.kind === 'confirm');
    assert.ok(confirm, 'a confirmation was asked');
    assert.match(confirm.message, /ending in …nted/);
    assert.doesNotMatch(`${confirm.message} ${confirm.detail ?? ''}`, /planted.*planted/, 'the key itself is not shown');
    assert.equal(await a.adminKey.get(), emulator.adminKey, 'the key in use is unchanged');
    assert.deepEqual(await requests(), [], 'the planted key was not even tried');
  });
});

describe('API text in documents and views', () => {
  beforeEach(async () => {
    await resetOrg();
    const a = await extensionApi();
    a.ui.reset();
    await a.adminKey.store(emulator.adminKey);
  });
  afterEach(async () => {
    await emulator.control('/faults', { method: 'DELETE' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a plan’s Markdown, rendered as Markdown Preview renders it: a name is text, never a link, an image or an element, and no key', async () => {
    const a = await extensionApi();
    const key = `sk-admin-${'Hx7'.repeat(16)}`;
    const evil = `![x](https://evil.example/i.png) [click](command:openaiProjects.clearAdminKey) <b>bold</b> https://evil.example grace@evil.example *em* | pipe ${key}`;
    const r = await fetch(`${emulator.baseUrl}/organization/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: evil.slice(0, 128) }),
    });
    assert.equal(r.status, 200);
    await vscode.commands.executeCommand('openaiProjects.refresh');
    const name = evil.slice(0, 128);
    a.ui.answer('Alan Turing', name, 'member');
    a.panels.answerPlans('cancel'); // the plan, not applied
    await vscode.commands.executeCommand('openaiProjects.addUserToProjects');
    a.ui.reset();
    const doc = await eventually(
      () => openPlan('add Alan Turing to projects'),
      (d) => d.getText().includes('|'),
    );
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', doc.getText());
    assert.ok(html.includes('<table'), 'the plan’s table is a table');
    assert.doesNotMatch(html, /<a |<img|<b>|<em>/, html);
    assert.match(html.replace(/&amp;/g, '&'), /\[click\]\(command:openaiProjects\.clearAdminKey\)/, 'the name, as text');
    const row = html.split('<tr>').find((x) => x.includes('click'))!;
    assert.equal(row.split('<td').length - 1, 5, 'the pipe in the name did not add a column (# · project · object · before · after)');
    assert.ok(!doc.getText().includes(key.slice(9, 30)), 'the key-shaped part of the name is masked');
  });

  it('an audit-log event that quotes a key shows it masked in Activity', async () => {
    const a = await extensionApi();
    const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default)!;
    const key = `sk-proj-${'Qz4'.repeat(16)}`;
    await emulator.control('/faults', {
      method: 'POST',
      body: {
        kind: 'response',
        status: 200,
        count: 4,
        method: 'GET',
        path: '^/organization/audit_logs$',
        body: {
          object: 'list',
          data: [
            {
              id: 'audit_evil',
              type: 'project.updated',
              effective_at: Math.floor(Date.now() / 1000),
              project: { id: p.id, name: `leak ${key}` },
              actor: { type: 'api_key', api_key: { id: 'key_x', type: 'user', user: { id: 'user_x', email: `me ${key}` } } },
              'project.updated': { id: p.id, changes_requested: { title: `Bearer ${key}` } },
            },
          ],
          first_id: 'audit_evil',
          last_id: 'audit_evil',
          has_more: false,
        },
      },
    });
    await vscode.commands.executeCommand('openaiProjects.refresh');
    const row = (await a.tree.getChildren()).find((n) => n.id === p.id)!;
    const key2 = `project/${p.id}/${p.id}`;
    await vscode.commands.executeCommand('openaiProjects.showActivity', row);
    const rows = await eventually(
      () => a.panels.rows(key2) ?? [],
      (r) => r.length > 0,
      10_000,
    );
    const text = JSON.stringify(rows);
    assert.ok(text.includes('audit_evil'), text);
    assert.ok(!text.includes(key.slice(8, 30)), text);
  });
});
