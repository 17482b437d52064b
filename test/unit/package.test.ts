// The shipped artefacts: what the .vsix holds, what the bundle contains, and that it loads and activates.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { manifest, root, text } from './manifest';
// @ts-expect-error: a plain script, with no types of its own
import { MAX_BYTES, readZip as readZipUntyped } from '../../scripts/package.mjs';

const readZip = readZipUntyped as (file: string, wanted: (name: string) => boolean) => { names: string[]; texts: Record<string, string> };

const vsce = join(root, 'node_modules/.bin/vsce');

describe('package', () => {
  it('the .vsix holds only the bundle, manifest, docs and media', () => {
    // `npm test` builds first, so dist/ is current.
    const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort();
    // The chunks the webviews share are named by their content (one for what all views use, one for
    // what only some do, as esbuild splits them), whatever their names.
    const chunks = listed.filter((f) => /^dist\/webview\/chunk-[A-Z0-9]+\.js$/.test(f));
    assert.ok(chunks.length >= 1 && chunks.length <= 3, listed.join('\n'));
    const files = listed.filter((f) => !chunks.includes(f));
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/core.js',
      'dist/demo.js',
      'dist/extension.js',
      'dist/webview/access.js',
      'dist/webview/activity.js',
      'dist/webview/main.js',
      'dist/webview/plan.js',
      'dist/webview/settings.js',
      'dist/webview/usage.js',
      'media/activitybar.svg',
      'media/icon.png',
      'media/openai-project.schema.json',
      'media/walkthrough/demo.md',
      'media/walkthrough/key.md',
      'media/walkthrough/limits.md',
      'media/walkthrough/view.md',
      'package.json',
      'package.nls.json',
    ]);
  });

  it('the release script packages what would be published: no placeholder address, the publisher and base URL as given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsix-'));
    const script = join(root, 'scripts', 'package.mjs');
    const zip = (file: string) => readZip(file, (n) => n === 'extension/readme.md' || n === 'extension/package.json');
    // Today: no repository yet, so the packaged README has no relative link or picture, and none to a placeholder.
    const plain = join(dir, 'plain.vsix');
    execFileSync(process.execPath, [script, '--out', plain], { cwd: root, stdio: 'pipe' });
    assert.ok(statSync(plain).size < MAX_BYTES, `vsix is ${statSync(plain).size} bytes (at most ${MAX_BYTES})`);
    const fields = manifest as unknown as { repository?: unknown; publisher: string };
    assert.equal(fields.repository, undefined, 'no repository that does not exist');
    const first = zip(plain);
    const readme = first.texts['extension/readme.md']!;
    assert.match(readme, /Try a Demo Organization/);
    assert.doesNotMatch(readme, /\]\((?!https?:|#|mailto:)[^)]+\)/, 'no relative link or image');
    assert.doesNotMatch(readme, /openai-projects-explorer\/openai-projects-explorer/);
    // A first publication: the publisher and where the repository's files are served, with no code change.
    const real = join(dir, 'real.vsix');
    execFileSync(process.execPath, [script, '--out', real, '--publisher', 'acme-tools', '--base-url', 'https://example.com/oaipx/'], {
      cwd: root,
      stdio: 'pipe',
    });
    const second = zip(real);
    assert.equal((JSON.parse(second.texts['extension/package.json']!) as { publisher: string }).publisher, 'acme-tools');
    assert.match(second.texts['extension/readme.md']!, /!\[[^\]]*\]\(https:\/\/example\.com\/oaipx\/docs\/tree\.png\)/);
    assert.equal(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { publisher: string }).publisher,
      fields.publisher,
      'package.json is put back as it was',
    );
    assert.equal(readFileSync(join(root, 'README.md'), 'utf8').includes('](docs/tree.png)'), true, 'README.md is put back as it was');
  });

  it('the manifest pins what the tooling needs', () => {
    assert.equal(manifest.name, 'openai-projects-explorer');
    assert.equal(text(manifest.displayName), 'OpenAI Projects Explorer');
    assert.match(manifest.engines.vscode, /^\^1\.(9[6-9]|1\d\d)\./);
    const typesVersion = manifest.devDependencies['@types/vscode']!;
    const engine = manifest.engines.vscode.replace('^', '');
    assert.ok(compare(typesVersion, engine) <= 0, `@types/vscode ${typesVersion} is not newer than the engine ${engine}`);
    assert.match(manifest.devDependencies['@vscode/vsce'] ?? '', /^3\.9\./);
    assert.match(manifest.devDependencies['@vscode/test-electron'] ?? '', /^2\.5\./);
    for (const c of manifest.contributes.commands) assert.ok(text(c.category), `${c.command} has a category`);
  });

  it('scripts run TypeScript under node --import tsx, never the tsx CLI', () => {
    // The tsx CLI relays Ctrl-C to its child and SIGKILLs it if the child does not acknowledge within
    // about 60 ms; a busy `npm start` was killed before it could stop the VS Code server it started.
    const scripts = manifest.scripts;
    for (const [name, line] of Object.entries(scripts)) assert.doesNotMatch(line, /(^|&&\s*)tsx\s/, `npm run ${name}: ${line}`);
    assert.match(scripts.start ?? '', /^node --import tsx /);
  });

  it('the client bundles small: ofetch’s fetch build and zod/mini, no node-fetch-native', async () => {
    const r = await nodeBundle('src/client/index.ts', { conditions: ['worker'] });
    const inputs = Object.keys(r.metafile.inputs);
    assert.ok(!inputs.some((i) => i.includes('node-fetch-native')), 'node-fetch-native is not bundled');
    assert.ok(!inputs.some((i) => /zod\/v4\/classic/.test(i)), 'full zod is not bundled');
    // 60 KB for the first 24 operations; 65 KB measured with the 30 policy operations (issue 22): 72 KB leaves room.
    assert.ok(r.outputFiles[0]!.contents.length < 72_000, `client is ${r.outputFiles[0]!.contents.length} bytes`);
  });

  it('activation evaluates only registration: no client, tree, forms or library in dist/extension.js', async () => {
    const r = await nodeBundle('src/extension.ts');
    const inputs = Object.keys(r.metafile.inputs).sort();
    // The organization's status-bar item is registration too: it reads names from globalState, no secret.
    assert.deepEqual(inputs, ['src/extension.ts', 'src/kit/adminKey.ts', 'src/kit/config.ts', 'src/kit/ids.ts', 'src/kit/orgStatus.ts']);
    const code = r.outputFiles[0]!.text;
    assert.match(code, /require\(`\$\{__dirname\}\/core\.js`\)/, 'core.js is required at run time, not bundled');
  });

  it('the demo organization is a bundle of its own, required by Try a Demo Organization only', async () => {
    const r = await nodeBundle('src/core.ts', { conditions: ['worker'], loader: { '.css': 'text' } });
    const inputs = Object.keys(r.metafile.inputs);
    assert.deepEqual(
      inputs.filter((i) => i.startsWith('tools/')),
      [],
      'no emulator code in core.js',
    );
    assert.match(r.outputFiles[0]!.text, /require\(`\$\{__dirname\}\/demo\.js`\)/, 'demo.js is required at run time, not bundled');
  });
});

/** A file bundled as esbuild.mjs bundles the extension's parts, in memory, with what went into it. */
function nodeBundle(entry: string, extra: Pick<esbuild.BuildOptions, 'conditions' | 'loader'> = {}) {
  return esbuild.build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    conditions: extra.conditions,
    loader: extra.loader,
  });
}

function compare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
