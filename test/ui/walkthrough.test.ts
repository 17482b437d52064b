// The Getting Started walkthrough in the browser: its steps check themselves off on their real events
// (the view opened, the key set).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

describe('UI: walkthrough', () => {
  const s = useSession();

  it('opening the view and setting the key complete their steps', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('Welcome: Open Walkthrough...');
      await s.wb.pickQuickItem(/Get Started with OpenAI Projects Explorer/);
      const page = s.wb.page;
      const step = (id: string) => page.locator(`.getting-started-step[data-step-id$="#${id}"]`);
      await step('setKey').waitFor();
      // A step done is aria-checked.
      assert.equal(await step('openView').getAttribute('aria-checked'), 'false', 'not done before');
      await s.wb.openView();
      await s.wb.welcomeButton('OpenAI Projects', 'Set Admin Key…').click();
      await s.wb.answerQuickInput(s.emu.adminKey);
      await s.wb.row('OpenAI Projects', 'Default project').waitFor();
      await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click();
      // The page went back to its overview; the walkthrough's card opens its steps again.
      const card = page.locator('.getting-started-category', { hasText: 'Get Started with OpenAI Proj' }).first();
      if (await card.isVisible()) await card.click();
      for (const id of ['openView', 'setKey']) {
        await eventually(
          () => step(id).getAttribute('aria-checked'),
          (c) => c === 'true',
          `the ${id} step checked off`,
        );
      }
      assert.equal(await step('editLimits').getAttribute('aria-checked'), 'false', 'a step not yet done stays open');
    }));
});
