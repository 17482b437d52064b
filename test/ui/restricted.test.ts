// A repository opened in Restricted Mode (VS Code does not trust its folder) whose .vscode/settings.json
// tries what a workspace could: send the admin key elsewhere, and turn on settings that cost requests.
// Neither takes: the view lists the organization from the person's own base URL, with no costs asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually, treeOrder } from '../../tools/workbench';

describe('UI: an untrusted workspace’s settings', () => {
  const s = useSession({
    keyFromEnv: true,
    workspace: {
      trusted: false,
      settings: { 'openaiProjects.baseUrl': 'http://127.0.0.1:9/v1', 'openaiProjects.showCost': true, 'openaiProjects.persistIndex': false },
    },
  });

  it('in Restricted Mode, the workspace can neither move the base URL nor turn on per-row costs', (t) =>
    withScreenshot(t, s.wb, async () => {
      await eventually(
        () => s.wb.page.locator('#workbench\\.parts\\.statusbar').innerText(),
        (v) => /Restricted Mode/.test(v),
        'the Restricted Mode indicator',
      );
      await s.wb.openView();
      const names = treeOrder(s.emu.org.projects);
      const rows = await eventually(
        () => s.wb.rowLabels('OpenAI Projects'),
        (l) => l.length === names.length,
        `${names.length} project rows, from the emulator`,
      );
      assert.deepEqual(rows, names);
      const row = s.wb.page.locator('.monaco-list-row', { hasText: names[1]! }).first();
      assert.doesNotMatch(await s.wb.description(row), /\$/, 'no month-to-date cost in the row');
      assert.ok(!s.emu.requests.some((r) => r.path.startsWith('/organization/costs')), 'no costs request');
    }));
});
