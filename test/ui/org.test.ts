// Organization-wide journeys in the browser: find a person and land on their row; paste a leaked key,
// find it and revoke it; offboard a person from every project through the plan. Each is checked in
// the emulator's state afterwards.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Emulator } from '../../tools/emulator/server';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

const VIEW = 'OpenAI Projects';

describe('UI: organization-wide work', () => {
  const s = useSession({ keyFromEnv: true }, (s) => s.wb.openView());
  const selectedLabel = () => s.wb.view(VIEW).locator('.monaco-list-row.selected .label-name').first().innerText();

  it('Find in Organization: typing a service account’s name lists it with its project; picking reveals its row', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.find((x) => x.name === 'Mobile App')!;
      const sa = p.service_accounts.find((x) => x.name === 'push-notifier')!;
      await s.wb.row(VIEW, p.name).waitFor();
      await s.wb.runCommand('OpenAI Projects: Find in Organization…');
      // A fresh index: the search offers to index the rest; then search again.
      await s.wb.typeQuickInput('push');
      await s.wb.pickQuickItem(/Index the remaining/);
      await eventually(
        () => s.emu.requests.filter((r) => r.path.endsWith('/rate_limits')).length,
        (n) => n >= 6,
        'every project indexed',
      );
      await s.wb.runCommand('OpenAI Projects: Find in Organization…');
      await s.wb.typeQuickInput('push');
      const row = s.wb.quickInput().locator('.monaco-list-row', { hasText: 'push-notifier' }).first();
      await row.waitFor();
      assert.match(await row.innerText(), /service account · member in Mobile App/);
      await row.click();
      // Its actions are offered; Escape keeps just the reveal.
      await s.wb.quickInput().locator('.monaco-list-row', { hasText: 'Delete Service Account…' }).waitFor();
      await s.wb.page.keyboard.press('Escape');
      await eventually(selectedLabel, (l) => l === sa.name, 'the service account’s row selected in the tree');
      assert.ok(await s.wb.row(VIEW, sa.name).isVisible());
    }));

  it('Find Leaked Key: a pasted key is matched to its project and owner, and revoked after a confirmation', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.find((x) => x.name === 'Data Platform')!;
      const k = p.api_keys.find((x) => x.owner.type === 'user')!;
      assert.ok(k.secret);
      await s.wb.runCommand('OpenAI Projects: Find Leaked Key…');
      await s.wb.answerQuickInput(k.secret, { expectTitle: 'Find Leaked Key' });
      const match = s.wb.quickInput().locator('.monaco-list-row', { hasText: k.name }).first();
      await match.waitFor();
      assert.match(await s.wb.quickInput().locator('.quick-input-title').innerText(), new RegExp(`1 key matches the key ending in …${k.secret.slice(-4)}`));
      assert.ok(!(await s.wb.quickInput().innerText()).includes(k.secret.slice(0, 16)), 'the pasted key is not shown back');
      await match.click();
      await s.wb.pickQuickItem('Delete API Key…');
      await s.wb.answerDialog('Delete Key', { expectText: k.name });
      await eventually(
        () => s.emu.org.projects.find((x) => x.id === p.id)!.api_keys.some((x) => x.id === k.id),
        (still) => !still,
        'the key deleted in the emulator',
      );
    }));

  it('after a window reload (index from disk): a key minted a moment ago is found, and Find reveals rows of projects never opened', (t) =>
    withScreenshot(t, s.wb, async () => {
      // Everything indexed, then a service account made through the API (as a script or the
      // dashboard would): its key is a minute old at most, newer than every list the index holds.
      await s.wb.runCommand('OpenAI Projects: Index Whole Organization');
      await eventually(
        async () => (await s.wb.notificationTexts()).join('\n'),
        (t) => /Index Whole Organization: .*projects fully indexed/.test(t),
        'the organization indexed',
        60_000,
      );
      const p = s.emu.org.projects.find((x) => x.name === 'Internal Tools')!;
      const minted = await mintServiceAccount(s.emu, p.id, 'leaky-bot');
      await s.wb.page.reload();
      await s.wb.ready();
      await s.wb.openView();
      await s.wb.row(VIEW, p.name).waitFor();
      // A person in a project whose folders this window never loaded.
      const other = s.emu.org.projects.find((x) => x.name === 'Research Sandbox')!;
      const person = s.emu.org.users.find((u) => u.id === other.members[1]!.user_id)!;
      await s.wb.runCommand('OpenAI Projects: Find in Organization…');
      await s.wb.typeQuickInput(`${person.email} sandbox`);
      await s.wb.pickQuickItem(`in ${other.name}`);
      await s.wb.quickInput().locator('.quick-input-title', { hasText: person.name }).waitFor();
      await s.wb.page.keyboard.press('Escape');
      await eventually(selectedLabel, (l) => l === person.name, 'the person’s row selected the first time');
      assert.equal(await s.wb.row(VIEW, 'Users').first().getAttribute('aria-expanded'), 'true');
      // The leak: pasted whole, matched to the new account's key, and its row revealed.
      await s.wb.runCommand('OpenAI Projects: Find Leaked Key…');
      await s.wb.answerQuickInput(minted.secret, { expectTitle: 'Find Leaked Key' });
      await s.wb
        .quickInput()
        .locator('.quick-input-title', { hasText: /1 key matches/ })
        .waitFor({ timeout: 60_000 });
      await s.wb.pickQuickItem(minted.keyName);
      await s.wb.quickInput().locator('.monaco-list-row', { hasText: 'Replace Service Account Key…' }).waitFor();
      await s.wb.page.keyboard.press('Escape');
      await eventually(selectedLabel, (l) => l === `leaky-bot: ${minted.keyName}`, 'the key’s row selected');
    }));

  it('Remove User from All Projects: the plan lists each membership; Apply removes them all', (t) =>
    withScreenshot(t, s.wb, async () => {
      const ada = s.emu.org.users.find((u) => u.name === 'Ada Lovelace')!;
      const memberships = s.emu.org.projects.filter((p) => p.status === 'active' && !p.is_default && p.members.some((m) => m.user_id === ada.id));
      assert.ok(memberships.length >= 2);
      const p = memberships[0]!;
      await s.wb.page.keyboard.press('Escape');
      // Its Users folder is the first one below it: the projects above it are not expanded.
      await s.wb.expand(s.wb.row(VIEW, p.name));
      await s.wb.expand(s.wb.row(VIEW, 'Users').first());
      await s.wb.contextMenu(s.wb.row(VIEW, 'Ada Lovelace').first(), 'Remove User from All Projects…');
      // The plan, rendered: a table of its changes and Apply on it (no dialog in front of it).
      const plan = s.wb.webview('Plan — remove Ada Lovelace from all projects');
      await eventually(
        () => plan.locator('tbody tr').count(),
        (n) => n >= memberships.length,
        'the plan’s changes in a table',
      );
      assert.equal(await s.wb.dialog().count(), 0, 'no dialog over the plan');
      const rows = await plan.locator('h2:has-text("Changes") + table tbody tr').allInnerTexts();
      assert.ok(
        rows.some((r) => r.includes(p.name) && r.includes('removed')),
        rows.join(' / '),
      );
      const apply = plan.locator('vscode-button#apply');
      assert.equal((await apply.innerText()).trim(), `Apply ${memberships.length} changes`);
      await apply.click();
      await eventually(
        () => s.emu.org.projects.filter((x) => x.status === 'active' && x.members.some((m) => m.user_id === ada.id)).length,
        (n) => n === 0,
        'Ada in no active project',
      );
      await eventually(
        () => plan.locator('#summary').innerText(),
        (t) => /Applied: \d+ done/.test(t),
        'the plan shows the outcome',
      );
      assert.ok((await plan.locator('tr.outcome-done').count()) >= memberships.length, 'each change marked done');
      assert.ok(
        s.emu.org.projects.some((x) => x.status === 'archived' && x.members.some((m) => m.user_id === ada.id)),
        'the archived project is untouched',
      );
    }));
});

/** A service account made straight through the API: its key's secret and name. */
async function mintServiceAccount(emu: Emulator, projectId: string, name: string): Promise<{ secret: string; keyName: string }> {
  const r = await fetch(`${emu.baseUrl}/organization/projects/${projectId}/service_accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emu.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  assert.equal(r.status, 200);
  const body = (await r.json()) as { api_key: { value: string; name: string } };
  return { secret: body.api_key.value, keyName: body.api_key.name };
}
