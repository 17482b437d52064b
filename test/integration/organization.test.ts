// The Organization view in the real host against the emulator: its members, invites and admin keys,
// and every action on them with its refusals (made before any request) and its read-back.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fingerprint } from '../../src/index/files';
import type { TreeNode } from '../../src/kit/node';
import type { ApplyResult } from '../../src/bulk/plan';
import { asRendered, clearRequests, emulator, eventually, extensionApi, label, openPlan, requests, resetOrg, state } from './helpers';

const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(`openaiProjects.${id}`, ...args);
const writes = async () => (await requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
const description = (n: TreeNode) => String(n.getTreeItem().description ?? '');
const tooltip = (n: TreeNode) => {
  const t = n.getTreeItem().tooltip;
  return typeof t === 'string' ? t : (t?.value ?? '');
};

async function folder(kind: 'members' | 'invites' | 'adminKeys'): Promise<TreeNode[]> {
  const a = await extensionApi();
  const roots = await a.orgTree.getChildren();
  const f = roots.find((n) => n.id === `org/${kind}`);
  assert.ok(f, `a ${kind} folder`);
  return a.orgTree.getChildren(f);
}

async function row(kind: 'members' | 'invites' | 'adminKeys', text: string): Promise<TreeNode> {
  const rows = await folder(kind);
  const r = rows.find((n) => label(n) === text || description(n).includes(text));
  assert.ok(r, `a ${kind} row for ${text} among ${rows.map(label).join(', ')}`);
  return r;
}

const asked = async (kind: string) => (await extensionApi()).ui.asked.filter((x) => x.kind === kind);

describe('the organization', () => {
  beforeEach(async () => {
    await resetOrg();
    const a = await extensionApi();
    a.ui.reset();
    a.ui.answer();
    await a.adminKey.store(emulator.adminKey);
    // Nothing indexed from an earlier test's organization.
    await a.index.forget(fingerprint(emulator.adminKey));
    await run('refresh');
    await clearRequests();
  });
  afterEach(async () => {
    assert.deepEqual((await extensionApi()).ui.reset(), [], 'every scripted answer was asked for');
  });

  it('shows members, pending invites and admin keys, each list read once, every page', async () => {
    const a = await extensionApi();
    const roots = await a.orgTree.getChildren();
    assert.deepEqual(roots.map(label), ['Members', 'Pending invites', 'Admin keys', 'Groups', 'Roles']);
    const org = await state();
    const members = await folder('members');
    assert.equal(members.length, org.users.length);
    const ken = members.find((n) => label(n) === 'Ken Thompson')!;
    assert.match(description(ken), /reader · SCIM/);
    assert.match(tooltip(ken), /identity provider \(SCIM\)/);
    assert.match(description(members.find((n) => label(n) === 'Ada Lovelace')!), /ada@example\.com · owner/);

    // Accepted invites are members now: only pending and expired ones are listed.
    const invites = await folder('invites');
    assert.deepEqual(invites.map(label).sort(), ['hedy@example.com', 'john@example.com']);
    assert.match(description(invites.find((n) => label(n) === 'john@example.com')!), /owner · expired/);
    assert.equal(invites.find((n) => label(n) === 'hedy@example.com')!.getTreeItem().contextValue, 'invite.pending');

    const keys = await folder('adminKeys');
    const main = keys.find((n) => label(n) === 'Main admin key')!;
    assert.match(description(main), /^this window · sk-admin-/);
    assert.equal(main.getTreeItem().contextValue, 'adminKey.current');
    const ci = keys.find((n) => label(n) === 'CI provisioning')!;
    assert.match(description(ci), /expires in (9|10) days/);
    assert.ok(ci.getTreeItem().iconPath instanceof vscode.ThemeIcon && (ci.getTreeItem().iconPath as vscode.ThemeIcon).color, 'a warning colour');

    // Expanded again: from the cache.
    await clearRequests();
    await folder('members');
    await folder('adminKeys');
    assert.deepEqual(await requests(), []);
  });

  it('invites several people at once with projects; members and the already invited are said so, not invited again', async () => {
    const a = await extensionApi();
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Mobile App')!;
    a.ui.answer('new1@example.com, ada@example.com; hedy@example.com new2@example.com', 'reader', 'Pick projects…', 'Mobile App', 'owner');
    const sent = await run('inviteToOrganization');
    assert.deepEqual(sent, ['new1@example.com', 'new2@example.com']);
    assert.deepEqual(await writes(), ['POST /organization/invites', 'POST /organization/invites']);
    const after = await state();
    const made = after.invites!.filter((i) => i.email.startsWith('new'));
    assert.deepEqual(
      made.map((i) => [i.email, i.role, i.projects]),
      [
        ['new1@example.com', 'reader', [{ id: p.id, role: 'owner' }]],
        ['new2@example.com', 'reader', [{ id: p.id, role: 'owner' }]],
      ],
    );
    const told = (await asked('info')).at(-1)!.message;
    assert.match(told, /Invited new1@example\.com, new2@example\.com as reader\. They join "Mobile App" \(owner\)/);
    assert.match(told, /Already members: ada@example\.com\. Already invited: hedy@example\.com\./);
    // The new invites are in the view without another read.
    await clearRequests();
    assert.ok((await folder('invites')).some((n) => label(n) === 'new2@example.com'));
    assert.deepEqual(await requests(), []);
  });

  it('refuses a bad address and nobody-to-invite before any request', async () => {
    const a = await extensionApi();
    a.ui.answer('ada@example.com');
    await run('inviteToOrganization');
    a.ui.answer('x@example.com, nope');
    await run('inviteToOrganization');
    await run('inviteToOrganization', undefined, 'x@example.com nope', 'reader');
    assert.deepEqual(await writes(), []);
    const errors = (await asked('error')).map((e) => e.message);
    assert.match(errors[0]!, /Nobody to invite\. Already members: ada@example\.com\./);
    assert.match(errors[1]!, /The input box refuses .*Not an email address: nope/);
    assert.match(errors[2]!, /^Not an email address: nope/);
  });

  it('an invite accepted makes a member of the organization and its projects; a passed invite is confirmed first', async () => {
    const a = await extensionApi();
    const p = (await state()).projects.find((x) => x.name === 'Data Platform')!;
    a.ui.answer('Invite');
    await run('inviteToOrganization', undefined, 'joiner@example.com', 'reader');
    assert.match((await asked('confirm'))[0]!.detail!, /asked for by a script or another extension/);
    const invite = (await state()).invites!.find((i) => i.email === 'joiner@example.com')!;
    assert.deepEqual(invite.projects, [], 'a passed invite joins no project');
    const joiner = await emulator.control<{ id: string }>('/invites/accept', { method: 'POST', body: { id: invite.id, name: 'Joiner' } });
    await run('refreshOrganization');
    assert.ok((await folder('members')).some((n) => label(n) === 'Joiner'));
    assert.ok(!(await folder('invites')).some((n) => label(n) === 'joiner@example.com'), 'accepted: no longer an invite');
    assert.ok(!(await state()).projects.some((x) => !x.is_default && x.members.some((m) => m.user_id === joiner.id)), 'in no project but the default');
    // One invited into a project joins it on accepting.
    a.ui.answer('joiner2@example.com', 'reader', 'Pick projects…', 'Data Platform', 'member');
    await run('inviteToOrganization');
    const second = (await state()).invites!.find((i) => i.email === 'joiner2@example.com')!;
    const j2 = await emulator.control<{ id: string }>('/invites/accept', { method: 'POST', body: { id: second.id } });
    assert.deepEqual(
      (await state()).projects
        .find((x) => x.id === p.id)!
        .members.filter((m) => m.user_id === j2.id)
        .map((m) => m.role),
      ['member'],
    );
  });

  it('cancels a pending invite; an accepted one is refused before the request', async () => {
    const a = await extensionApi();
    const hedy = (await state()).invites!.find((i) => i.email === 'hedy@example.com')!;
    a.ui.answer('Cancel Invite');
    await run('cancelInvite', await row('invites', 'hedy@example.com'));
    assert.deepEqual(await writes(), [`DELETE /organization/invites/${hedy.id}`]);
    assert.ok(!(await folder('invites')).some((n) => label(n) === 'hedy@example.com'));
    assert.match((await asked('status')).at(-1)!.message, /Invite for hedy@example\.com cancelled/);
    // From the palette only what can be cancelled is offered (the accepted invite is not).
    a.ui.answer(undefined);
    await run('cancelInvite');
    assert.deepEqual((await asked('pick')).at(-1)!.items, ['john@example.com']);
  });

  it('changes an organization role; the last owner is refused before any request', async () => {
    const a = await extensionApi();
    a.ui.answer('owner');
    await run('changeOrganizationRole', await row('members', 'Alan Turing'));
    assert.equal((await state()).users.find((u) => u.name === 'Alan Turing')!.role, 'owner');
    assert.match(description(await row('members', 'Alan Turing')), /owner/);
    // Down to one owner, then that one is refused.
    a.ui.answer('reader');
    await run('changeOrganizationRole', await row('members', 'Alan Turing'));
    a.ui.answer('reader');
    await run('changeOrganizationRole', await row('members', 'Grace Hopper'));
    await clearRequests();
    a.ui.answer('reader');
    await run('changeOrganizationRole', await row('members', 'Ada Lovelace'));
    assert.deepEqual(await writes(), []);
    assert.match((await asked('error')).at(-1)!.message, /Ada Lovelace is the last owner of the organization/);
  });

  it('removes someone from the organization: the confirmation lists what goes, and every project list follows', async () => {
    const a = await extensionApi();
    const org = await state();
    const alan = org.users.find((u) => u.name === 'Alan Turing')!;
    const theirs = org.projects.filter((p) => !p.is_default && p.status === 'active' && p.members.some((m) => m.user_id === alan.id));
    assert.ok(theirs.length >= 2);
    const p = theirs[0]!;
    // The project's members are in the tree's cache before.
    assert.ok((await a.store.folder(p.id, 'users')).some((u) => u.id === alan.id));
    a.ui.answer('Remove from Organization');
    await run('removeFromOrganization', await row('members', 'Alan Turing'));
    const confirm = (await asked('confirm')).at(-1)!;
    assert.equal(confirm.message, 'Remove Alan Turing from the organization?');
    assert.match(confirm.detail!, new RegExp(`They leave ${theirs.length} project\\(s\\) besides the default one: .*${p.name} \\(`));
    assert.match(confirm.detail!, /API key\(s\) stop working: alan-dev/);
    assert.deepEqual((await writes()).slice(-1), [`DELETE /organization/users/${alan.id}`]);
    const after = await state();
    assert.ok(!after.users.some((u) => u.id === alan.id));
    assert.ok(!after.projects.some((x) => x.members.some((m) => m.user_id === alan.id)));
    // No copy still holds them: the project's members and keys were patched from the answer.
    await clearRequests();
    assert.ok(!(await a.store.folder(p.id, 'users')).some((u) => u.id === alan.id));
    assert.ok(!(await a.store.folder(p.id, 'apiKeys')).some((k) => k.owner.user?.id === alan.id));
    assert.ok(!(await folder('members')).some((n) => label(n) === 'Alan Turing'));
    assert.deepEqual(await writes(), []);
  });

  it('Offboard Person is one plan: out of the organization, each membership and key listed by project; applied, they are gone everywhere', async () => {
    const a = await extensionApi();
    const org = await state();
    const alan = org.users.find((u) => u.name === 'Alan Turing')!;
    const theirs = org.projects.filter((p) => !p.is_default && p.status === 'active' && p.members.some((m) => m.user_id === alan.id));
    const before = (await openPlan('offboard Alan Turing')).version;
    a.panels.answerPlans('apply');
    // From a project's user row: the person is looked up among the organization's members.
    const p = theirs[0]!;
    const users = await a.tree.getChildren(
      (await a.tree.getChildren((await a.tree.getChildren()).find((n) => label(n) === p.name))).find((n) => label(n) === 'Users'),
    );
    const r = (await run(
      'offboardPerson',
      users.find((n) => label(n) === 'Alan Turing'),
    )) as ApplyResult;
    assert.deepEqual(
      r.outcomes.map((o) => o.result),
      ['done'],
    );
    assert.deepEqual((await writes()).slice(-1), [`DELETE /organization/users/${alan.id}`]);
    const text = await eventually(
      async () => {
        const d = await openPlan('offboard Alan Turing');
        return d.version > before ? asRendered(d.getText()) : '';
      },
      (t) => /^Applied:/m.test(t),
      5000,
    );
    assert.match(
      text,
      /\| 1 \| \(the organization\) \| user Alan Turing <alan@example.com> \| organization (owner|reader) \| removed from the organization \| done \|/,
    );
    assert.match(text, /## What goes with it/);
    assert.ok(
      a.panels.plan('offboard Alan Turing')?.consequences?.some((c) => /API key "alan-dev"/.test(c.object)),
      'the panel lists the key too',
    );
    assert.match(text, /\| Default project \| membership \| removed \(the default project follows the organization\) \|/);
    for (const x of theirs) assert.match(text, new RegExp(`\\| ${x.name} \\| membership \\((owner|member)\\) \\| removed \\|`));
    assert.match(text, /\| [^|]+ \| API key "alan-dev" \(sk-[^)]*\) \| deleted: stops working \|/);
    assert.match(text, new RegExp(`They leave ${theirs.length} projects? besides the default one`));
    const after = await state();
    assert.ok(!after.users.some((u) => u.id === alan.id));
    assert.ok(!after.projects.some((x) => x.members.some((m) => m.user_id === alan.id)));
    await clearRequests();
    assert.ok(!(await a.store.folder(p.id, 'users')).some((u) => u.id === alan.id));
    assert.ok(!(await folder('members')).some((n) => label(n) === 'Alan Turing'));
    assert.deepEqual(await writes(), []);
  });

  it('Offboard Person refuses the owner of the key in use before any plan; the plan of a SCIM user says they come back', async () => {
    const a = await extensionApi();
    await run('offboardPerson', await row('members', 'Ada Lovelace'));
    assert.match((await asked('error')).at(-1)!.message, /Ada Lovelace owns the admin key this window uses/);
    assert.deepEqual(await writes(), []);
    a.ui.answer('Ken Thompson');
    a.panels.answerPlans('cancel');
    const r = await run('offboardPerson');
    assert.equal(r, undefined);
    const d = asRendered((await openPlan('offboard Ken Thompson')).getText());
    assert.match(d, /managed by your identity provider \(SCIM\)/);
    assert.deepEqual(await writes(), []);
  });

  it('refuses to remove the last owner and the owner of the key in use; warns that a SCIM user comes back', async () => {
    const a = await extensionApi();
    await run('removeFromOrganization', await row('members', 'Ada Lovelace'));
    assert.match((await asked('error')).at(-1)!.message, /Ada Lovelace owns the admin key this window uses \("Main admin key"\)/);
    a.ui.answer(undefined);
    await run('removeFromOrganization', await row('members', 'Ken Thompson'));
    assert.match((await asked('confirm')).at(-1)!.detail!, /managed by your identity provider \(SCIM\).*next sync brings them back/);
    assert.deepEqual(await writes(), []);
    // With one owner left, that owner is refused for being the last.
    a.ui.answer('reader');
    await run('changeOrganizationRole', await row('members', 'Grace Hopper'));
    await clearRequests();
    await run('removeFromOrganization', await row('members', 'Ada Lovelace'));
    assert.match((await asked('error')).at(-1)!.message, /Ada Lovelace is the last owner of the organization, which must keep one/);
    assert.deepEqual(await writes(), []);
  });

  it('creates an admin key shown once, deletes another, and deleting the key in use needs its name and ends in the no-key welcome', async () => {
    const a = await extensionApi();
    a.ui.answer('deploy-bot', '30 days', 'Copy Key');
    const id = await run('createAdminKey');
    const modal = (await asked('modal')).at(-1)!;
    const made = (await state()).admin_key_records!.find((k) => k.id === id)!;
    assert.equal(modal.detail, made.secret, 'the value is shown once, in the dialog');
    assert.equal(await vscode.env.clipboard.readText(), made.secret);
    assert.ok(made.expires_at! - Date.now() / 1000 > 29 * 86_400);
    assert.ok((await folder('adminKeys')).some((n) => label(n) === 'deploy-bot'));

    a.ui.answer('Delete Key');
    await run('deleteAdminKey', await row('adminKeys', 'deploy-bot'));
    assert.ok(!(await state()).admin_key_records!.some((k) => k.id === id));

    // The key in use: a wrong name is refused by the box; the right one deletes it.
    a.ui.answer('Main');
    await run('deleteAdminKey', await row('adminKeys', 'Main admin key'));
    assert.match((await asked('error')).at(-1)!.message, /Type "Main admin key" to confirm/);
    assert.equal((await state()).admin_keys.length, 2);
    a.ui.answer('Main admin key');
    await run('deleteAdminKey', await row('adminKeys', 'Main admin key'));
    assert.equal((await state()).admin_keys.includes(emulator.adminKey), false);
    await eventually(
      () => a.adminKey.state,
      (s) => s === 'none',
    );
    await vscode.env.clipboard.writeText('');
  });

  it('warns of the key in use expiring within 14 days and rotates it: the window goes on with the new key', async () => {
    const a = await extensionApi();
    // A key of ten days, made the one in use.
    const r = await fetch(`${emulator.baseUrl}/organization/admin_api_keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Short-lived', expires_in_seconds: 10 * 86_400 }),
    });
    const short = (await r.json()) as { id: string; value: string };
    await a.adminKey.store(short.value);
    await run('refresh');
    a.ui.answer('Rotate');
    const warned = new Promise<void>((resolve) => a.watchUi((p) => p.kind === 'warning' && /expires in 9 day/.test(p.message) && resolve()));
    await folder('adminKeys');
    await warned;
    // The warning's Rotate… (pressed for the person) runs the same command.
    await run('rotateAdminKey');
    const after = await state();
    assert.ok(!after.admin_key_records!.some((k) => k.id === short.id), 'the old key is deleted');
    const fresh = after.admin_key_records!.find((k) => k.name === 'Short-lived')!;
    assert.equal(await a.adminKey.get(), fresh.secret, 'the new key is the one in use');
    assert.ok(fresh.expires_at! - Date.now() / 1000 > 9 * 86_400, 'with the same period');
    // And it works: the view reads with it.
    await run('refresh');
    assert.ok((await folder('adminKeys')).some((n) => description(n).startsWith('this window')));
    assert.ok((await a.tree.getChildren()).length > 1);
    await a.adminKey.store(emulator.adminKey);
  });

  it('Find in Organization finds members, invites and admin keys and reveals them in the Organization view', async () => {
    const a = await extensionApi();
    a.ui.answer('hedy', 'hedy@example.com', 'Cancel Invite…', 'Cancel Invite');
    await run('findInOrganization');
    assert.deepEqual((await asked('pick')).at(-1)!.items, ['Cancel Invite…'], 'the invite’s own action offered');
    assert.equal(a.orgView.visible, true, 'the Organization view was shown for it');
    assert.ok(!(await state()).invites!.some((i) => i.email === 'hedy@example.com'), 'cancelled from the result');
  });

  it('Find Leaked Key matches a pasted admin key and offers Delete Admin Key', async () => {
    const a = await extensionApi();
    const ci = (await state()).admin_key_records!.find((k) => k.name === 'CI provisioning')!;
    await clearRequests();
    a.ui.answer(ci.secret, 'CI provisioning', 'Delete Admin Key…', 'Delete Key');
    await run('findLeakedKey');
    assert.ok(!(await state()).admin_key_records!.some((k) => k.id === ci.id), 'deleted');
  });
});
