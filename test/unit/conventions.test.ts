// What a user installing the extension and a contributor cloning it rely on: the Marketplace fields,
// the walkthrough whose steps complete on events that exist, F5's launch and tasks, the icon.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser/lib/esm/main.js';
import { manifest, manifestText, nls, root } from './manifest';

const read = (f: string) => readFileSync(join(root, f), 'utf8');
const pkg = manifest;
const c = pkg.contributes;

interface Launch {
  configurations: { name: string; preLaunchTask?: string }[];
}
interface Tasks {
  tasks: { label: string; type?: string; script?: string; dependsOn?: string[] }[];
}

describe('conventions', () => {
  it('Marketplace fields: a 256×256 PNG icon, a banner, categories, extensionKind, capabilities', () => {
    const png = readFileSync(join(root, pkg.icon));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [256, 256]);
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(pkg.categories.length && !pkg.categories.every((x) => x === 'Other'));
    // Local first (the key and its requests stay on this machine); on a server when that is all there is.
    assert.deepEqual(pkg.extensionKind, ['ui', 'workspace']);
    // Restricted Mode: the workspace's own values of the settings that cost requests or delete data are not read.
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['openaiProjects.persistIndex', 'openaiProjects.showCost']);
    // Where the admin key is sent is the person's own choice: no workspace, folder or machine setting.
    assert.equal((pkg.contributes.configuration.properties['openaiProjects.baseUrl'] as { scope: string }).scope, 'application');
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
  });

  it('every webview panel VS Code restores after a reload has its activation event, and nothing else activates on a panel', async () => {
    const { PANELS } = await import('../../src/kit/ids');
    const panelEvents = pkg.activationEvents.filter((e) => e.startsWith('onWebviewPanel:'));
    assert.deepEqual(
      panelEvents.sort(),
      Object.values(PANELS)
        .map((t) => `onWebviewPanel:${t}`)
        .sort(),
    );
    // The panels are created by their type from this one map (a type typed twice would not be restored).
    const created = [read('src/usage/panel.ts'), read('src/activity/panel.ts'), read('src/rateLimits/panel.ts')].join('\n');
    assert.doesNotMatch(created, /createWebviewPanel\(\s*'/);
  });

  it('CHANGELOG: a heading per version, newest first, the first being the version package.json names', () => {
    const versions = [...read('CHANGELOG.md').matchAll(/^## (\d+\.\d+\.\d+)\b/gm)].map((m) => m[1]!);
    assert.equal(versions[0], (pkg as unknown as { version: string }).version);
    const n = (v: string) => v.split('.').reduce((a, x) => a * 1000 + Number(x), 0);
    assert.deepEqual(
      [...versions].sort((a, b) => n(b) - n(a)),
      versions,
      'newest first',
    );
    assert.doesNotMatch(read('CHANGELOG.md'), /^## Unreleased/m, 'every entry under a version');
  });

  it('every walkthrough step has its media and completes on an event that exists', () => {
    const commands = new Set(c.commands.map((x) => x.command));
    const views = new Set(
      Object.values(c.views)
        .flat()
        .map((v) => v.id),
    );
    const settings = new Set(Object.keys(c.configuration.properties));
    const keyStates = /export type KeyState = ([^;]+);/
      .exec(read('src/kit/adminKey.ts'))![1]!
      .split('|')
      .map((s) => s.trim().replace(/'/g, ''));
    const steps = c.walkthroughs[0]!.steps;
    assert.equal(steps.length, 4);
    for (const s of steps) {
      assert.ok(existsSync(join(root, s.media.markdown)), `${s.id}: ${s.media.markdown}`);
      for (const e of s.completionEvents) {
        const [kind, ...rest] = e.split(':');
        const what = rest.join(':');
        if (kind === 'onCommand') assert.ok(commands.has(what), e);
        else if (kind === 'onView') assert.ok(views.has(what), e);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(what), e);
        else if (kind === 'onContext') {
          const m = /^openaiProjects\.keyState == (\w+)$/.exec(what);
          assert.ok(m && keyStates.includes(m[1]!), e);
        } else assert.fail(`unknown completion event ${e}`);
      }
    }
  });

  it('the manifest’s strings come from package.nls.json, every key used and defined', () => {
    const used = new Set([...manifestText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]!));
    assert.ok(used.size > 50);
    assert.deepEqual(
      [...used].filter((k) => !(k in nls)),
      [],
      'used but not defined',
    );
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
      'defined but not used',
    );
    const titles = c.commands.map((x) => nls[x.title.slice(1, -1)] ?? '');
    assert.ok(titles.every((t) => t.length > 0));
  });

  it('F5: the launch configurations, their pre-launch task and its scripts exist', () => {
    const launch = parse(read('.vscode/launch.json')) as Launch;
    const tasks = parse(read('.vscode/tasks.json')) as Tasks;
    const labels = new Set(tasks.tasks.map((t) => t.label));
    const run = launch.configurations.find((x) => x.name === 'Run Extension (emulator)');
    assert.ok(run?.preLaunchTask && labels.has(run.preLaunchTask));
    assert.ok(launch.configurations.some((x) => x.name === 'Extension Tests'));
    for (const t of tasks.tasks) {
      if (t.type === 'npm') assert.ok(t.script && pkg.scripts[t.script], t.label);
      for (const d of t.dependsOn ?? []) assert.ok(labels.has(d), d);
    }
    assert.ok(existsSync(join(root, 'scripts/f5.ts')));
    assert.match(read('.editorconfig'), /root = true/);
  });
});
