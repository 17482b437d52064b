// The product's journeys in the browser: browse to a rate limit, archive a project, delete a key,
// create a service account and copy its key, rename it, change its role, add and replace its keys;
// each checked in the emulator's state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

const VIEW = 'OpenAI Projects';

describe('UI: tree and actions', () => {
  const s = useSession({ keyFromEnv: true }, (s) => s.wb.openView());

  const project = () =>
    s.emu.org.projects.find((p) => p.status === 'active' && !p.is_default && p.api_keys.some((k) => k.owner.type === 'user') && p.rate_limits.length)!;
  const clipboard = () => s.wb.page.evaluate(() => navigator.clipboard.readText());

  it('browses from a project to its rate limits', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      await s.wb.expand(s.wb.row(VIEW, p.name));
      const limits = s.wb.row(VIEW, 'Rate limits');
      await eventually(
        () => s.wb.description(limits),
        (d) => d === String(p.rate_limits.length),
        'the rate-limit count',
      );
      await s.wb.expand(limits);
      const model = p.rate_limits[0]!.model;
      const row = s.wb.row(VIEW, model);
      await row.waitFor();
      assert.match(await s.wb.description(row), /RPM · .* TPM/);
      assert.equal(await s.wb.description(s.wb.row(VIEW, 'API keys')), String(p.api_keys.length));
    }));

  it('deletes an API key from its context menu, after a confirmation naming it', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      const k = p.api_keys.find((x) => x.owner.type === 'user')!;
      await s.wb.expand(s.wb.row(VIEW, 'API keys'));
      await s.wb.contextMenu(s.wb.row(VIEW, k.name), 'Delete API Key…');
      await s.wb.answerDialog('Delete Key', { expectText: k.name });
      await eventually(
        () => s.emu.org.projects.find((x) => x.id === p.id)!.api_keys.some((x) => x.id === k.id),
        (still) => !still,
        'the key deleted in the emulator',
      );
      await s.wb.row(VIEW, k.name).waitFor({ state: 'detached' });
    }));

  it('creates a service account and copies its key from the one-time dialog', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Create Service Account…');
      await s.wb.answerQuickInput('ui-robot', { expectTitle: /New service account/ });
      const dialog = s.wb.dialog();
      await dialog.waitFor();
      const text = await dialog.innerText();
      const key = /sk-svcacct-\S+/.exec(text)?.[0];
      assert.ok(key, 'the dialog shows the key');
      assert.match(text, /shown only this once/);
      await s.wb.answerDialog('Copy Key');
      assert.equal(await eventually(clipboard, (c) => c === key, 'the key on the clipboard'), key);
      const sa = s.emu.org.projects.find((x) => x.id === p.id)!.service_accounts.find((x) => x.name === 'ui-robot');
      assert.ok(sa, 'the emulator has the service account');
    }));

  it('a service account renamed, made owner, given a second key shown once, and its key replaced: the new one first, then the old deleted', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      const sa = () => s.emu.org.projects.find((x) => x.id === p.id)!.service_accounts.find((x) => x.name.startsWith('ui-robot'))!;
      const keysOf = () =>
        s.emu.org.projects.find((x) => x.id === p.id)!.api_keys.filter((k) => k.owner.type === 'service_account' && k.owner.service_account_id === sa().id);
      await s.wb.expand(s.wb.row(VIEW, 'Service accounts'));
      await s.wb.contextMenu(s.wb.row(VIEW, 'ui-robot'), 'Rename Service Account…');
      await s.wb.answerQuickInput('ui-robot-2', { expectTitle: 'Rename "ui-robot"' });
      await s.wb.row(VIEW, 'ui-robot-2').waitFor();
      assert.equal(sa().name, 'ui-robot-2', 'renamed in the emulator');

      await s.wb.contextMenu(s.wb.row(VIEW, 'ui-robot-2'), 'Change Service Account Role…');
      await s.wb.pickQuickItem(/^owner/);
      await eventually(
        () => s.wb.description(s.wb.row(VIEW, 'ui-robot-2')),
        (d) => d.startsWith('owner'),
        'the row says owner',
      );
      assert.equal(sa().role, 'owner');

      await s.wb.contextMenu(s.wb.row(VIEW, 'ui-robot-2'), 'Add Key to Service Account…');
      await s.wb.answerQuickInput('ci-deploy', { expectTitle: 'New key for "ui-robot-2"' });
      await s.wb.answerQuickInput('', { expectTitle: /Scopes of the new key/ });
      await s.wb.dialog().waitFor();
      const second = /sk-svcacct-\S+/.exec(await s.wb.dialog().innerText())?.[0];
      assert.ok(second, 'the new key shown once');
      await s.wb.answerDialog('Copy Key');
      assert.equal(await eventually(clipboard, (c) => c === second, 'the new key on the clipboard'), second);
      assert.deepEqual(
        keysOf()
          .map((k) => k.name)
          .sort(),
        ['Secret Key', 'ci-deploy'],
      );

      const old = keysOf().find((k) => k.name === 'Secret Key')!;
      const oldRow = s.wb.rows(VIEW).filter({ hasText: old.redacted_value });
      await oldRow.waitFor();
      await s.wb.contextMenu(oldRow, 'Replace Service Account Key…');
      await s.wb.answerDialog('Make a New Key', { expectText: old.redacted_value });
      await s.wb.dialog().waitFor();
      const replacement = /sk-svcacct-\S+/.exec(await s.wb.dialog().innerText())?.[0];
      assert.ok(replacement && replacement !== second, 'the replacement shown once');
      await s.wb.answerDialog('Copy Key');
      await s.wb.answerDialog('Delete Old Key', { expectText: /stops working at once/ });
      await eventually(
        () => keysOf().map((k) => k.id),
        (ids) => !ids.includes(old.id) && ids.length === 2,
        'the old key deleted, the two others kept',
      );
      await oldRow.waitFor({ state: 'detached' });
    }));

  it('archives a project from its context menu: confirmed, archived, gone from the list', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Archive Project…');
      await s.wb.answerDialog('Archive', { expectText: /cannot be undone/ });
      await eventually(
        () => s.emu.org.projects.find((x) => x.id === p.id)!.status,
        (st) => st === 'archived',
        'archived in the emulator',
      );
      await s.wb.row(VIEW, p.name).waitFor({ state: 'detached' });
    }));
});
