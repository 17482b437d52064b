// One run of a tests module inside the real extension host of the offline VS Code server, driven by
// headless Chromium: emulator + server + browser, the workbench's log forwarded, and the verdict of
// the host's exit code and the module's own results file. Every process and port is released after.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/server';
import { launchBrowser, newPage } from './browser';
import { ROOT } from './build';
import { verdict } from './results';
import { startVsCodeServer } from './server';

const TIMEOUT_MS = Number(process.env.OAIPX_HOST_TIMEOUT_MS ?? 10 * 60_000);

/**
 * `entry`: a module exporting run(); `env`: more variables for the extension host; `emulator`: one
 * already running (the benchmark runs it in a process of its own), instead of one started here.
 */
export async function runInExtensionHost(entry: string, env: Record<string, string> = {}, emulator?: { baseUrl: string; adminKey: string }): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'oaipx-itest-'));
  const folder = join(work, 'workspace');
  mkdirSync(folder);
  const resultsFile = join(work, 'results.json');
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    let emu = emulator;
    if (!emu) {
      const own = await startEmulator({ seed: 'demo' });
      cleanup.push(() => own.close());
      emu = own;
    }
    const dataDir = join(work, 'host');
    const server = await startVsCodeServer({
      dataDir,
      env: {
        ...env,
        OAIPX_EMULATOR_URL: emu.baseUrl,
        OAIPX_EMULATOR_KEY: emu.adminKey,
        OAIPX_TEST_RESULTS: resultsFile,
        OAIPX_DATA_DIR: dataDir,
        OPENAI_ADMIN_KEY: '',
      },
      userSettings: { 'openaiProjects.baseUrl': emu.baseUrl },
      onOutput: (l) => process.env.OAIPX_VERBOSE && console.log(`[server] ${l}`),
    });
    cleanup.push(() => server.close());
    const browser = await launchBrowser();
    cleanup.push(() => browser.close());
    const page = await newPage(browser);
    const exit = new Promise<number>((resolve, reject) => {
      void page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
        (type === 'error' ? console.error : console.log)(text);
      });
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      setTimeout(() => reject(new Error(`The extension-host suite did not finish within ${TIMEOUT_MS / 1000} s.`)), TIMEOUT_MS).unref();
    });
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.goto(
      server.url(folder, [
        ['extensionDevelopmentPath', server.remote(ROOT)],
        ['extensionTestsPath', server.remote(entry)],
      ]),
    );
    return verdict(await exit, resultsFile);
  } finally {
    for (const c of cleanup.reverse()) await c().catch((e: unknown) => console.error(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
    rmSync(work, { recursive: true, force: true });
  }
}
