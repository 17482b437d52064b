// The index's search: the same matches as a plain filter over every record (all words, any field),
// ranked label-first, at most `limit` with the full count; and fast enough per keystroke is measured
// by `npm run bench`, not here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Project, ProjectUser } from '../../src/client';
import { OrgIndex } from '../../src/index/orgIndex';
import { buildRecords, RecordGroup, searchRecords, type IndexRecord } from '../../src/index/records';
import { buildSeed } from '../../tools/emulator/seeds';

function groupsOf(seed: Parameters<typeof buildSeed>[0]): RecordGroup[] {
  const org = buildSeed(seed);
  const byId = new Map(org.users.map((u) => [u.id, u]));
  const groups = [
    new RecordGroup(
      org.projects.map((p) => buildRecords.project({ object: 'organization.project', id: p.id, name: p.name, created_at: p.created_at, status: p.status })),
    ),
  ];
  for (const p of org.projects) {
    const proj: Project = { object: 'organization.project', id: p.id, name: p.name, created_at: p.created_at, status: p.status };
    const users = p.members.map((m) => ({
      object: 'organization.project.user',
      id: m.user_id,
      name: byId.get(m.user_id)!.name,
      email: byId.get(m.user_id)!.email,
      role: m.role,
      added_at: m.added_at,
    }));
    groups.push(new RecordGroup(buildRecords.folder(proj, { kind: 'users', at: 0, items: users })));
    groups.push(
      new RecordGroup(
        buildRecords.folder(proj, {
          kind: 'serviceAccounts',
          at: 0,
          items: p.service_accounts.map((s) => ({ object: 'organization.project.service_account', ...s })),
        }),
      ),
    );
    groups.push(
      new RecordGroup(
        buildRecords.folder(proj, {
          kind: 'rateLimits',
          at: 0,
          items: p.rate_limits.map((r) => ({
            object: 'project.rate_limit',
            id: r.id,
            model: r.model,
            max_requests_per_1_minute: 1,
            max_tokens_per_1_minute: 1,
          })),
        }),
      ),
    );
  }
  return groups;
}

const naive = (groups: RecordGroup[], q: string) => {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return groups.flatMap((g) => g.records).filter((r) => words.every((w) => r.hay.includes(w)));
};

describe('index search', () => {
  const groups = groupsOf('large:300:6');

  it('finds exactly what a plain filter finds, for one word, several, and none', () => {
    for (const q of ['u', 'user1', 'user 12', 'PROJECT 007 user', 'gpt-4.1', 'service-2', 'svc_acct_', 'zzz-nothing', 'gpt mini 01']) {
      const want = naive(groups, q);
      const got = searchRecords(groups, q, 100_000);
      assert.equal(got.total, want.length, q);
      assert.deepEqual(new Set(got.hits), new Set(want), q);
    }
  });

  it('ranks labels that start with the query, then labels that contain it, then the rest', () => {
    const { hits } = searchRecords(groups, 'user 1', 100_000);
    const rank = (r: IndexRecord) => (r.key.startsWith('user 1') ? 0 : r.key.includes('user 1') ? 1 : 2);
    const ranks = hits.map(rank);
    assert.deepEqual(ranks, [...ranks].sort(), 'never a worse rank before a better one');
    assert.ok(ranks.includes(0) && ranks.includes(2));
  });

  it('gives at most `limit` hits and the full count, unless the best hits filled up first', () => {
    // "example" is in emails, never in a label: nothing ranks first, every record is read and counted.
    const some = searchRecords(groups, 'example', 50);
    assert.equal(some.hits.length, 50);
    assert.equal(some.exact, true);
    assert.equal(some.total, naive(groups, 'example').length);
    // 300 project names start with "project": the first 50 of them are the hits, whatever follows.
    const all = searchRecords(groups, 'project', 100_000);
    const early = searchRecords(groups, 'project', 50);
    assert.equal(all.exact, true);
    assert.equal(early.exact, false);
    assert.deepEqual(early.hits, all.hits.filter((r) => r.key.startsWith('project')).slice(0, 50));
    assert.ok(early.total >= 50 && early.total < all.total, `${early.total} seen of ${all.total}`);
    assert.deepEqual(searchRecords(groups, '   '), { hits: [], total: 0, exact: true });
  });

  it('a record is counted once however often a word occurs in it', () => {
    const one = new RecordGroup([buildRecords.project({ object: 'organization.project', id: 'proj_aaa', name: 'aaa aaa', created_at: 0, status: 'active' })]);
    assert.equal(searchRecords([one], 'a').total, 1);
  });

  it('a person’s real projects rank before the default project (whose members are everyone)', () => {
    const index = new OrgIndex(undefined, () => false);
    const def: Project = { object: 'organization.project', id: 'proj_def', name: 'Default project', created_at: 0, status: 'active' };
    const real: Project = { object: 'organization.project', id: 'proj_real', name: 'Data Platform', created_at: 0, status: 'active' };
    const grace: ProjectUser = { object: 'organization.project.user', id: 'user_g', name: 'Grace', email: 'grace@example.com', role: 'owner', added_at: 0 };
    index.projectsLoaded([def, real]);
    index.folderLoaded('proj_def', 'users', [grace]);
    index.folderLoaded('proj_real', 'users', [{ ...grace, role: 'member' }]);
    assert.deepEqual(
      searchRecords(index.searchGroups(), 'grace').hits.map((h) => h.description),
      ['user · grace@example.com · member in Data Platform', 'user · grace@example.com · owner in Default project'],
    );
  });

  it('the index keeps its search groups until a list changes, and a renamed project’s items say its new name', () => {
    const index = new OrgIndex(undefined, () => false);
    const p: Project = { object: 'organization.project', id: 'proj_a', name: 'Alpha', created_at: 0, status: 'active' };
    const ada: ProjectUser = { object: 'organization.project.user', id: 'user_1', name: 'Ada', email: 'ada@example.com', role: 'owner', added_at: 0 };
    index.projectsLoaded([p]);
    index.folderLoaded('proj_a', 'users', [ada]);
    const first = index.searchGroups();
    assert.equal(index.searchGroups(), first, 'a keystroke reuses the groups');
    assert.equal(searchRecords(first, 'ada alpha').total, 1);
    index.projectsLoaded([{ ...p, name: 'Beta' }]);
    const renamed = index.searchGroups();
    assert.notEqual(renamed, first);
    assert.equal(searchRecords(renamed, 'ada alpha').total, 0);
    assert.equal(searchRecords(renamed, 'ada beta').hits[0]?.description, 'user · ada@example.com · owner in Beta');
    index.folderLoaded('proj_a', 'users', []);
    assert.equal(searchRecords(index.searchGroups(), 'ada').total, 0, 'a reloaded list replaces its records');
  });
});
