// npm run icon — media/icon.png, the Marketplace icon (256×256, shown sharp on high-density screens), drawn from the activity-bar glyph by
// the test browser, so the two never drift apart.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, newPage } from '../tools/host/browser';
import { ROOT } from '../tools/host/build';

async function main() {
  const glyph = readFileSync(join(ROOT, 'media', 'activitybar.svg'), 'utf8')
    .replace('stroke="currentColor"', 'stroke="#ffffff"')
    .replace(/width="24" height="24"/, 'width="168" height="168"');
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 256, height: 256 });
    await page.setContent(
      `<body style="margin:0;background:transparent"><div style="width:256px;height:256px;border-radius:48px;background:linear-gradient(135deg,#10a37f,#0b6e57);display:flex;align-items:center;justify-content:center">${glyph}</div></body>`,
    );
    const out = join(ROOT, 'media', 'icon.png');
    await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: 256, height: 256 } });
    // A palette of the gradient's few colours: 31 KB of true colour becomes about 4 KB, the same to the eye.
    const q = spawnSync('pngquant', ['--quality', '80-95', '--speed', '1', '--force', '--output', out, out], { stdio: 'inherit' });
    if (q.error || q.status !== 0) console.warn('pngquant is not installed (apt-get install pngquant): media/icon.png stays true colour, about 31 KB.');
    console.log('media/icon.png');
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
