// Panels survive a window reload: Usage & Cost with its range, Activity with its filter and the
// rate-limit form with what was typed and not saved come back drawn, each from its own requests; a
// panel whose project is no longer in the organization says so instead of staying blank.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

const VIEW = 'OpenAI Projects';
const RPM = 'max_requests_per_1_minute';

describe('UI: panels restored after a reload', () => {
  const s = useSession({ keyFromEnv: true }, (s) => s.wb.openView());
  const project = () => s.emu.org.projects.find((p) => p.name === 'Mobile App')!;
  const tab = (title: string) => s.wb.page.locator('.tabs-container .tab', { hasText: title });

  it('Usage & Cost keeps its range, Activity its filter, the rate-limit form its unsaved edit', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      const model = p.rate_limits[0]!.model;
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Show Usage & Cost');
      const usage = s.wb.webview(`Usage & Cost: ${p.name}`);
      await usage.locator('vscode-button', { hasText: '90 days' }).click();
      await eventually(
        () => usage.locator('.totals').innerText(),
        (x) => x.includes('Last 90 days'),
        'the 90-day report',
      );

      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Show Activity');
      const activity = s.wb.webview(`Activity: ${p.name}`);
      await activity.locator('select').selectOption('user.added');

      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Edit Rate Limits…');
      const form = s.wb.webview(`Rate limits: ${p.name}`);
      const field = form.locator(`vscode-textfield[data-model="${model}"][data-field="${RPM}"] input`);
      await field.fill('4321');
      await eventually(
        () => form.locator('vscode-button#save').getAttribute('disabled'),
        (d) => d === null,
        'Save enabled by the edit',
      );

      const asked = s.emu.requests.length;
      await s.wb.reloadWindow();

      // The form was the active tab: it is drawn first, with the edit, and nothing was saved.
      const restoredForm = s.wb.webview(`Rate limits: ${p.name}`);
      const restoredField = restoredForm.locator(`vscode-textfield[data-model="${model}"][data-field="${RPM}"] input`);
      await eventually(
        () => restoredField.inputValue(),
        (v) => v === '4321',
        'the unsaved edit back in the form',
        60_000,
      );
      assert.equal(await restoredForm.locator('vscode-button#save').getAttribute('disabled'), null, 'Save still offered');
      assert.notEqual(p.rate_limits.find((r) => r.model === model)!.limits[RPM], 4321, 'nothing saved by the reload');

      await tab(`Activity: ${p.name}`).click();
      const restoredActivity = s.wb.webview(`Activity: ${p.name}`);
      await eventually(
        () => restoredActivity.locator('select').inputValue(),
        (v) => v === 'user.added',
        'the filter kept',
      );
      assert.ok(
        s.emu.requests.slice(asked).some((r) => r.path === '/organization/audit_logs' && /event_types/.test(r.query)),
        'the restored Activity asked for the filtered log',
      );

      await tab(`Usage & Cost: ${p.name}`).click();
      const restoredUsage = s.wb.webview(`Usage & Cost: ${p.name}`);
      await eventually(
        () => restoredUsage.locator('.totals').innerText(),
        (x) => x.includes('Last 90 days'),
        'the 90-day report again',
      );
      assert.equal(await restoredUsage.locator('vscode-button[aria-pressed="true"]').innerText(), '90 days');
    }));

  it('a restored panel whose project is no longer in the organization says so', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = project();
      // The organization no longer lists it (as if the key now belonged to another organization).
      const empty = { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
      s.emu.addFault({ kind: 'response', status: 200, method: 'GET', path: '^/organization/projects$', body: empty, count: 20 });
      t.after(() => s.emu.clearFaults());
      await s.wb.reloadWindow();
      const form = s.wb.webview(`Rate limits: ${p.name}`);
      await eventually(
        () => form.locator('#message').innerText(),
        (m) => /no longer in this organization/.test(m),
        'the form says what happened',
        60_000,
      );
    }));
});
