// The layer check that `npm run lint` runs: the real tree keeps the layers, and an upward import or
// a cycle planted in a small tree is reported.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain script, with no types of its own
import { check } from '../../scripts/layers.mjs';

const run = check as (root?: string) => string[];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'oaipx-layers-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'src', name)), { recursive: true });
    writeFileSync(join(root, 'src', name), text);
  }
  return root;
}

describe('layers', () => {
  it('src/ keeps them: every import points down, no cycles', () => {
    assert.deepEqual(run(), []);
  });

  it('an import of a layer above, a cycle and a file in no layer are each reported', () => {
    const root = tree({
      'client/http.ts': "import { pick } from '../kit/pickers';\n",
      'kit/pickers.ts': 'export const pick = 1;\n',
      'store/a.ts': "import type { B } from './b';\nexport type A = B;\n",
      'store/b.ts': "import type { A } from './a';\nexport type B = A;\n",
      'elsewhere/x.ts': "import { pick } from '../kit/pickers';\n",
    });
    try {
      const problems = run(root);
      assert.equal(problems.length, 3, problems.join('\n'));
      assert.ok(problems.some((p) => /src\/client\/http\.ts \(client\) imports src\/kit\/pickers\.ts \(kit\), a layer above it/.test(p)));
      assert.ok(problems.some((p) => /^a cycle: .*src\/store\/(a|b)\.ts → .*src\/store\/(a|b)\.ts$/.test(p)));
      assert.ok(problems.some((p) => /src\/elsewhere\/x\.ts: in no layer/.test(p)));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a client write called outside src/store/writer.ts is reported; the writer and a plan writer calling theirs are not', () => {
    const root = tree({
      'client/index.ts': [
        'export const client = {',
        '  listProjects: async (r: { after?: string }) => read(P, r),',
        '  deleteProjectApiKey: async (r: { projectId: string; keyId: string }) =>',
        "    write('DELETE', KEY, r),",
        '};',
      ].join('\n'),
      'store/writer.ts': 'export const go = (c: any) => c.deleteProjectApiKey({ projectId: "p", keyId: "k" });\n',
      'commands/keys.ts':
        'export const go = async (c: any, writer: any) => { await c.listProjects({}); await writer.deleteProjectApiKey("p", "k"); return c.deleteProjectApiKey ({}); };\n',
    });
    try {
      const problems = run(root);
      assert.deepEqual(problems, ["src/commands/keys.ts: calls the client's deleteProjectApiKey() (a write): every write goes through src/store/writer.ts"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
