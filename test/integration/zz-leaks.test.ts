// Runs last (files run in name order): after the whole suite, no key it ever handled is in any file the
// host wrote (logs, settings, global and workspace state, the webviews' state, the index), for every key
// shape: the admin key (sk-admin-), project keys (sk-proj-), service-account keys (sk-svcacct-), each
// one minted during the suite, and a legacy sk- key pasted into Find Leaked Key. The count is the
// README's "keys leaked" figure.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { emulator, env, extensionApi, resetOrg, state } from './helpers';

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
    const leaked = keys.filter((k) => texts.some((x) => x.text.includes(k)));
    console.log(
      `secrets: ${keys.length} keys (${[...shapes].sort().join(', ')}; ${minted.length} minted during the suite) checked in ${all.length} files, ${leaked.length} leaked`,
    );
    assert.deepEqual(
      leaked.map(
        (k) =>
          `${k.slice(0, 12)}… in ${texts
            .filter((x) => x.text.includes(k))
            .map((x) => x.f)
            .join(', ')}`,
      ),
      [],
    );
  });
});
