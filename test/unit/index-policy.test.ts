// The index's policy facts and Find's policy questions: what a query asks, which projects answer yes,
// which are unknown or unclear, and the facts kept on disk (a damaged file set aside, a project gone
// taking its facts with it, a fact forgotten when a write's effect is not known).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fingerprint, IndexFiles } from '../../src/index/files';
import { policyTasks } from '../../src/index/indexer';
import { OrgIndex } from '../../src/index/orgIndex';
import { answer, parseQuestion } from '../../src/index/policy';
import type { Project } from '../../src/client';

const project = (i: number, status = 'active') =>
  ({ id: `proj_${i}`, object: 'organization.project', name: `P ${i}`, created_at: 1_700_000_000, status }) as Project;
const limit = (cents: number) => ({ object: 'project.spend_limit', threshold_amount: cents, currency: 'USD', interval: 'month' });
const models = (mode: string, ids: string[]) => ({ object: 'project.model_permissions', mode, model_ids: ids });
const tools = (off: string[]) =>
  Object.fromEntries(['file_search', 'web_search', 'image_generation', 'mcp', 'code_interpreter'].map((t) => [t, { enabled: !off.includes(t) }]));
const index = (dir?: string) =>
  new OrgIndex(
    dir ? new IndexFiles(dir) : undefined,
    () => !!dir,
    (e) => assert.fail(String(e)),
    10,
  );

