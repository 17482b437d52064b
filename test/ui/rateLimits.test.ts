// The rate-limit form in the browser: validation as you type, a save with one accepted and one
// refused row, what the emulator then holds, and API strings rendered as text, never as HTML.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProjectElsewhere, useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

const VIEW = 'OpenAI Projects';
const RPM = 'max_requests_per_1_minute';

describe('UI: rate-limit form', () => {
  const s = useSession({ keyFromEnv: true }, (s) => s.wb.openView());

  const project = () =>
    s.emu.org.projects.find((p) => p.status === 'active' && !p.is_default && ['gpt-5', 'gpt-4o'].every((m) => p.rate_limits.some((r) => r.model === m)))!;
  const limit = (model: string) => project().rate_limits.find((r) => r.model === model)!;

  it('validates as you type, saves one model, shows the API’s refusal on the other and keeps its input', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Edit Rate Limits…');
      const form = s.wb.webview(`Rate limits: ${p.name}`);
      const field = (model: string) => form.locator(`vscode-textfield[data-model="${model}"][data-field="${RPM}"] input`);
      const save = form.locator('vscode-button#save');
      await field('gpt-5').waitFor();
      assert.equal(await save.getAttribute('disabled'), '', 'nothing to save yet');

      await field('gpt-5').fill('-5');
      const error = form.locator(`tr[data-model="gpt-5"] .error`).first();
      await eventually(
        () => error.innerText(),
        (e) => /whole number/.test(e),
        'the inline error',
      );
      assert.equal(await save.getAttribute('disabled'), '', 'Save is disabled while a value is invalid');

      const before4o = limit('gpt-4o').limits[RPM];
      await field('gpt-5').fill('3000');
      await field('gpt-4o').fill('20000000'); // above the organization's own limit: the API refuses it
      await eventually(
        () => save.getAttribute('disabled'),
        (d) => d === null,
        'Save enabled',
      );
      assert.match(await form.locator('tr[data-model="gpt-5"] .was').first().innerText(), /server: 2,500|server: [\d,]+/);
      await save.click();

      const status = (model: string) => form.locator(`tr[data-model="${model}"] td:last-child`);
      await eventually(
        () => status('gpt-5').innerText(),
        (x) => x === 'Saved.',
        'gpt-5 saved',
      );
      await eventually(
        () => status('gpt-4o').innerText(),
        (x) => /^Refused \(400\): .*above the organization's limit/.test(x),
        'gpt-4o refused with the API’s reason',
      );
      assert.equal(limit('gpt-5').limits[RPM], 3000);
      assert.equal(limit('gpt-4o').limits[RPM], before4o, 'the refused row changed nothing');
      assert.equal(await field('gpt-4o').inputValue(), '20000000', 'the refused row keeps what was typed');
      // Editing a row again: its old outcome no longer describes it.
      await field('gpt-5').fill('3001');
      assert.equal(await status('gpt-5').innerText(), '', 'an edited row no longer says Saved.');
      await field('gpt-4o').fill('20000001');
      assert.equal(await status('gpt-4o').innerText(), '', 'an edited row no longer shows its old refusal');
    }));

  it('warns when another admin changed a value since the form loaded, shows both, and overwrites on request', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Edit Rate Limits…');
      const form = s.wb.webview(`Rate limits: ${p.name}`);
      const field = form.locator(`vscode-textfield[data-model="gpt-5"][data-field="${RPM}"] input`);
      await field.fill('4000');
      const loaded = limit('gpt-5').limits[RPM]!;
      // Another admin, straight through the API.
      const r = await fetch(`${s.emu.baseUrl}/organization/projects/${p.id}/rate_limits/${limit('gpt-5').id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.emu.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ [RPM]: 3500 }),
      });
      assert.equal(r.status, 200);
      await form.locator('vscode-button#save').click();
      const banner = form.locator('#conflict');
      await banner.waitFor();
      assert.match(await banner.innerText(), new RegExp(`gpt-5 · Requests / min: loaded ${loaded.toLocaleString('en-US')}, server now 3,500, yours 4,000`));
      assert.equal(limit('gpt-5').limits[RPM], 3500, 'nothing overwritten yet');
      await form.locator('vscode-button#overwrite').click();
      await eventually(
        () => form.locator('tr[data-model="gpt-5"] td:last-child').innerText(),
        (x) => x === 'Saved.',
        'saved',
      );
      assert.equal(limit('gpt-5').limits[RPM], 4000);
    }));

  it('keeps typed values when the panel is hidden and shown, and offers them back after closing', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Edit Rate Limits…');
      const title = `Rate limits: ${p.name}`;
      const form = s.wb.webview(title);
      const field = () => form.locator(`vscode-textfield[data-model="gpt-4o"][data-field="${RPM}"] input`);
      await field().fill('1234');
      await s.wb.runCommand('File: New Untitled Text File');
      await s.wb.page.locator('.tabs-container .tab', { hasText: title }).click();
      await eventually(
        () => field().inputValue(),
        (v) => v === '1234',
        'the edit after hide/show',
      );

      await s.wb.runCommand('View: Close Editor');
      await s.wb.page.locator('.tabs-container .tab', { hasText: title }).waitFor({ state: 'detached' });
      const said = await s.wb.notificationTexts();
      assert.ok(
        said.some((m) => m.includes(`"${p.name}" was closed with unsaved edits`)),
        JSON.stringify(said),
      );
      await s.wb.runCommand('Notifications: Show Notifications');
      await s.wb.page.locator('.notifications-center .monaco-button', { hasText: 'Reopen with My Edits' }).click();
      await eventually(
        () => field().inputValue(),
        (v) => v === '1234',
        'the edit after reopening',
      );
    }));

  it('opens focused on a model from its row, and the filter box narrows the table', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      await s.wb.runCommand('View: Close All Editors');
      await s.wb.expand(s.wb.row(VIEW, p.name));
      await s.wb.expand(s.wb.row(VIEW, 'Rate limits'));
      await s.wb.contextMenu(s.wb.row(VIEW, 'gpt-4o'), 'Edit Rate Limits…');
      const form = s.wb.webview(`Rate limits: ${p.name}`);
      await eventually(
        () => form.locator('body').evaluate((b) => b.ownerDocument.activeElement?.getAttribute('data-model') ?? ''),
        (m) => m === 'gpt-4o',
        'the gpt-4o field focused',
      );
      await form.locator('vscode-textfield#filter input').fill('mini');
      const visible = await form.locator('tr[data-model]:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model')));
      assert.ok(visible.length >= 1 && visible.every((m) => m!.includes('mini')), JSON.stringify(visible));
    }));

  it('renders project and model names with markup as text', (t) =>
    withScreenshot(t, s.wb, async () => {
      const evil = '<img src=x onerror="document.title=\'pwned\'"><b>bold</b>';
      const createdId = await createProjectElsewhere(s.emu, evil);
      const model = `<script>alert(1)</script><i>model</i>`;
      await fetch(`${s.emu.controlUrl}/faults`, {
        method: 'POST',
        body: JSON.stringify({
          kind: 'response',
          status: 200,
          method: 'GET',
          path: `/projects/${createdId}/rate_limits$`,
          body: {
            object: 'list',
            data: [{ object: 'project.rate_limit', id: 'rl-evil', model, max_requests_per_1_minute: 10, max_tokens_per_1_minute: 20 }],
            first_id: 'rl-evil',
            last_id: 'rl-evil',
            has_more: false,
          },
        }),
      });
      await s.wb.runCommand('OpenAI Projects: Refresh');
      await s.wb.runCommand('OpenAI Projects: Edit Rate Limits…');
      await s.wb.answerQuickInput(evil);
      const form = s.wb.webview(`Rate limits: ${evil}`);
      await form.locator('tr[data-model] td').first().waitFor();
      assert.equal(await form.locator('h1').innerText(), `Rate limits: ${evil}`);
      assert.equal(await form.locator('tr[data-model] td').first().innerText(), model);
      // Light DOM only (the components' own shadow DOM has icons of its own).
      const injected = await form.locator('body').evaluate((b) => ({
        markup: b.querySelectorAll('img, b, i').length,
        scripts: [...b.ownerDocument.querySelectorAll('script')].filter((x) => x.textContent.includes('alert(1)')).length,
      }));
      assert.deepEqual(injected, { markup: 0, scripts: 0 }, 'no element came from API text');
      assert.notEqual(await s.wb.page.title(), 'pwned');
    }));
});
