// npm run screenshots — the README's pictures, taken by the UI-test driver from the real workbench
// against the emulator's demo organization: docs/welcome.png, docs/tree.png, docs/context-menu.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../test/host/build';
import { startSession } from '../test/ui/session';
import { eventually } from '../test/ui/workbench';

const DOCS = join(ROOT, 'docs');
const CLIP = { x: 0, y: 0, width: 600, height: 260 };

async function main() {
  mkdirSync(DOCS, { recursive: true });
  const s = await startSession();
  try {
    const { wb } = s;
    const shot = async (name: string) => {
      await wb.page.mouse.move(1200, 700); // no hover tooltip in the picture
      await new Promise((r) => setTimeout(r, 600));
      await wb.page.screenshot({ path: join(DOCS, name), clip: CLIP });
      console.log(`docs/${name}`);
    };
    await wb.openView();
    await wb.welcomeButton('Projects', 'Set Admin Key…').waitFor();
    await shot('welcome.png');

    await wb.welcomeButton('Projects', 'Set Admin Key…').click();
    await wb.answerQuickInput(s.emu.adminKey);
    const count = s.emu.org.projects.filter((p) => p.status === 'active').length;
    await eventually(() => wb.rowLabels('Projects'), (l) => l.length === count, 'the projects');
    await wb.page.locator('.notifications-toasts .codicon-notifications-clear').first().click().catch(() => undefined);
    await shot('tree.png');

    const row = wb.rows('Projects').nth(1);
    await row.click({ button: 'right' });
    await wb.page.locator('.monaco-menu').waitFor();
    await wb.page.waitForTimeout(400);
    await wb.page.screenshot({ path: join(DOCS, 'context-menu.png'), clip: CLIP });
    console.log('docs/context-menu.png');
  } finally {
    await s.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