describe('policy questions', () => {
  it('reads the questions as the placeholder words them, and nothing else', () => {
    assert.deepEqual(parseQuestion('no spend limit'), { kind: 'noLimit' });
    assert.deepEqual(parseQuestion('  Without a  hard spend limit '), { kind: 'noLimit' });
    assert.deepEqual(parseQuestion('allows GPT-5'), { kind: 'allows', model: 'gpt-5' });
    assert.deepEqual(parseQuestion('allow o3-mini'), { kind: 'allows', model: 'o3-mini' });
    assert.deepEqual(parseQuestion('web_search on'), { kind: 'tool', tool: 'web_search', on: true });
    assert.deepEqual(parseQuestion('code interpreter disabled'), { kind: 'tool', tool: 'code_interpreter', on: false });
    assert.deepEqual(parseQuestion('tool mcp enabled'), { kind: 'tool', tool: 'mcp', on: true });
    for (const other of ['alice', 'spend', 'allows', 'allows two models', 'teleport on', 'no limit for me', ''])
      assert.equal(parseQuestion(other), undefined, other);
  });

  it('answers from the facts held: yes, no, not read, and a model mode it does not know said as unclear', () => {
    const ix = index();
    const ps = [1, 2, 3, 4, 5].map((i) => project(i));
    ix.projectsLoaded(ps);
    ix.facetLoaded('proj_1', 'spendLimit', null, 1000);
    ix.facetLoaded('proj_2', 'spendLimit', limit(10_000), 2000);
    ix.facetLoaded('proj_1', 'models', models('allow_list', ['gpt-5', 'o3']));
    ix.facetLoaded('proj_2', 'models', models('deny_list', ['gpt-5']));
    ix.facetLoaded('proj_3', 'models', models('deny_list', []));
    ix.facetLoaded('proj_4', 'models', models('per_team_list', ['gpt-5']));
    ix.facetLoaded('proj_1', 'hostedTools', tools(['web_search']));
    ix.facetLoaded('proj_2', 'hostedTools', tools([]));
    const ids = (a: ReturnType<typeof answer>) => ({
      yes: a.yes.map((y) => y.project.id),
      unknown: a.unknown.map((p) => p.id),
      unclear: a.unclear.map((p) => p.id),
    });
    const ask = (q: string) => ids(answer(parseQuestion(q)!, ix.activeProjects(), (id) => ix.factsOf(id)));
    assert.deepEqual(ask('no spend limit'), { yes: ['proj_1'], unknown: ['proj_3', 'proj_4', 'proj_5'], unclear: [] });
    assert.deepEqual(ask('allows gpt-5'), { yes: ['proj_1', 'proj_3'], unknown: ['proj_5'], unclear: ['proj_4'] });
    assert.deepEqual(ask('allows o3'), { yes: ['proj_1', 'proj_2', 'proj_3'], unknown: ['proj_5'], unclear: ['proj_4'] });
    assert.deepEqual(ask('web_search on'), { yes: ['proj_2'], unknown: ['proj_3', 'proj_4', 'proj_5'], unclear: [] });
    assert.deepEqual(ask('web search off'), { yes: ['proj_1'], unknown: ['proj_3', 'proj_4', 'proj_5'], unclear: [] });
    assert.equal(answer(parseQuestion('no spend limit')!, ix.activeProjects(), (id) => ix.factsOf(id)).yes[0]!.at, 1000);
    // A write whose effect is not known forgets the fact: unknown, not a stale yes.
    ix.facetLoaded('proj_1', 'spendLimit', undefined);
    assert.deepEqual(ask('no spend limit').unknown, ['proj_1', 'proj_3', 'proj_4', 'proj_5']);
    // Facets the index does not keep are not kept.
    ix.facetLoaded('proj_5', 'serviceTiers', { object: 'x', default: 'standard', enabled_tiers: 'all' });
    assert.equal(ix.factsOf('proj_5'), undefined);
  });

  it('what Index Organization Policy would read: each facet missing or older than an hour, of the projects given', () => {
    const ix = index();
    ix.projectsLoaded([project(1), project(2)]);
    const now = 10 * 3_600_000;
    ix.facetLoaded('proj_1', 'spendLimit', null, now - 60_000);
    ix.facetLoaded('proj_1', 'models', models('deny_list', []), now - 2 * 3_600_000);
    const tasks = policyTasks(ix, ix.activeProjects(), undefined, now).map((t) => `${t.project.id}/${t.facet}`);
    assert.deepEqual(tasks, ['proj_1/models', 'proj_1/hostedTools', 'proj_2/spendLimit', 'proj_2/models', 'proj_2/hostedTools']);
  });

  it('kept on disk with the folders: read back by a new window, a gone project’s facts dropped, a damaged file set aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oaipx-policy-'));
    const fp = fingerprint('k');
    const a = index(dir);
    await a.bind(fp);
    a.projectsLoaded([project(1), project(2)]);
    a.facetLoaded('proj_1', 'spendLimit', limit(5_000), 7);
    a.facetLoaded('proj_2', 'models', models('allow_list', ['o3']), 8);
    await a.flush();
    const b = index(dir);
    await b.bind(fp);
    await b.loadFolders();
    assert.deepEqual(b.factsOf('proj_1')?.spendLimit, { at: 7, items: limit(5_000) });
    assert.deepEqual(b.factsOf('proj_2')?.models?.items.model_ids, ['o3']);
    b.projectsLoaded([project(2)]);
    assert.equal(b.factsOf('proj_1'), undefined);
    await b.flush();
    const c = index(dir);
    await c.bind(fp);
    await c.loadFolders();
    assert.equal(c.factsOf('proj_1'), undefined);
    assert.ok(c.factsOf('proj_2')?.models);

    const dir2 = mkdtempSync(join(tmpdir(), 'oaipx-policy-'));
    mkdirSync(join(dir2, fp), { recursive: true });
    writeFileSync(join(dir2, fp, 'policy.json'), '{"version":1,"data":{"proj_1":{"spendLimit":{"at":1,"items":"lots"}}}}');
    const said: string[] = [];
    const d = new OrgIndex(
      new IndexFiles(dir2, (_f, why) => said.push(why)),
      () => true,
      (e) => assert.fail(String(e)),
      10,
    );
    await d.bind(fp);
    await d.loadFolders();
    assert.equal(d.factsOf('proj_1'), undefined);
    assert.equal(said.length, 1, JSON.stringify(said));
  });
});
