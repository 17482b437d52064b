// Organization-wide journeys in the browser: find a person and land on their row; paste a leaked key,
// find it and revoke it; offboard a person from every project through the plan. Each is checked in
// the emulator's state afterwards.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from './workbench';

const VIEW = 'Projects';

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
      await s.wb.dialog().waitFor();
      const lines = s.wb.page.locator('.editor-instance .view-lines');
      // Monaco draws spaces as no-break spaces.
      const editor = { innerText: async () => (await lines.innerText()).replace(/\u00a0/g, ' ') };
      await eventually(
        () => editor.innerText(),
        (t) => /Remove Ada Lovelace from all projects/.test(t) && t.includes('removed'),
        'the plan in an editor',
      );
      await s.wb.answerDialog('Apply', { expectText: `apply ${memberships.length} changes` });
      await eventually(
        () => s.emu.org.projects.filter((x) => x.status === 'active' && x.members.some((m) => m.user_id === ada.id)).length,
        (n) => n === 0,
        'Ada in no active project',
      );
      await eventually(
        () => editor.innerText(),
        (t) => /Applied: \d+ done/.test(t),
        'the plan shows the outcome',
      );
      assert.ok(
        s.emu.org.projects.some((x) => x.status === 'archived' && x.members.some((m) => m.user_id === ada.id)),
        'the archived project is untouched',
      );
    }));
});
