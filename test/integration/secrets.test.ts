// Secrets stay secret: after a session that sets the admin key and mints a service-account key, neither
// appears in any file under the host's data folders (logs, settings, globalState, caches).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { emulator, env, extensionApi, label, resetOrg, state } from './helpers';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.isFile() && statSync(p).size < 50_000_000 ? [p] : [];
  });
}

describe('secrets', () => {
  it('neither the admin key nor a new service-account key is written anywhere; the log is', async () => {
    await resetOrg();
    const api = await extensionApi();
    api.ui.reset();
    await api.adminKey.store(emulator.adminKey);
    api.tree.refresh();
    const p = (await state()).projects.find((x) => x.status === 'active' && !x.is_default)!;
    const row = (await api.tree.getChildren()).find((n) => label(n) === p.name)!;
    api.ui.answer('leak-check', undefined);
    await vscode.commands.executeCommand('openaiProjects.createServiceAccount', row);
    const key = api.ui.asked.find((a) => a.kind === 'modal')!.detail!;
    api.ui.reset();
    assert.match(key, /^sk-svcacct-/);
    // A rejected key goes through the log too (redacted).
    api.ui.answer('Use This Key');
    await vscode.commands.executeCommand('openaiProjects.setAdminKey', 'sk-admin-rejected-0123456789abcdef');
    api.ui.reset();
    await new Promise((r) => setTimeout(r, 1500)); // log files are written asynchronously

    const all = files(env('OAIPX_DATA_DIR'));
    const logs = all.filter((f) => readFileSync(f, 'latin1').includes(`created in ${p.id}`));
    assert.ok(logs.length >= 1, 'the extension’s log file is among the files scanned');
    assert.ok(
      logs.some((f) => readFileSync(f, 'latin1').includes('GET /organization/projects')),
      'it has request lines',
    );
    for (const secret of [emulator.adminKey, key, 'sk-admin-rejected-0123456789abcdef']) {
      const found = all.filter((f) => readFileSync(f, 'latin1').includes(secret));
      assert.deepEqual(found, [], `${secret.slice(0, 10)}… is in no file`);
    }
    const settings = JSON.stringify(vscode.workspace.getConfiguration('openaiProjects'));
    assert.ok(!settings.includes(emulator.adminKey) && !settings.includes(key));
  });
});
