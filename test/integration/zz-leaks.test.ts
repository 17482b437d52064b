// Runs last (files run in name order): after the whole suite, no key it ever handled is in any file the
// host wrote (logs, settings, global and workspace state, the webviews' state, the index), for every key
// shape: the admin key (sk-admin-), project keys (sk-proj-), service-account keys (sk-svcacct-), each
// one minted during the suite, and a legacy sk- key pasted into Find Leaked Key; and no key in any text
// the extension put in front of the person (notifications, dialogs, quick picks, inputs, progress)
// except the one place a new service-account key is shown on purpose. The count is CONTRIBUTING's
// "keys leaked" figure.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Prompt } from './scriptedUi';
import { emulator, env, extensionApi, resetOrg, state } from './helpers';

// A root hook (top level of a file): before the first test of the whole suite, every text the
// extension shows from then on is kept here for the scan at the end.
const shown: Prompt[] = [];
before(async () => {
  (await extensionApi()).watchUi((p) => shown.push(p));
});
/** The dialog that shows a new service account's key: the one text where a key belongs. */
// The dialogs where a new key is shown once, as asked: a service account's, and an admin key's.
const keyDialog = (p: Prompt) => p.kind === 'modal' && /Copy (its API key|it) now/.test(p.message);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.isFile() && statSync(p).size < 50_000_000 ? [p] : [];
  });
}

describe('no key leaked, after the whole suite', () => {
  it('no admin, project, service-account or legacy key in any file the host wrote', async () => {
    const api = await extensionApi();
    await resetOrg();
    await api.adminKey.store(emulator.adminKey);
    // A legacy-shaped key pasted into triage: matched against nothing, never written down.
    const legacy = `sk-${'Lg7'.repeat(16)}`;
    api.ui.reset();
    api.ui.answer(legacy);
    await vscode.commands.executeCommand('openaiProjects.findLeakedKey');
    api.ui.reset();
    await new Promise((r) => setTimeout(r, 1500)); // log files are written asynchronously

    const org = await state();
    const seeded = org.projects.flatMap((p) => p.api_keys.map((k) => k.secret)).filter((s): s is string => !!s);
    const minted = (await emulator.control<{ keys: string[] }>('/minted')).keys;
    const keys = [emulator.adminKey, ...seeded, ...minted, legacy, 'sk-admin-rejected-0123456789abcdef'];
    const shapes = new Set(keys.map((k) => /^sk-(admin|proj|svcacct)-/.exec(k)?.[0] ?? 'sk-'));
    assert.deepEqual([...shapes].sort(), ['sk-', 'sk-admin-', 'sk-proj-', 'sk-svcacct-']);
    assert.ok(minted.length >= 1, 'the suite minted service-account keys');

    const all = files(env('OAIPX_DATA_DIR'));
    const texts = all.map((f) => ({ f, text: readFileSync(f, 'latin1') }));
    assert.ok(
      texts.some((x) => x.text.includes('GET /organization/projects')),
      'the extension’s log is among the files',
    );
    // What was shown: every notification, dialog, pick and input of the suite, as the person read it.
    const onScreen = shown.flatMap((p) => {
      const parts = [p.message, ...(p.items ?? [])];
      // The key dialog's detail is the key itself, shown once because it was asked for; its message is not.
      if (!keyDialog(p) && p.detail) parts.push(p.detail);
      return parts.map((text) => ({ f: `${p.kind}: ${p.message.slice(0, 60)}`, text }));
    });
    const keyDialogs = shown.filter(keyDialog);
    assert.ok(shown.length > 0, 'the watch saw the suite’s texts');
    assert.ok(
      keyDialogs.some((p) => minted.includes(p.detail ?? '')),
      'a new key was shown in its dialog (and only there, below)',
    );
    const leaked = keys.filter((k) => texts.some((x) => x.text.includes(k)) || onScreen.some((x) => x.text.includes(k)));
    console.log(
      `secrets: ${keys.length} keys (${[...shapes].sort().join(', ')}; ${minted.length} minted during the suite) checked in ${all.length} files and ${onScreen.length} texts shown, ${leaked.length} leaked`,
    );
    assert.deepEqual(
      leaked.map(
        (k) =>
          `${k.slice(0, 12)}… in ${[...texts, ...onScreen]
            .filter((x) => x.text.includes(k))
            .map((x) => x.f)
            .join(', ')}`,
      ),
      [],
    );
  });
});
