// The walking skeleton, operated through the workbench in Chromium as a person would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually, treeOrder } from '../../tools/workbench';

const VIEW = 'OpenAI Projects';

describe('UI: admin key and projects tree', () => {
  const s = useSession();

  const activeProjectNames = () => treeOrder(s.emu.org.projects);
  /** The side bar's title in full at its default width, beside the view's toolbar (not "OpenAI Projects:…"). */
  const titleFits = async () => {
    const title = s.wb.sidebar().locator('.composite.title h2');
    assert.equal((await title.innerText()).toUpperCase(), 'OPENAI PROJECTS');
    const fits = await title.evaluate((h) => h.scrollWidth <= h.clientWidth);
    assert.ok(fits, 'the title is not cut');
  };

  it('shows the welcome with "Set Admin Key…" when no key is known', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.openView();
      await s.wb.welcomeButton(VIEW, 'Set Admin Key…').waitFor();
      assert.deepEqual(await s.wb.rowLabels(VIEW), []);
      await titleFits();
    }));

  it('keeps a rejected key in the input with the reason, then stores the right one and lists the projects', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.welcomeButton(VIEW, 'Set Admin Key…').click();
      await s.wb.answerQuickInput('sk-admin-this-key-is-not-valid-0000', { expectTitle: /Set Admin Key/ });
      const message = s.wb.quickInput().locator('.quick-input-message');
      await eventually(
        () => message.innerText(),
        (m) => /rejected \(401\)/.test(m),
        'the 401 reason in the input',
      );
      const input = s.wb.quickInput().locator('.quick-input-box input');
      assert.equal(await input.getAttribute('type'), 'password', 'the key is masked');
      assert.equal(await input.inputValue(), 'sk-admin-this-key-is-not-valid-0000', 'what was typed is kept');
      assert.ok(!(await message.innerText()).includes('this-key-is-not-valid'), 'the key is redacted in the message');

      await s.wb.answerQuickInput(s.emu.adminKey);
      const names = activeProjectNames();
      assert.ok(names.length >= 5);
      await eventually(
        () => s.wb.rowLabels(VIEW),
        (l) => l.length === names.length,
        `${names.length} project rows`,
      );
      assert.deepEqual(await s.wb.rowLabels(VIEW), names);
      await titleFits();
      const said = await s.wb.notificationTexts();
      assert.ok(
        said.some((m) => m.includes('saved in VS Code’s secret storage')),
        JSON.stringify(said),
      );
      assert.ok(!said.some((m) => m.includes(s.emu.adminKey)), 'the key is never shown');
    }));

  it('copies a project id from its context menu', (t) =>
    withScreenshot(t, s.wb, async () => {
      const project = s.emu.org.projects.filter((p) => p.status === 'active').sort((a, b) => a.name.localeCompare(b.name))[1]!;
      await s.wb.contextMenu(s.wb.row(VIEW, project.name), 'Copy Project ID');
      const copied = await eventually(
        () => s.wb.page.evaluate(() => navigator.clipboard.readText()),
        (c) => c === project.id,
        'the id on the clipboard',
      );
      assert.equal(copied, project.id);
    }));

  it('refreshes from the command palette, with one request a page', (t) =>
    withScreenshot(t, s.wb, async () => {
      const before = s.emu.requests.length;
      await s.wb.runCommand('OpenAI Projects: Refresh');
      await eventually(
        () => s.emu.requests.slice(before).filter((r) => r.path === '/organization/projects').length,
        (n) => n === 1,
        'one list request',
      );
      assert.deepEqual(await s.wb.rowLabels(VIEW), activeProjectNames());
    }));

  it('clears the key after a modal confirmation, and the welcome returns', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('OpenAI Projects: Clear Admin Key');
      await s.wb.answerDialog('Remove Key', { expectText: /secret storage/ });
      await s.wb.welcomeButton(VIEW, 'Set Admin Key…').waitFor();
      assert.deepEqual(await s.wb.rowLabels(VIEW), []);
    }));
});
