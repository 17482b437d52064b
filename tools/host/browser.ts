// Debian's Chromium, headless, driven by playwright-core: the flags keep it off the (closed) network.
import { chromium, type Browser, type Page } from 'playwright-core';
import { paths } from '../../scripts/host/provision.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: paths.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A page as a person has it; `locale` is the browser's language, which the web workbench takes for its display language. */
export async function newPage(browser: Browser, locale?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...(locale ? { locale } : {}) });
  // The workbench asks before it reads the clipboard; tests copy keys and ids.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return context.newPage();
}
