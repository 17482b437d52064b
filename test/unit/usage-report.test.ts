// Adding up the API's buckets into what the usage view draws, and the audit log's merged pages, against
// the emulator over real HTTP.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectBuckets, type ReportBucket } from '../../src/client';
import { AuditPager } from '../../src/activity/auditPager';
import { costSince, DAY, monthStart, outlook, rangeDays, stack, top } from '../../src/usage/report';
import { look } from '../../src/usage/cost';
import { activeProjects, clientFor, rejection, useEmulator } from './helpers';

const bucket = (start: number, results: ReportBucket['results']): ReportBucket => ({ object: 'bucket', start_time: start, end_time: start + DAY, results });
const cost = (line: string, value: number) => ({ object: 'organization.costs.result', line_item: line, amount: { value, currency: 'usd' } });

describe('usage reports', () => {
  const ctx = useEmulator({ seed: 'demo' });

  it('days, month start and stacking: largest first, the rest as one "Other", a value a day', () => {
    const now = Date.UTC(2026, 10, 26, 15) / 1000;
    assert.equal(monthStart(now), Date.UTC(2026, 10, 1) / 1000);
    const days = rangeDays(3, now);
    assert.deepEqual(
      days,
      [Date.UTC(2026, 10, 24), Date.UTC(2026, 10, 25), Date.UTC(2026, 10, 26)].map((t) => t / 1000),
    );
    const b = [
      bucket(days[0]!, [cost('a', 1), cost('b', 5), cost('c', 0.5)]),
      bucket(days[2]!, [cost('a', 2), cost('d', 0.25), cost('b', 1)]),
      bucket(days[0]! - DAY, [cost('a', 100)]), // before the range: not drawn
    ];
    const s = stack(
      b,
      days,
      (r) => r.line_item!,
      (r) => r.amount!.value!,
      3,
    );
    assert.deepEqual(s, [
      { name: 'b', values: [5, 0, 1] },
      { name: 'a', values: [1, 0, 2] },
      { name: 'Other (2)', values: [0.5, 0, 0.25] },
    ]);
    assert.equal(costSince(b, days[0]!), 9.75);
    const ranked = top(
      [
        bucket(days[0]!, [
          { object: 'x', api_key_id: 'k1', input_tokens: 5, output_tokens: 5, num_model_requests: 1 },
          { object: 'x', api_key_id: 'k2', input_tokens: 50, num_model_requests: 2 },
        ]),
      ],
      days[0]!,
      'api_key_id',
      (id) => ({ label: id.toUpperCase() }),
    );
    assert.deepEqual(
      ranked.map((r) => [r.label, r.tokens, r.requests]),
      [
        ['K2', 50, 2],
        ['K1', 10, 1],
      ],
    );
  });

  it('collectBuckets follows next_page to the end, and stops on a repeated cursor', async () => {
    const c = clientFor(ctx.emu);
    const start = Math.floor(Date.now() / 1000 / DAY) * DAY - 89 * DAY;
    const all = await collectBuckets((page) => c.listUsage('completions', { startTime: start, limit: 31, page }));
    assert.equal(all.length, 90);
    const same = { object: 'page', data: [], has_more: true, next_page: 'again' };
    const e = await rejection(collectBuckets(() => Promise.resolve(same)));
    assert.match(e.message, /no new page/);
  });

  it('the audit pager merges two queries newest first, each event once, reading a page only when needed', async () => {
    ctx.emu.reset('demo');
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu)[0]!;
    for (let i = 0; i < 5; i++) await c.modifyProject({ projectId: p.id, projectUpdateRequest: { name: `Renamed ${i}` } });
    ctx.emu.requests.length = 0;
    const pager = new AuditPager([
      (after) => c.listAuditLogs({ projectIds: [p.id], limit: 3, after }),
      (after) => c.listAuditLogs({ resourceIds: [p.id], limit: 3, after }),
    ]);
    const first = await pager.next(4);
    assert.equal(first.length, 4);
    assert.deepEqual(
      first.slice(0, 4).map((e) => e.type),
      ['project.updated', 'project.updated', 'project.updated', 'project.updated'],
    );
    const afterFirst = ctx.emu.requests.length;
    assert.equal(afterFirst, 3, 'both first pages, and the renames’ second page');
    const rest: string[] = [];
    while (pager.hasMore) rest.push(...(await pager.next(4)).map((e) => e.id));
    const ids = [...first.map((e) => e.id), ...rest];
    assert.equal(new Set(ids).size, ids.length, 'no event twice (project.created is in both queries)');
    const all = (await c.listAuditLogs({ limit: 100 })).data.filter(
      (e) => e.project?.id === p.id || (e as Record<string, { id?: string } | undefined>)[e.type]?.id === p.id,
    );
    assert.deepEqual(new Set(ids), new Set(all.map((e) => e.id)));
  });

  it('a new event type and unknown fields parse; a page with a wrong shape is a clear error', async () => {
    const c = clientFor(ctx.emu);
    ctx.emu.addFault({
      kind: 'response',
      status: 200,
      path: '^/organization/audit_logs$',
      body: {
        object: 'list',
        has_more: false,
        data: [{ id: 'audit_log-x', type: 'quantum.entangled', effective_at: 1, actor: null, 'quantum.entangled': { id: 'q' }, novel: true }],
      } satisfies Record<string, unknown>,
    });
    const ok = await c.listAuditLogs();
    assert.equal(ok.data[0]!.type, 'quantum.entangled');
    ctx.emu.addFault({
      kind: 'response',
      status: 200,
      path: '^/organization/costs$',
      body: { object: 'page', data: [{ start_time: 'yesterday' }], has_more: false },
    });
    const e = await rejection(c.listCosts({ startTime: 0 }));
    assert.match(e.message, /unexpected shape: field "data\.0\./);
  });
});

