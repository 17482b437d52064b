// The driver's webview helpers against a real webview (a fixture extension loaded beside ours):
// find the panel's nested iframes, type into a field, click, and read what came back.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

describe('UI driver: webviews', () => {
  const s = useSession({ keyFromEnv: true, extraExtensions: [join(__dirname, 'fixtures/webview-probe')] });

  it('types into a webview form and sees the extension answer', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('Webview Probe: Open Form');
      const form = s.wb.webview('Probe Form');
      await form.locator('#name').fill('<b>typed</b> by the driver');
      await form.locator('#save').click();
      await eventually(
        () => form.locator('#status').innerText(),
        (v) => v === 'saved <b>typed</b> by the driver',
        'the webview status',
      );
      const toasts = await eventually(
        () => s.wb.notificationTexts(),
        (n) => n.some((m) => m.includes('Probe got: <b>typed</b> by the driver')),
        'the notification',
      );
      assert.ok(toasts.length >= 1);
    }));
});
