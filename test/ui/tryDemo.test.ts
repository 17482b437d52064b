// A newcomer with no admin key and no emulator: the packaged extension, installed, offers Try a Demo
// Organization; from the palette it lists the demo's projects, and Stop Demo brings back the welcome.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

const VIEW = 'OpenAI Projects';

describe('UI: Try a Demo Organization, installed, with no key and no emulator', () => {
  const s = useSession({ installed: true, emulator: false }, async (x) => {
    await x.wb.openView();
  });

  it('the welcome offers the demo; the palette starts it, its projects are listed; Stop Demo shows the welcome again', (t) =>
    withScreenshot(t, s.wb, async () => {
      const offer = s.wb.welcomeButton(VIEW, 'Try a Demo Organization');
      await eventually(
        () => offer.isVisible(),
        (v) => v,
        'the welcome offers the demo',
        60_000,
      );
      await s.wb.runCommand('OpenAI Projects: Try a Demo Organization');
      const rows = await eventually(
        () => s.wb.rowLabels(VIEW),
        (l) => l.includes('Default project') && l.length > 2,
        "the demo's projects",
        60_000,
      );
      assert.ok(rows.includes('Mobile App'), rows.join(', '));
      const status = s.wb.page.locator('.statusbar-item', { hasText: 'OpenAI demo' });
      await eventually(
        () => status.isVisible(),
        (v) => v,
        'the status bar says it is the demo',
      );
      const said = s.wb.page.getByText('A demo organization on this machine: nothing you do here reaches OpenAI.');
      await eventually(
        () => said.isVisible(),
        (v) => v,
        'the view says it is the demo',
      );

      await s.wb.runCommand('OpenAI Projects: Stop Demo');
      await eventually(
        () => offer.isVisible(),
        (v) => v,
        'the no-key welcome again',
        30_000,
      );
      assert.equal(await status.count(), 0, 'the status-bar item is gone');
      assert.equal(await said.count(), 0, 'the view no longer says it is the demo');
    }));

  /** Try a Demo Organization from the palette, until its projects are listed. */
  const startDemo = async (what: string) => {
    await s.wb.runCommand('OpenAI Projects: Try a Demo Organization');
    await eventually(
      () => s.wb.rowLabels(VIEW),
      (l) => l.includes('Mobile App'),
      what,
      60_000,
    );
  };

  it('the demo lives in its window: a reload ends it (the welcome again), a panel of it says why it is empty, and it starts again', (t) =>
    withScreenshot(t, s.wb, async () => {
      await startDemo("the demo's projects");
      await s.wb.contextMenu(s.wb.row(VIEW, 'Mobile App'), 'Show Usage & Cost');
      await s.wb.webview('Usage & Cost: Mobile App').locator('.totals').waitFor({ timeout: 30_000 });

      await s.wb.reloadWindow();
      await s.wb.openView();
      await eventually(
        () => s.wb.welcomeButton(VIEW, 'Try a Demo Organization').isVisible(),
        (v) => v,
        'the no-key welcome after the reload',
        60_000,
      );
      assert.equal(await s.wb.page.locator('.statusbar-item', { hasText: 'OpenAI demo' }).count(), 0, 'no demo status after the reload');
      await eventually(
        () => s.wb.webview('Usage & Cost: Mobile App').locator('#message').innerText(),
        (m) => /could not be restored: No admin key is set/.test(m),
        'the restored panel says why it is empty',
        60_000,
      );

      await startDemo("the demo's projects again");
    }));
});
