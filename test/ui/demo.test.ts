// npm start, as a newcomer runs it: the URL it prints opens a workbench where the projects are already
// listed (the key comes from the environment, nothing typed), and Ctrl-C stops every process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from '../../tools/host/browser';
import { ROOT } from '../../tools/host/build';
import { freePort } from '../../tools/host/server';
import { withScreenshot } from './session';
import { eventually, treeOrder, Workbench } from '../../tools/workbench';

describe('UI: npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oaipx-demo-'));
  let demo: ChildProcess;
  let output = '';
  let browser: Browser | undefined;
  let url: string;

  before(async () => {
    const port = await freePort();
    demo = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, OAIPX_DEMO_DIR: dir, PORT: String(port) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout!.on('data', (b: Buffer) => (output += b.toString()));
    demo.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    url = (await eventually(
      () => /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1],
      (u) => !!u,
      'the demo URL',
      180_000,
    ))!;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    try {
      process.kill(-demo.pid!, 'SIGKILL');
    } catch {
      /* stopped by the test */
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the demo organization with the projects listed, no key typed', async (t) => {
    const wb = new Workbench(await newPage(browser!));
    await withScreenshot(t, wb, async () => {
      await wb.page.goto(url);
      await wb.ready();
      await wb.openView();
      const org = JSON.parse(readFileSync(join(dir, 'org.json'), 'utf8')) as { projects: { name: string; status: string; is_default: boolean }[] };
      const names = treeOrder(org.projects);
      assert.ok(names.length >= 5);
      const rows = await eventually(
        () => wb.rowLabels('OpenAI Projects'),
        (l) => l.length === names.length,
        'the demo projects',
      );
      assert.deepEqual(rows, names);
    });
  });

  it('stops everything on Ctrl-C', async () => {
    const emulatorUrl = /emulator: (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(output)?.[1];
    assert.ok(emulatorUrl, 'the demo printed its emulator URL');
    const up = (u: string) =>
      fetch(u, { signal: AbortSignal.timeout(2_000) }).then(
        () => true,
        () => false,
      );
    assert.equal(await up(`${emulatorUrl}/__emulator/health`), true);
    // Ctrl-C in a terminal signals the whole foreground process group.
    process.kill(-demo.pid!, 'SIGINT');
    const groupAlive = () => {
      try {
        process.kill(-demo.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    await eventually(
      () => groupAlive(),
      (alive) => !alive,
      'the npm start process group to exit',
      30_000,
    );
    assert.equal(await up(`${url}version`), false, 'the VS Code server is gone');
    assert.equal(await up(`${emulatorUrl}/__emulator/health`), false, 'the emulator is gone');
    assert.match(output, /stopping/);
  });
});
