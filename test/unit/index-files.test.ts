// The organization index on disk, on a real file system: who can read it, what a damaged or foreign
// file does, two saves at once, a Clear during a save, and an organization not used for a month.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fingerprint, IndexFiles, UNUSED_MS } from '../../src/index/files';
import { OrgIndex } from '../../src/index/orgIndex';

const project = (i: number) => ({ id: `proj_${i}`, object: 'organization.project', name: `P ${i}`, created_at: 1_700_000_000, status: 'active' });
const user = (i: number) => ({ id: `user_${i}`, object: 'organization.project.user', name: `U ${i}`, email: `u${i}@example.com`, role: 'member', added_at: 1 });
const fresh = () => mkdtempSync(join(tmpdir(), 'oaipx-index-'));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('the index on disk', () => {
  it('only its owner can read it: folder 0700, files 0600', async () => {
    const dir = fresh();
    const files = new IndexFiles(dir);
    const fp = fingerprint('k1');
    await files.use(fp);
    await files.writeProjects(fp, { at: 1, items: [project(1)] });
    await files.writeFolders(fp, { 'proj_1/users': { kind: 'users', at: 1, items: [user(1)] } });
    assert.equal(mode(join(dir, fp)), 0o700);
    for (const f of readdirSync(join(dir, fp))) assert.equal(mode(join(dir, fp, f)), 0o600, f);
  });

  it('tightens the folder of an older index that was readable by others', async () => {
    const dir = fresh();
    const fp = fingerprint('old');
    mkdirSync(join(dir, fp), { recursive: true, mode: 0o755 });
    const files = new IndexFiles(dir);
    await files.writeProjects(fp, { at: 1, items: [project(1)] });
    assert.equal(mode(join(dir, fp)), 0o700);
  });

  // [what is in the file, why it is set aside]
  const damaged: [string, string, string][] = [
    ['truncated', 'projects.json', '{"version":1,"data":{"at":1,"items":[{"id":"proj_1","obj'],
    ['two windows at once', 'projects.json', '{"version":1,"data":{"at":1,"items":[]}}{"version":1,"data":{"at":2,"items":[]}}'],
    ['the right version, the wrong shape', 'projects.json', '{"version":1,"data":{"at":"yesterday","items":{"id":"proj_1"}}}'],
    ['items of another kind', 'folders.json', '{"version":1,"data":{"proj_1/users":{"kind":"users","at":1,"items":[{"nope":true}]}}}'],
    ['an unknown folder kind', 'folders.json', '{"version":1,"data":{"proj_1/secrets":{"kind":"secrets","at":1,"items":[]}}}'],
    ['a negative time', 'folders.json', '{"version":1,"data":{"proj_1/users":{"kind":"users","at":-5,"items":[]}}}'],
    ['not an object', 'projects.json', 'null'],
  ];
  for (const [what, name, text] of damaged) {
    it(`${what}: set aside with a reason, rebuilt, never a crash`, async () => {
      const dir = fresh();
      const fp = fingerprint('k2');
      mkdirSync(join(dir, fp), { recursive: true });
      writeFileSync(join(dir, fp, name), text);
      const said: string[] = [];
      const files = new IndexFiles(dir, (file, why) => said.push(`${file}: ${why}`));
      const index = new OrgIndex(
        files,
        () => true,
        (e) => assert.fail(String(e)),
        10,
      );
      await index.bind(fp);
      await index.loadFolders();
      if (what === 'not an object') assert.deepEqual(said, [], 'not this version: ignored quietly');
      else assert.equal(said.length, 1, `one log line: ${JSON.stringify(said)}`);
      assert.equal(index.projects, undefined);
      assert.equal(index.folder('proj_1', 'users'), undefined);
      // Rebuilt from what the API says next.
      index.projectsLoaded([project(1)]);
      await index.flush();
      assert.deepEqual(
        (await files.readProjects(fp))?.items.map((p) => p.id),
        ['proj_1'],
      );
    });
  }

  it('twenty saves at once from two indexes leave one whole file, and no temporary file behind', async () => {
    const dir = fresh();
    const fp = fingerprint('k3');
    const a = new IndexFiles(dir);
    const b = new IndexFiles(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).writeProjects(fp, { at: i, items: Array.from({ length: 200 + i }, (_, j) => project(j)) })),
    );
    const parsed = JSON.parse(readFileSync(join(dir, fp, 'projects.json'), 'utf8')) as { data: { items: unknown[] } };
    assert.ok(parsed.data.items.length >= 200);
    assert.deepEqual(
      readdirSync(join(dir, fp)).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('Clear while a save is running: nothing of that organization is left on disk', async () => {
    const dir = fresh();
    const fp = fingerprint('k4');
    const files = new IndexFiles(dir);
    const index = new OrgIndex(
      files,
      () => true,
      () => undefined,
      5_000,
    );
    await index.bind(fp);
    index.projectsLoaded(Array.from({ length: 5_000 }, (_, i) => project(i)));
    index.folderLoaded('proj_1', 'users', [user(1)]);
    const saving = index.flush();
    await index.forget(fp);
    await saving;
    // A save queued behind the Clear (a late timer) writes nothing either.
    await files.writeFolders(fp, { 'proj_1/users': { kind: 'users', at: 1, items: [user(1)] } });
    assert.deepEqual(readdirSync(dir), []);
    // The same key set again is indexed again.
    await index.bind(fp);
    index.projectsLoaded([project(9)]);
    await index.flush();
    assert.deepEqual(
      (await files.readProjects(fp))?.items.map((p) => p.id),
      ['proj_9'],
    );
  });

  it('an organization whose key has not been used here for 30 days loses its index; the others stay', async () => {
    const dir = fresh();
    const files = new IndexFiles(dir);
    const [old, recent, current] = ['old', 'recent', 'current'].map(fingerprint);
    for (const fp of [old!, recent!]) {
      await files.use(fp);
      await files.writeProjects(fp, { at: 1, items: [project(1)] });
    }
    const past = (ms: number) => new Date(Date.now() - ms);
    utimesSync(join(dir, old!, 'seen'), past(UNUSED_MS + 60_000), past(UNUSED_MS + 60_000));
    utimesSync(join(dir, recent!, 'seen'), past(UNUSED_MS - 86_400_000), past(UNUSED_MS - 86_400_000));
    const index = new OrgIndex(
      files,
      () => true,
      (e) => assert.fail(String(e)),
      10,
    );
    await index.bind(current!);
    // The sweep runs beside the bind; wait for it through the files' own queue.
    await new Promise((r) => setTimeout(r, 200));
    await files.writeProjects(current!, { at: 1, items: [] });
    assert.deepEqual(readdirSync(dir).sort(), [current!, recent!].sort());
  });
});
