// The extension as installed from the Marketplace (packaged, Production mode) beside another
// extension that tries what any installed extension can: read this one's exports, run its commands
// with a row forged from the API's own data, and hand it an admin key. None of it works without the
// person: the exports are empty, the forged row is no target (the person is asked which project, as
// from the palette), and the planted key waits for the person's confirmation.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

describe('UI: another extension, against the installed extension', () => {
  // Started as a person finds it: the view open and its projects listed (so both extensions are up
  // before anything is tried; on a busy machine activation takes a while).
  const s = useSession({ keyFromEnv: true, installed: true, extraExtensions: [join(__dirname, 'fixtures/hostile-extension')] }, async (x) => {
    await x.wb.openView();
    await eventually(
      () => x.wb.rowLabels('OpenAI Projects'),
      (l) => l.length > 1,
      'the projects listed',
      60_000,
    );
  });

  const said = (pattern: RegExp) =>
    eventually(
      () => s.wb.notificationTexts(),
      (n) => n.some((m) => pattern.test(m)),
      `a notification matching ${pattern}`,
      60_000,
    );

  it('finds nothing in the exports: no tree, store, key, secrets or prompts', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('Hostile: Read Exports');
      const texts = await said(/Hostile: mode-exports/);
      assert.ok(
        texts.some((m) => m.includes('Hostile: mode-exports undefined []')),
        JSON.stringify(texts),
      );
    }));

  it('a forged project row is no target: the person is asked which project, and nothing is archived', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('Hostile: Archive Through a Forged Row');
      const title = s.wb.quickInput().locator('.quick-input-title');
      await eventually(
        () => title.innerText(),
        (v) => v === 'Archive which project?',
        'the target pick',
      );
      await s.wb.page.keyboard.press('Escape');
      const forged = (await said(/Hostile: forging/)).find((m) => m.startsWith('Hostile: forging'))!;
      const name = forged.replace('Hostile: forging ', '');
      assert.equal(s.emu.org.projects.find((p) => p.name === name)?.status, 'active');
      assert.equal(await s.wb.dialog().isVisible(), false, 'no archive confirmation was shown');
      assert.ok(!s.emu.requests.some((r) => r.method !== 'GET'), 'nothing was written');
    }));

  it('a key handed over by another extension is stored only if the person says so', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('Hostile: Plant an Admin Key');
      await s.wb.answerDialog('Cancel', { expectText: /Use the admin key ending in …nted/ });
      await said(/Hostile: planted false/);
      await eventually(
        () => s.wb.rowLabels('OpenAI Projects'),
        (l) => l.length > 1,
        'the projects, listed with the key the person gave',
      );
    }));

  it('a proxy page that echoes the admin key reaches neither the notification nor the log on disk', (t) =>
    withScreenshot(t, s.wb, async () => {
      const k = s.emu.adminKey;
      // The ways proxies echo a request: as sent, wrapped, URL-encoded, in JSON after an escaped break.
      const echo = [
        `Authorization: Bearer ${k}`,
        `${k.slice(0, 20)}\n${k.slice(20)}`,
        encodeURIComponent(k).replace(/-/g, '%2D'),
        JSON.stringify({ seen: `line\n${k}` }),
        `x_${k}`,
      ].join('<br>');
      const project = s.emu.org.projects.find((p) => p.status === 'active' && !p.is_default)!;
      s.emu.addFault({ kind: 'response', status: 502, method: 'POST', body: `<html><body><h1>502</h1>${echo}</body></html>` });
      s.emu.addFault({ kind: 'response', status: 502, method: 'GET', path: `^/organization/projects/${project.id}$`, count: 3, body: `<pre>${echo}</pre>` });
      // A webview or the view taking the focus can close the input box before Enter lands: then the
      // rename is asked for once more, as a person would.
      const sent = () => s.emu.requests.some((r) => r.method === 'POST');
      for (let attempt = 0; attempt < 3 && !sent(); attempt++) {
        await s.wb.runCommand('OpenAI Projects: Rename Project…');
        await s.wb.pickQuickItem(project.name);
        await s.wb.answerQuickInput('Renamed Through A Proxy', { expectTitle: `Rename "${project.name}"` });
        await new Promise((r) => setTimeout(r, 2000));
      }
      assert.ok(sent(), 'the rename was sent');
      const texts = await said(/Renamed Through A Proxy|renaming/);
      const fragments = (text: string) => {
        const found = new Set<string>();
        for (let i = 0; i + 10 <= k.length; i++) if (text.includes(k.slice(i, i + 10))) found.add(k.slice(i, i + 10));
        return [...found];
      };
      assert.deepEqual(fragments(texts.join('\n')), [], `the notifications: ${texts.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 1500)); // log files are written asynchronously
      const files = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? files(join(dir, e.name)) : e.isFile() && statSync(join(dir, e.name)).size < 20_000_000 ? [join(dir, e.name)] : [],
        );
      const logs = files(s.server.dataDir).filter((f) => readFileSync(f, 'latin1').includes('POST /organization/projects/'));
      assert.ok(logs.length >= 1, 'the extension’s log file is among the files read');
      for (const f of files(s.server.dataDir)) assert.deepEqual(fragments(readFileSync(f, 'latin1')), [], f);
    }));
});
