// Projects as files in the browser: export a project from its context menu, edit a limit and add a
// member in the editor, compare (the diff editor), apply, and check what the emulator then holds.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
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

  it('export, edit in the editor, compare, apply', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.find((x) => x.name === 'Data Platform')!;
      const newcomer = s.emu.org.users.find((u) => !p.members.some((m) => m.user_id === u.id))!;
      const model = p.rate_limits[0]!.model;
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Export Project as File…');
      await s.wb.pickQuickItem('Every model’s limits');
      // VS Code's own save dialog, with the name the extension proposes in the workspace folder.
      const path = join(s.folder, 'data-platform.openai-project.json');
      await s.wb.quickInput().locator('.quick-input-box input').waitFor();
      await eventually(
        () => s.wb.quickInput().locator('.quick-input-box input').inputValue(),
        (v) => v.endsWith('data-platform.openai-project.json'),
        'the proposed file name',
      );
      await s.wb.page.keyboard.press('Enter');
      await eventually(
        () => existsSync(path),
        (x) => x,
        'the file written',
      );
      const file = JSON.parse(readFileSync(path, 'utf8')) as ProjectFileJson;
      assert.equal(file.project, 'Data Platform');

      // Edit in the editor: paste the new text over the old, as a person would, and save.
      file.members[newcomer.email] = 'member';
      file.rateLimits[model]!.max_requests_per_1_minute = 4321;
      await s.wb.page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(file, null, 2));
      await s.wb.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await s.wb.page.keyboard.press('Control+A');
      await s.wb.page.keyboard.press('Control+V');
      await s.wb.page.keyboard.press('Control+S');
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
});
