// Projects as files in the browser: export a project from its context menu, edit a limit and add a
// member in the editor, compare (the diff editor), apply, and check what the emulator then holds; then
// every policy section and a service account's role, edited in a file, planned and applied.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { postElsewhere, useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

const VIEW = 'OpenAI Projects';

/** What the test reads of an exported project file. */
interface ProjectFileJson {
  project: string;
  members: Record<string, string>;
  rateLimits: Record<string, Record<string, number>>;
}

describe('UI: projects as files', () => {
  const s = useSession({ keyFromEnv: true }, (s) => s.wb.openView());

  /** Edits the open file as a person would: its whole text pasted over, then saved. */
  async function pasteAndSave(file: unknown): Promise<void> {
    await s.wb.page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(file, null, 2));
    await s.wb.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await s.wb.page.keyboard.press('Control+A');
    await s.wb.page.keyboard.press('Control+V');
    await s.wb.page.keyboard.press('Control+S');
  }

  /** Export Project as File… from the row, through VS Code's own save dialog with the name the extension proposes. */
  async function exportFile(project: string, limits: string, name: string): Promise<string> {
    await s.wb.contextMenu(s.wb.row(VIEW, project), 'Export Project as File…');
    await s.wb.pickQuickItem(limits);
    const path = join(s.folder, name);
    await s.wb.quickInput().locator('.quick-input-box input').waitFor();
    await eventually(
      () => s.wb.quickInput().locator('.quick-input-box input').inputValue(),
      (v) => v.endsWith(name),
      'the proposed file name',
    );
    await s.wb.page.keyboard.press('Enter');
    // Written, not only created: the file exists a moment before its text is in it.
    await eventually(
      () => (existsSync(path) ? readFileSync(path, 'utf8') : ''),
      (text) => {
        try {
          JSON.parse(text);
          return true;
        } catch {
          return false;
        }
      },
      'the file written',
    );
    return path;
  }

  it('export, edit in the editor, compare, apply', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.find((x) => x.name === 'Data Platform')!;
      const newcomer = s.emu.org.users.find((u) => !p.members.some((m) => m.user_id === u.id))!;
      const model = p.rate_limits[0]!.model;
      const path = await exportFile(p.name, 'Every model’s limits', 'data-platform.openai-project.json');
      const file = JSON.parse(readFileSync(path, 'utf8')) as ProjectFileJson;
      assert.equal(file.project, 'Data Platform');

      // Edit in the editor: paste the new text over the old, as a person would, and save.
      file.members[newcomer.email] = 'member';
      file.rateLimits[model]!.max_requests_per_1_minute = 4321;
      await pasteAndSave(file);
      await eventually(
        () => (JSON.parse(readFileSync(path, 'utf8')) as ProjectFileJson).rateLimits[model]?.max_requests_per_1_minute,
        (v) => v === 4321,
        'the edit saved',
      );

      await s.wb.runCommand('OpenAI Projects: Compare with Organization');
      await s.wb.page.locator('.monaco-diff-editor').first().waitFor();
      // Compare's plan, beside the diff: its Apply runs Apply to Organization, whose plan takes its place.
      const plan = s.wb.webview(`Plan — ${path.slice(path.lastIndexOf('/') + 1)}`);
      await plan.locator('vscode-button#apply', { hasText: 'Apply to Organization' }).click();
      await plan.locator('vscode-button#apply', { hasText: 'Apply 2 changes' }).click();
      await eventually(
        () => s.emu.org.projects.find((x) => x.id === p.id)!.rate_limits.find((r) => r.model === model)!.limits.max_requests_per_1_minute,
        (v) => v === 4321,
        'the limit in the emulator',
      );
      assert.equal(s.emu.org.projects.find((x) => x.id === p.id)!.members.find((m) => m.user_id === newcomer.id)?.role, 'member');
    }));

  it('policy in a file: a limit set through the API moments before is exported; every section and a service account’s role edited, planned in words and applied', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.find((x) => x.name === 'Mobile App')!;
      // The first journey's file and plan closed: the exported file is the one editor to paste into.
      await s.wb.runCommand('View: Close All Editors');
      await postElsewhere(s.emu, `/organization/projects/${p.id}/spend_limit`, { threshold_amount: 12_500, currency: 'USD', interval: 'month' });
      const path = await exportFile(p.name, 'Only limits that differ from the default project’s', 'mobile-app.openai-project.json');
      const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      assert.equal(file.spendLimit, 125);
      assert.equal(file.models, 'all');

      const sa = p.service_accounts.find((x) => x.role === 'member')!;
      assert.equal((file.serviceAccounts as Record<string, string>)[sa.name], 'member');
      file.spendLimit = 300;
      file.spendAlerts = [{ amount: 80, recipients: ['ops@example.com'] }];
      file.models = { allow: ['gpt-4o-mini'] };
      file.hostedTools = { web_search: false };
      file.dataRetention = 'zero_data_retention';
      file.serviceTiers = { default: 'standard', enabled: ['flex'] };
      (file.serviceAccounts as Record<string, string>)[sa.name] = 'owner';
      await pasteAndSave(file);
      await eventually(
        () => (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>).spendLimit,
        (v) => v === 300,
        'the edit saved',
      );
      await s.wb.runCommand('OpenAI Projects: Apply to Organization…');
      const plan = s.wb.webview(`Plan — ${path.slice(path.lastIndexOf('/') + 1)}`);
      const rows = plan.locator('tbody tr');
      await eventually(
        () => rows.allInnerTexts(),
        (r) => r.length === 7,
        'seven changes planned',
      );
      const text = (await rows.allInnerTexts()).join('\n');
      assert.match(text, /Hard spend limit\s+\$125 a month\s+\$300 a month/);
      assert.match(text, /Spend alerts\s+none\s+\$80 → ops@example\.com/);
      assert.match(text, /Models\s+every model\s+only gpt-4o-mini/);
      assert.match(text, /Hosted tools\s+web_search on\s+web_search off/);
      assert.match(text, /Data retention\s+\S+\s+zero_data_retention/);
      assert.match(text, /Service tiers\s+default standard; also all\s+default standard; also flex/);
      assert.match(text, new RegExp(`service account ${sa.name}\\s+member\\s+owner`));
      await plan.locator('vscode-button#apply', { hasText: 'Apply 7 changes' }).click();
      await eventually(
        () => s.emu.org.projects.find((x) => x.id === p.id)!.policy?.data_retention,
        (v) => v === 'zero_data_retention',
        'the retention in the emulator',
      );
      const policy = s.emu.org.projects.find((x) => x.id === p.id)!.policy!;
      assert.equal(policy.spend_limit, 30_000);
      assert.deepEqual(policy.models, { mode: 'allow_list', model_ids: ['gpt-4o-mini'] });
      assert.deepEqual(
        policy.spend_alerts?.map((a) => [a.threshold_amount, a.recipients]),
        [[8_000, ['ops@example.com']]],
      );
      assert.deepEqual(policy.tools_off, ['web_search']);
      assert.deepEqual(policy.service_tiers?.enabled_tiers, ['flex']);
      assert.equal(s.emu.org.projects.find((x) => x.id === p.id)!.service_accounts.find((x) => x.id === sa.id)!.role, 'owner');
    }));
});
