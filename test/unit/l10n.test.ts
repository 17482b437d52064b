// Strings ready for translation: every text a person reads goes through l10n.t (vscode.l10n in the
// extension, @vscode/l10n where code also runs outside VS Code), the bundle translators work from is
// the one the code asks for, and a translation, once configured, is what the code shows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import * as l10n from '@vscode/l10n';
import { scanSources } from './l10nScan';
import { manifest, root } from './manifest';

// Literals that read like text but are not for translation, and why.
const ENGLISH_ON_PURPOSE: Record<string, string> = {
  'chart month': 'CSS classes of the month chart',
  '$(check) {0}': 'a status-bar icon before the (translated) message',
  '$(organization) {0}': 'a status-bar icon before the organization’s own name',
  'id not reported': 'a log line (an organization the API did not name)',
  '{0} {1} {2} {3} ms{4}{5}': 'the request log line (logs stay in English, for bug reports)',
  ' (attempt {0})': 'the request log line',
  ' with a key (not logged)': 'a log line',
  'too large': 'the request log line’s error',
  'read again': 'an argument Find Leaked Key passes to itself, never shown',
  'not JSON (truncated, or written by two windows at once)': 'why an index file was set aside: a log line',
  'not an index of this shape ({0})': 'why an index file was set aside: a log line',
  'saving the organization index': 'what the index was doing when it failed: a log line',
  'removing the indexes of keys unused for 30 days': 'what the index was doing when it failed: a log line',
  'updating the index after a change': 'what the index was doing when it failed: a log line',
  'not run': 'a plan outcome the code compares (a union type); shown through its own words',
  'not done': 'a read-back outcome the code compares (a union type)',
  'full key': 'a match basis the code compares (a union type)',
  'new project/{0}': 'the in-flight key of a create, never shown',
  'Default project': 'the API’s own name for the default project, which the code matches',
  'readout muted': 'CSS class names',
  'banner failed': 'CSS class names',
  'row alert': 'CSS class names',
  'status {0}': 'CSS class names',
  'section[data-section="{0}"] [data-error]': 'a CSS selector',
  'unknown section {0}': 'a programming error (a section the types rule out), never shown',
  '11px {0}': 'a CSS font',
  'rgb({0}, {1}, {2})': 'a CSS colour',
  "default-src 'none'": 'the webviews’ Content-Security-Policy',
  "script-src 'nonce-{0}' {1}": 'the webviews’ Content-Security-Policy',
  "style-src {0} 'nonce-{1}'": 'the webviews’ Content-Security-Policy',
  'font-src {0}': 'the webviews’ Content-Security-Policy',
  'Bearer {0}': 'the Authorization header',
  'name@example.com, other@example.com': 'example addresses in an input box',
  ...Object.fromEntries(
    [
      'create project',
      'rename project',
      'add member',
      'change role',
      'remove member',
      'create service account',
      'service account role',
      'delete service account',
      'ambiguous service account',
      'change limit',
      'missing model',
      'grant group',
      'assign role',
      'unassign role',
      'revoke group',
    ].map((k) => [k, 'a difference kind in project files (a union type the code compares)']),
  ),
};

const tmp = mkdtempSync(join(tmpdir(), 'oaipx-l10n-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const cli = join(root, 'node_modules', '.bin', 'vscode-l10n-dev');
const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;

describe('l10n', () => {
  it('no text in src/ bypasses l10n.t, except what is English on purpose', () => {
    const found = scanSources(root);
    const untranslated = found.filter((u) => !(u.text in ENGLISH_ON_PURPOSE)).map((u) => `${u.file}:${u.line}: ${u.text}`);
    assert.deepEqual(untranslated, [], 'wrap these in l10n.t (or say why not in ENGLISH_ON_PURPOSE)');
    const stale = Object.keys(ENGLISH_ON_PURPOSE).filter((t) => !found.some((u) => u.text === t));
    assert.deepEqual(stale, [], 'no longer in the code: remove from ENGLISH_ON_PURPOSE');
  });

  it('l10n/bundle.l10n.json is what the code asks for (run `npm run l10n` after changing a text)', () => {
    execFileSync(cli, ['export', '--outDir', tmp, join(root, 'src')], { stdio: 'pipe' });
    const fresh = JSON.parse(readFileSync(join(tmp, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort());
    assert.ok(Object.keys(fresh).length > 300, `${Object.keys(fresh).length} texts`);
    assert.equal(manifest.l10n, './l10n');
  });

  it('every message numbers its placeholders from {0} without gaps', () => {
    const bad = Object.keys(committed).filter((m) => {
      const n = [...new Set([...m.matchAll(/\{(\d+)\}/g)].map((x) => Number(x[1])))].sort((a, b) => a - b);
      return n.some((v, i) => v !== i);
    });
    assert.deepEqual(bad, []);
  });

  it('a translation, once configured, is what the shared code shows (pseudo-localized bundle)', async () => {
    copyFileSync(join(root, 'l10n', 'bundle.l10n.json'), join(tmp, 'bundle.l10n.json'));
    execFileSync(cli, ['generate-pseudo', '-o', tmp, join(tmp, 'bundle.l10n.json')], { stdio: 'pipe' });
    const pseudo = JSON.parse(readFileSync(join(tmp, 'bundle.l10n.qps-ploc.json'), 'utf8')) as Record<string, string>;
    assert.notEqual(pseudo['Requests per minute'], 'Requests per minute');
    l10n.config({ contents: pseudo });
    try {
      // Imported after the configuration, as core.ts does (its first import configures @vscode/l10n).
      const { rateLimitTooltip, day } = await import('../../src/shared/format');
      const tooltip = rateLimitTooltip({ object: 'project.rate_limit', id: 'rl-x', model: 'gpt-x', max_requests_per_1_minute: 5, max_tokens_per_1_minute: 7 });
      assert.ok(tooltip.includes(pseudo['Requests per minute']!), tooltip);
      assert.equal(day(null), pseudo['never']);
      const { parseProjectFile } = await import('../../src/files/projectFile');
      const r = parseProjectFile('{ "project": "x", "colour": 1 }');
      assert.deepEqual(r.problems, [l10n.t('"{0}": not a field of a project file', 'colour')]);
      assert.ok(r.problems[0]!.includes('colour') && !r.problems[0]!.includes('not a field'), r.problems[0]);
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
