import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { collect, paginate } from '../../src/client';
import { clientFor, rejection, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'large:250' });
beforeEach(() => ctx.emu.reset('large:250'));
const page = (ids: string[], has_more: boolean, last_id: string | null = ids.at(-1) ?? null) => ({
  object: 'list',
  data: ids.map((id) => ({ id, object: 'organization.project', name: id, created_at: 1 })),
  first_id: ids[0] ?? null,
  last_id,
  has_more,
});

describe('pagination', () => {
  it('walks 250 projects in three requests at the maximum page size', async () => {
    const c = clientFor(ctx.emu);
    const all = await collect((after) => c.listProjects({ limit: 100, after }));
    assert.equal(all.length, 250);
    assert.equal(new Set(all.map((p) => p.id)).size, 250);
    assert.equal(ctx.emu.requests.length, 3);
  });

  it('is lazy: stopping early sends no further request', async () => {
    const c = clientFor(ctx.emu);
    let n = 0;
    for await (const _p of paginate((after) => c.listProjects({ limit: 10, after }))) if (++n === 15) break;
    assert.equal(ctx.emu.requests.length, 2);
  });

  it('falls back to the last item’s id when last_id is missing', async () => {
    ctx.emu.addFault({ kind: 'response', body: page(['proj_a', 'proj_b'], true, null) });
    const c = clientFor(ctx.emu);
    const all = await collect((after) => c.listProjects({ limit: 100, after: after === 'proj_b' ? undefined : after }));
    assert.equal(all.length, 252);
  });

  it('stops on a cursor it has seen before', async () => {
    ctx.emu.addFault({ kind: 'response', count: 3, body: page(['proj_a', 'proj_b'], true) });
    const c = clientFor(ctx.emu);
    const e = await rejection(collect((after) => c.listProjects({ after })));
    assert.equal(e.kind, 'pagination');
    assert.match(e.message, /cursor "proj_b" twice/);
    assert.equal(ctx.emu.requests.length, 2);
  });

  it('stops on has_more with no cursor', async () => {
    ctx.emu.addFault({ kind: 'response', body: page([], true, null) });
    const e = await rejection(collect((after) => clientFor(ctx.emu).listProjects({ after })));
    assert.equal(e.kind, 'pagination');
    assert.match(e.message, /no cursor/);
  });

  it('stops a runaway list at maxPages', async () => {
    const c = clientFor(ctx.emu);
    const e = await rejection(collect((after) => c.listProjects({ limit: 10, after }), { maxPages: 5 }));
    assert.equal(e.kind, 'pagination');
    assert.match(e.message, /did not end after 5 pages/);
    assert.equal(ctx.emu.requests.length, 5);
  });

  it('an unknown cursor is a 400 from the API', async () => {
    const e = await rejection(clientFor(ctx.emu).listProjects({ after: 'proj_gone' }));
    assert.equal(e.status, 400);
    assert.equal(e.param, 'after');
  });

  it('the API refuses a limit outside 1..100', async () => {
    const c = clientFor(ctx.emu);
    for (const limit of [0, 101]) {
      const e = await rejection(c.listProjects({ limit }));
      assert.equal(e.status, 400);
      assert.equal(e.param, 'limit');
    }
    const r = await fetch(`${ctx.emu.baseUrl}/organization/projects?limit=abc`, { headers: { authorization: `Bearer ${ctx.emu.adminKey}` } });
    assert.equal(r.status, 400);
  });
});

describe('pagination against a buggy proxy', () => {
  it('an item repeated on a later page is listed once', async () => {
    ctx.emu.addFault({ kind: 'response', status: 200, body: page(['proj_a', 'proj_b'], true) });
    ctx.emu.addFault({ kind: 'response', status: 200, body: page(['proj_b', 'proj_c'], false) });
    const c = clientFor(ctx.emu);
    const all = await collect((after) => c.listProjects({ limit: 2, after }));
    assert.deepEqual(
      all.map((p) => p.id),
      ['proj_a', 'proj_b', 'proj_c'],
    );
  });

  it('a cursor that repeats stops the walk with a message that names the list', async () => {
    for (let i = 0; i < 3; i++) ctx.emu.addFault({ kind: 'response', status: 200, body: page([`proj_${i}`], true, 'proj_loop') });
    const c = clientFor(ctx.emu);
    const e = await rejection(collect((after) => c.listProjects({ limit: 1, after }), { subject: 'the projects list' }));
    assert.match(e.message, /^The projects list: The API returned the cursor "proj_loop" twice; stopped reading the list\./);
    ctx.emu.clearFaults();
  });

  it('a list that never ends stops at the page cap, naming the list', async () => {
    let n = 0;
    const e = await rejection(collect(() => Promise.resolve(page([`proj_${n++}`], true)), { maxPages: 5, subject: 'the users of project proj_x' }));
    assert.match(e.message, /^The users of project proj_x: The list did not end after 5 pages/);
    assert.equal(n, 5);
  });
});
