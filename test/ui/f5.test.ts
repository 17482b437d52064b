// F5 on a fresh clone, as VS Code runs it: launch.json's "Run Extension (emulator)", its pre-launch
// tasks from tasks.json (their commands, and the background problem matchers' end patterns VS Code waits
// for before it launches), then an extension host with the configuration's development path, env file
// and profile settings. Only the window is not desktop VS Code's: the offline server stands in for it.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'jsonc-parser/lib/esm/main.js';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from '../../tools/host/browser';
import { ROOT } from '../../tools/host/build';
import { startVsCodeServer, type VsCodeServer } from '../../tools/host/server';
import { withScreenshot } from './session';
import { eventually, treeOrder, Workbench } from '../../tools/workbench';

interface Task {
  label: string;
  type?: string;
  script?: string;
  command?: string;
  isBackground?: boolean;
  dependsOn?: string[];
  problemMatcher?: { background?: { endsPattern: string } };
}
interface LaunchConfig {
  name: string;
  args: string[];
  envFile: string;
  preLaunchTask: string;
}

const jsonc = (file: string): unknown => parse(readFileSync(join(ROOT, '.vscode', file), 'utf8'));
const resolve = (s: string) => s.replaceAll('${workspaceFolder}', ROOT);

describe('UI: F5 (Run Extension against the emulator)', () => {
  const running: ChildProcess[] = [];
  let server: VsCodeServer | undefined;
  let browser: Browser | undefined;
  const folder = mkdtempSync(join(tmpdir(), 'oaipx-f5-'));

  after(async () => {
    await browser?.close();
    await server?.close();
    for (const p of running) {
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    // The watch task wrote development bundles: the rest of the run measures the production ones.
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
    rmSync(folder, { recursive: true, force: true });
  });

  /** Starts a background task as VS Code would and waits for its end pattern, as the launch does. */
  async function startTask(task: Task): Promise<string> {
    const cmd = task.type === 'npm' ? `npm run ${task.script!}` : task.command!;
    const child = spawn(cmd, { cwd: ROOT, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const ends = new RegExp(task.problemMatcher!.background!.endsPattern);
    await eventually(
      () => out,
      (o) => o.split('\n').some((line) => ends.test(line)),
      `task "${task.label}" to print its end pattern ${ends}`,
      180_000,
    );
    return out;
  }

  it('the pre-launch tasks finish as their problem matchers expect; the launched host shows the emulator’s projects', async (t) => {
    const config = (jsonc('launch.json') as { configurations: LaunchConfig[] }).configurations.find((c) => c.name === 'Run Extension (emulator)')!;
    const tasks = (jsonc('tasks.json') as { tasks: Task[] }).tasks;
    const pre = tasks.find((x) => x.label === config.preLaunchTask)!;
    const background = pre.dependsOn!.map((l) => tasks.find((x) => x.label === l)!);
    assert.deepEqual(
      background.map((x) => x.isBackground),
      [true, true],
    );
    await Promise.all(background.map(startTask));

    // The configuration's own arguments: this folder as the development extension, a profile of its own.
    const args = config.args.map(resolve);
    assert.ok(args.includes(`--extensionDevelopmentPath=${ROOT}`));
    const userDir = args.find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    const settings = JSON.parse(readFileSync(join(userDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    const env = Object.fromEntries(
      readFileSync(resolve(config.envFile), 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    assert.match(String(settings['openaiProjects.baseUrl']), /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.ok(env.OPENAI_ADMIN_KEY, 'the env file gives the extension the emulator’s key');

    mkdirSync(join(folder, 'workspace'));
    server = await startVsCodeServer({ env, userSettings: settings });
    browser = await launchBrowser();
    const wb = new Workbench(await newPage(browser));
    await withScreenshot(t, wb, async () => {
      await wb.page.goto(server!.url(join(folder, 'workspace'), [['extensionDevelopmentPath', server!.remote(ROOT)]]));
      await wb.ready();
      await wb.openView();
      const org = JSON.parse(readFileSync(join(ROOT, '.vscode-test', 'f5', 'org.json'), 'utf8')) as {
        projects: { name: string; status: string; is_default: boolean }[];
      };
      const names = treeOrder(org.projects);
      assert.deepEqual(
        await eventually(
          () => wb.rowLabels('OpenAI Projects'),
          (l) => l.length === names.length,
          'the emulator’s projects',
        ),
        names,
      );
    });
  });
});
