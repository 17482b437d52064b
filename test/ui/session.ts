// One UI-test session: the emulator, the VS Code server with the extension loaded, and a browser page
// on the workbench. Each test saves a screenshot when it fails; close() releases everything.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, type TestContext } from 'node:test';
import type { Browser } from 'playwright-core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../tools/emulator/server';
import { launchBrowser, newPage } from '../../tools/host/browser';
import { ROOT } from '../../tools/host/build';
import { startVsCodeServer, type VsCodeServer } from '../../tools/host/server';
import { Workbench } from '../../tools/workbench';

export const RESULTS_DIR = join(ROOT, 'test-results');

export interface Session {
  emu: Emulator;
  /** The workspace folder the workbench has open. */
  folder: string;
  server: VsCodeServer;
  browser: Browser;
  wb: Workbench;
  close(): Promise<void>;
}

export interface SessionOptions extends EmulatorOptions {
  /** Hand the emulator's key to the extension through OPENAI_ADMIN_KEY (as `npm start` does). */
  keyFromEnv?: boolean;
  /**
   * More extensions beside ours (folders, e.g. a UI-test fixture). The server loads only one
   * development extension, so these are packaged and installed instead.
   */
  extraExtensions?: string[];
  /**
   * The extension as a person has it: packaged and installed (Production mode) instead of loaded as
   * the development extension (Development mode, with the test surface).
   */
  installed?: boolean;
  /** False: no emulator at all, and no base URL set (the extension as a newcomer has it). */
  emulator?: boolean;
  /** The workspace folder's own `.vscode/settings.json`, and whether VS Code trusts the folder (default: trust is off). */
  workspace?: { settings?: Record<string, unknown>; trusted: boolean };
  /** User settings beside the base URL (e.g. `openaiProjects.showCost` for a picture). */
  userSettings?: Record<string, unknown>;
  /** The display language, e.g. `de` (the browser's language; VS Code's own texts stay English offline). */
  locale?: string;
}

/**
 * One session for the calling suite: started before its tests (then `setup`, e.g. opening the view),
 * closed after them. What it returns reads through to that session once it has started.
 */
export function useSession(opts: SessionOptions = {}, setup?: (s: Session) => Promise<void>): Session {
  let current: Session | undefined;
  const get = () => {
    if (!current) throw new Error('The UI session has not started (used outside a test?).');
    return current;
  };
  before(async () => {
    current = await startSession(opts);
    await setup?.(current);
  });
  after(async () => {
    await current?.close();
  });
  return {
    get emu() {
      return get().emu;
    },
    get folder() {
      return get().folder;
    },
    get server() {
      return get().server;
    },
    get browser() {
      return get().browser;
    },
    get wb() {
      return get().wb;
    },
    close: () => get().close(),
  };
}

/** Builds nothing: `npm test` has bundled dist/ already (run `npm run build` after a change). */
export async function startSession(opts: SessionOptions = {}): Promise<Session> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const c of cleanup.reverse()) await c().catch((e: unknown) => console.error(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
  };
  try {
    const { keyFromEnv, extraExtensions, installed, workspace, emulator, locale, ...emulatorOptions } = opts;
    const started = emulator === false ? undefined : await startEmulator({ seed: 'demo', ...emulatorOptions });
    if (started)
      cleanup.push(async () => {
        await started.close();
      });
    const emu =
      started ??
      new Proxy({} as Emulator, {
        get: () => {
          throw new Error('This session runs no emulator.');
        },
      });
    const work = mkdtempSync(join(tmpdir(), 'oaipx-ui-'));
    cleanup.push(() => {
      rmSync(work, { recursive: true, force: true });
      return Promise.resolve();
    });
    const folder = join(work, 'workspace');
    mkdirSync(folder);
    if (workspace?.settings) {
      mkdirSync(join(folder, '.vscode'));
      writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify(workspace.settings, null, 2));
    }
    const install = [...(installed ? [ROOT] : []), ...(extraExtensions ?? [])].flatMap((dir, i) => [
      '--install-extension',
      packageFolder(dir, join(work, `extension-${i}.vsix`)),
    ]);
    const server = await startVsCodeServer({
      env: { OPENAI_ADMIN_KEY: keyFromEnv && started ? started.adminKey : '' },
      // An untrusted folder opens in Restricted Mode without asking (as after "Don't Trust").
      userSettings: {
        ...(started ? { 'openaiProjects.baseUrl': started.baseUrl } : {}),
        ...(workspace && !workspace.trusted ? { 'security.workspace.trust.startupPrompt': 'never' } : {}),
        ...opts.userSettings,
      },
      workspaceTrust: workspace ? true : undefined,
      // The server takes its display language from --locale (or argv.json), not from the browser's.
      args: [...(locale ? ['--locale', locale] : []), ...(install.length ? [...install, '--start-server'] : [])],
    });
    cleanup.push(() => server.close());
    const browser = await launchBrowser();
    cleanup.push(() => browser.close());
    const page = await newPage(browser, locale);
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.goto(installed ? server.url(folder) : server.url(folder, [['extensionDevelopmentPath', server.remote(ROOT)]]));
    const wb = new Workbench(page);
    await screenshotOnFailure(wb, 'session-start', () => wb.ready());
    return { emu, folder, server, browser, wb, close };
  } catch (e) {
    await close();
    throw e;
  }
}

function packageFolder(dir: string, out: string): string {
  // This extension as it would be published (scripts/package.mjs, which checks it); a fixture plainly.
  if (dir === ROOT) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--out', out], { cwd: ROOT, stdio: 'pipe' });
    return out;
  }
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: dir, stdio: 'pipe' });
  return out;
}

/** Runs `body`; on failure saves a screenshot as test-results/<name>.png (then `saved`) and rethrows. */
export async function screenshotOnFailure<T>(wb: Workbench, name: string, body: () => Promise<T>, saved?: (file: string) => void): Promise<T> {
  try {
    return await body();
  } catch (e) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await wb.screenshot(file).catch(() => undefined);
    saved?.(file);
    throw e;
  }
}

/** Runs a test body; on failure saves a screenshot in test-results/ and rethrows. */
export function withScreenshot(t: TestContext, wb: Workbench, body: () => Promise<void>): Promise<void> {
  return screenshotOnFailure(wb, t.fullName, body, (file) => t.diagnostic(`screenshot: ${file}`));
}

/** Someone else writes straight through the API, as another admin would: the answer. */
export async function postElsewhere(emu: Emulator, path: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${emu.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emu.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (r.status !== 200) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
}

/** Someone else creates a project: its id. */
export async function createProjectElsewhere(emu: Emulator, name: string): Promise<string> {
  return String((await postElsewhere(emu, '/organization/projects', { name })).id);
}
