// The settings form in the browser: its sections drawn from the emulator, checks as you type, one Save
// that writes every changed section (what the emulator then holds), API strings rendered as text,
// edits kept when the panel is closed and offered back or the window reloaded, and the organization's
// own form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

const VIEW = 'OpenAI Projects';

describe('UI: settings form', () => {
  const s = useSession({ keyFromEnv: true }, (s) => s.wb.openView());
  const project = () => s.emu.org.projects.find((p) => p.status === 'active' && !p.is_default)!;

  it('checks as you type, then saves a limit, an alert, an allow list, a tool, a retention and a tier in one Save', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Edit Project Settings…');
      const form = s.wb.webview(`Settings: ${p.name}`);
      const section = (id: string) => form.locator(`section[data-section="${id}"]`);
      const input = (id: string) => form.locator(`vscode-textfield[data-field="${id}"] input`);
      const save = form.locator('vscode-button#save');
      await input('spendLimit.amount').waitFor();
      await section('serviceTiers').locator('vscode-radio').first().waitFor();

      await input('spendLimit.amount').fill('12.345');
      await eventually(
        () => section('spendLimit').locator('[data-error="amount"]').innerText(),
        (e) => /US dollars/.test(e),
        'the amount’s problem shown as typed',
      );
      assert.equal(await save.getAttribute('disabled'), '', 'Save waits for the problem to be fixed');
      await input('spendLimit.amount').fill('250');
      await eventually(
        () => form.locator('#summary').innerText(),
        (x) => x === 'Changed: Hard spend limit.',
        'the summary names the changed section',
      );

      await form.locator('vscode-button#addAlert').click();
      await input('spendAlerts.0.amount').fill('200');
      await input('spendAlerts.0.recipients').fill('ops@example.com, lead@example');
      await eventually(
        () => section('spendAlerts').locator('[data-error="alert.0.recipients"]').innerText(),
        (e) => e.includes('"lead@example" is not an email address'),
        'a bad recipient named',
      );
      await input('spendAlerts.0.recipients').fill('ops@example.com, lead@example.com');

      await section('models').locator('vscode-radio[data-choice="allow_list"]').click();
      const ids = form.locator('vscode-textarea[data-field="models.ids"] textarea');
      await ids.waitFor();
      await ids.fill('gpt-5\no3');
      await section('hostedTools').locator('vscode-checkbox[data-choice="web_search"]').click();
      await section('dataRetention').locator('vscode-radio[data-choice="zero_data_retention"]').click();
      // Every tier is on (the API's default): narrowed to Flex alone.
      await section('serviceTiers').locator('vscode-checkbox[data-choice="all"]').click();
      await section('serviceTiers').locator('vscode-checkbox[data-choice="flex"]:not([disabled])').click();

      await eventually(
        () => save.getAttribute('disabled'),
        (d) => d === null,
        'Save enabled',
      );
      await save.click();
      for (const id of ['spendLimit', 'spendAlerts', 'models', 'hostedTools', 'dataRetention', 'serviceTiers'])
        await eventually(
          () => section(id).locator('.status').innerText(),
          (x) => x === 'Saved.',
          `${id} saved`,
        );
      const pol = s.emu.org.projects.find((x) => x.id === p.id)!.policy!;
      assert.equal(pol.spend_limit, 25_000);
      assert.deepEqual(
        pol.spend_alerts?.map((a) => [a.threshold_amount, a.recipients.join()]),
        [[20_000, 'ops@example.com,lead@example.com']],
      );
      assert.deepEqual(pol.models, { mode: 'allow_list', model_ids: ['gpt-5', 'o3'] });
      assert.deepEqual(pol.tools_off, ['web_search']);
      assert.equal(pol.data_retention, 'zero_data_retention');
      assert.deepEqual(pol.service_tiers?.enabled_tiers, ['flex']);
      assert.equal(await form.locator('#summary').innerText(), 'No changes.');
    }));

  it('shows a value the API answers that the form does not know, as text, and keeps edits through a close', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.filter((x) => x.status === 'active' && !x.is_default)[1]!;
      (p.policy ??= {}).data_retention = '<img src=x onerror=alert(1)>future';
      await s.wb.runCommand('View: Close All Editors');
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Edit Project Settings…');
      const title = `Settings: ${p.name}`;
      const form = s.wb.webview(title);
      const odd = form.locator('section[data-section="dataRetention"] vscode-radio[data-choice="<img src=x onerror=alert(1)>future"]');
      await odd.waitFor();
      assert.equal(
        await odd.evaluate((r) => (r as HTMLElement & { label: string; checked: boolean }).label),
        '<img src=x onerror=alert(1)>future (not known to this form)',
      );
      assert.equal(await form.locator('img').count(), 0, 'nothing rendered as HTML');

      const amount = () => form.locator('vscode-textfield[data-field="spendLimit.amount"] input');
      await amount().fill('77');
      await s.wb.runCommand('View: Close Editor');
      await s.wb.page.locator('.tabs-container .tab', { hasText: title }).waitFor({ state: 'detached' });
      const said = await s.wb.notificationTexts();
      assert.ok(
        said.some((m) => m.includes(`${title} was closed with unsaved edits (Hard spend limit)`)),
        JSON.stringify(said),
      );
      await s.wb.runCommand('Notifications: Show Notifications');
      await s.wb.page.locator('.notifications-center .monaco-button', { hasText: 'Reopen with My Edits' }).click();
      await eventually(
        () => amount().inputValue(),
        (v) => v === '77',
        'the edit after reopening',
      );
      assert.equal(s.emu.org.projects.find((x) => x.id === p.id)!.policy!.spend_limit, undefined, 'nothing saved by closing');
    }));

  it('the organization’s form from its view: three sections, a limit above every project’s and a retention saved', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('View: Close All Editors');
      await s.wb.runCommand('OpenAI Projects: Edit Organization Settings…');
      const form = s.wb.webview('Organization settings');
      const section = (id: string) => form.locator(`section[data-section="${id}"]`);
      await form.locator('vscode-textfield[data-field="spendLimit.amount"] input').waitFor();
      await section('dataRetention').locator('vscode-radio').first().waitFor();
      assert.deepEqual(
        await form.locator('section[data-section]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-section'))),
        ['spendLimit', 'spendAlerts', 'dataRetention'],
        'only what an organization has',
      );
      await form.locator('vscode-textfield[data-field="spendLimit.amount"] input').fill('5,000');
      await section('dataRetention').locator('vscode-radio[data-choice="zero_data_retention"]').click();
      const save = form.locator('vscode-button#save');
      await eventually(
        () => save.getAttribute('disabled'),
        (d) => d === null,
        'Save enabled',
      );
      await save.click();
      for (const id of ['spendLimit', 'dataRetention'])
        await eventually(
          () => section(id).locator('.status').innerText(),
          (x) => x === 'Saved.',
          `${id} saved`,
        );
      assert.equal(s.emu.org.spend_limit, 500_000);
      assert.equal(s.emu.org.data_retention, 'zero_data_retention');
    }));

  it('after a window reload the form is back with its unsaved edit, Save still offered, nothing sent', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.filter((x) => x.status === 'active' && !x.is_default)[2]!;
      await s.wb.runCommand('View: Close All Editors');
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Edit Project Settings…');
      const title = `Settings: ${p.name}`;
      const amount = () => s.wb.webview(title).locator('vscode-textfield[data-field="spendLimit.amount"] input');
      await amount().fill('88');
      await eventually(
        () => s.wb.webview(title).locator('#summary').innerText(),
        (x) => x === 'Changed: Hard spend limit.',
        'the edit counted',
      );
      const writes = () => s.emu.requests.filter((r) => r.method !== 'GET').length;
      const before = writes();
      await s.wb.reloadWindow();
      await eventually(
        () => amount().inputValue(),
        (v) => v === '88',
        'the unsaved edit back in the form',
        60_000,
      );
      assert.equal(await s.wb.webview(title).locator('vscode-button#save').getAttribute('disabled'), null, 'Save still offered');
      assert.equal(writes(), before, 'nothing written by the reload');
      assert.equal(s.emu.org.projects.find((x) => x.id === p.id)!.policy?.spend_limit, undefined);
    }));
});
