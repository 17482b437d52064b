// The index's search: the same matches as a plain filter over every record (all words, any field),
// ranked label-first, at most `limit` with the full count; and fast enough per keystroke is measured
// by `npm run bench`, not here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Project } from '../../src/client';
import { buildRecords, RecordGroup, searchRecords, type IndexRecord } from '../../src/index/records';
import { buildSeed } from '../emulator/seeds';

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

  it('gives at most `limit` hits and the full count', () => {
    const r = searchRecords(groups, 'project', 50);
    assert.equal(r.hits.length, 50);
    assert.equal(r.total, naive(groups, 'project').length);
    assert.deepEqual(searchRecords(groups, '   '), { hits: [], total: 0 });
  });

  it('a record is counted once however often a word occurs in it', () => {
    const one = new RecordGroup([buildRecords.project({ object: 'organization.project', id: 'proj_aaa', name: 'aaa aaa', created_at: 0, status: 'active' })]);
    assert.equal(searchRecords([one], 'a').total, 1);
  });
});
