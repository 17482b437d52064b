// npm run test:host — the integration suite inside the real extension host of the offline VS Code
// server, driven by headless Chromium. Starts emulator + server + browser, forwards the workbench's
// log, and exits with the suite's result; every process and port is released on the way out.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator } from '../emulator/server';
import { launchBrowser, newPage } from './browser';
import { buildIntegrationTests, ROOT } from './build';
import { verdict } from './results';
import { startVsCodeServer } from './server';

const TIMEOUT_MS = Number(process.env.OAIPX_HOST_TIMEOUT_MS ?? 10 * 60_000);
// Another tests module instead of the suite: the harness's own tests use it to prove a broken,
// crashing, hanging or missing suite fails the run.
const ENTRY = process.argv[2];

async function main(): Promise<number> {
  const entry = ENTRY ? resolve(ENTRY) : join(await buildIntegrationTests(), 'index.js');
  const work = mkdtempSync(join(tmpdir(), 'oaipx-itest-'));
  const folder = join(work, 'workspace');
  mkdirSync(folder);
  const resultsFile = join(work, 'results.json');
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const emu = await startEmulator({ seed: 'demo' });
    cleanup.push(() => emu.close());
    const dataDir = join(work, 'host');
    const server = await startVsCodeServer({
      dataDir,
      env: { OAIPX_EMULATOR_URL: emu.baseUrl, OAIPX_EMULATOR_KEY: emu.adminKey, OAIPX_TEST_RESULTS: resultsFile, OAIPX_DATA_DIR: dataDir, OPENAI_ADMIN_KEY: '' },
      machineSettings: { 'openaiProjects.baseUrl': emu.baseUrl },
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
    for (const c of cleanup.reverse()) await c().catch((e) => console.error(`cleanup: ${e}`));
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