describe('report and audit pages from a buggy proxy', () => {
  it('a day repeated on a later page is counted once', async () => {
    const bucket = (d: number) => ({ object: 'bucket', start_time: d * 86_400, end_time: (d + 1) * 86_400, results: [] });
    const pages = [
      { object: 'page', data: [bucket(1), bucket(2)], has_more: true, next_page: 'p2' },
      { object: 'page', data: [bucket(2), bucket(3)], has_more: false, next_page: null },
    ];
    const got = await collectBuckets(() => Promise.resolve(pages.shift()!));
    assert.deepEqual(
      got.map((b) => b.start_time / 86_400),
      [1, 2, 3],
    );
  });

  it('an audit log whose cursor repeats stops with a message that names it', async () => {
    const ev = (i: number) => ({ id: `audit_${i}`, type: 'project.created', effective_at: 1000 - i });
    let i = 0;
    const pager = new AuditPager([() => Promise.resolve({ object: 'list', data: [ev(i++)], has_more: true, first_id: null, last_id: 'audit_loop' })]);
    await assert.rejects(pager.next(10), /^ProjectsApiError: The audit log: The API returned the cursor "audit_loop" twice/);
  });

  it('a row’s money against its limit: plain under 80 %, a warning from 80 %, an error while enforcing; no limit or none known says the cost alone', () => {
    const limit = (cents: number, status = 'inactive') => ({
      object: 'project.spend_limit',
      threshold_amount: cents,
      currency: 'USD',
      enforcement: { status },
    });
    assert.deepEqual(look(79.99, limit(10_000), 'usd'), {
      text: '$79.99 of $100.00 this month',
      tooltip: '$79.99 of $100.00 this month (79% of the hard spend limit)',
    });
    assert.equal(look(80, limit(10_000), 'usd').level, 'warning');
    assert.match(look(80, limit(10_000), 'usd').tooltip, /80% of the hard spend limit is spent/);
    // The API's word decides "enforcing", not the sum (its costs may lag): over the limit but inactive is a warning.
    assert.equal(look(120, limit(10_000), 'usd').level, 'warning');
    assert.equal(look(12, limit(10_000, 'enforcing'), 'usd').level, 'error');
    // A new enforcement word is not an error.
    assert.equal(look(12, limit(10_000, 'paused_for_review'), 'usd').level, undefined);
    assert.deepEqual(look(5, null, 'usd'), { text: '$5.00 this month', tooltip: '$5.00 this month; no hard spend limit' });
    assert.deepEqual(look(5, undefined, 'usd'), { text: '$5.00 this month', tooltip: '$5.00 this month' });
    // A 200 with no amount (another server's "none") is no limit, not a division by zero.
    assert.equal(look(5, { object: 'project.spend_limit', threshold_amount: 0 }, 'usd').text, '$5.00 this month');
  });

  it('the month’s outlook: spend summed day by day to today, a forecast at the month’s rate, the day it meets the limit, alerts in order', () => {
    const month = Date.UTC(2026, 10, 1) / 1000; // November: 30 days
    const now = month + 9 * DAY + DAY / 2; // noon on the 10th: 9.5 days gone
    const buckets = [
      bucket(month - DAY, [cost('old', 99)]), // October: not this month
      bucket(month, [cost('a', 10), cost('b', 5)]),
      bucket(month + 4 * DAY, [cost('a', 20)]),
      bucket(month + 9 * DAY, [cost('a', 3.5)]),
    ];
    const o = outlook(buckets, now, { cents: 20_000, enforcing: false }, [10_000, 5_000, 10_000]);
    assert.equal(o.days.length, 30);
    assert.deepEqual(o.spent.slice(0, 11), [15, 15, 15, 15, 35, 35, 35, 35, 35, 38.5, null]);
    assert.ok(o.spent.slice(10).every((v) => v === null));
    assert.equal(o.dailyRate, 38.5 / 9.5);
    assert.ok(Math.abs(o.forecast - (38.5 / 9.5) * 30) < 1e-9);
    assert.deepEqual(o.limit, { amount: 200, enforcing: false });
    // $200 at $4.05 a day from $38.50 at noon on the 10th: 39.8 days on, past the month's end.
    assert.equal(o.limitDay, undefined);
    assert.deepEqual(o.alerts, [50, 100]);
    // A lower limit is met this month: on the day the line crosses it.
    const low = outlook(buckets, now, { cents: 8_000, enforcing: false }, []);
    assert.equal(low.limitDay, Math.floor((now + ((80 - 38.5) / (38.5 / 9.5)) * DAY) / DAY) * DAY);
    // Already enforcing: no "reached about" day; none set: no limit at all.
    assert.equal(outlook(buckets, now, { cents: 1_000, enforcing: true }, []).limitDay, undefined);
    assert.equal(outlook(buckets, now, undefined, []).limit, undefined);
    // The first hours of a month count as a day, so a morning's spend is not taken for a day's rate times 24.
    const early = outlook([bucket(month, [cost('a', 2)])], month + 3600, undefined, []);
    assert.equal(early.dailyRate, 2);
  });
});
