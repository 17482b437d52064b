// Usage & Cost, the organization overview, the month-to-date cost in the rows, and Activity, in the
// real host against the emulator: what each view was sent and drew, checked against the emulator's own
// answers, and the requests each costs.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProjectsTree } from '../../src/tree/projectsTree';
import type { TreeNode } from '../../src/kit/node';
import { subjectKey } from '../../src/activity/panel';
import { clearRequests, emulator, eventually, extensionApi, label, requests, resetOrg, state, apiPost } from './helpers';

const run = <T = unknown>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`openaiProjects.${id}`, ...args);
const api = () => extensionApi();
const DAY = 86_400;

async function apiGet<T>(path: string): Promise<T> {
  const r = await fetch(emulator.baseUrl + path, { headers: { authorization: `Bearer ${emulator.adminKey}` } });
  assert.ok(r.ok, `GET ${path}: ${r.status}`);
  return (await r.json()) as T;
}
type CostPage = { data: { start_time: number; results: { amount: { value: number }; project_id: string | null }[] }[] };
const totalOf = (p: CostPage) => p.data.reduce((n, b) => n + b.results.reduce((m, r) => m + r.amount.value, 0), 0);

async function projectNode(name: string): Promise<TreeNode> {
  const tree: ProjectsTree = (await api()).tree;
  const roots = await tree.getChildren();
  const n = roots.find((r) => label(r) === name);
  assert.ok(n, `${name} is in the tree`);
  return n;
}

/** Runs a command that opens a usage view and waits until its webview says the charts are drawn. */
async function drawn(key: string, open: () => Thenable<unknown>) {
  const panels = (await api()).panels;
  const before = panels.drawnAt(key);
  await open();
  await eventually(
    () => panels.drawnAt(key),
    (t) => t > before,
    20_000,
  );
  return panels.report(key)!;
}

async function fresh(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await resetOrg();
  const a = await api();
  a.ui.reset();
  a.ui.answer();
  await a.adminKey.store(emulator.adminKey);
  await run('refresh');
  await a.tree.getChildren();
  await clearRequests();
}

const today = () => Math.floor(Date.now() / 1000 / DAY) * DAY;
const count = (reqs: { path: string }[], re: RegExp) => reqs.filter((r) => re.test(r.path)).length;

describe('usage and cost', () => {
  beforeEach(fresh);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a project’s view: totals match the API; 30 days cost three report requests, 90 days seven', async () => {
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Customer Support Bot')!;
    const node = await projectNode(p.name);
    const report = await drawn(p.id, () => run('showUsage', node));
    assert.equal(report.scope, 'project');
    assert.equal(report.range, 30);
    assert.equal(report.days.length, 30);
    assert.ok(report.cost.length > 0 && report.tokens.length > 0 && report.requests.length > 0);
    assert.ok(report.topKeys.length > 0 && report.topKeys.every((k) => p.api_keys.some((x) => x.id === k.id)), 'top keys are the project’s keys');
    assert.ok(
      report.topKeys.some((k) => k.label !== k.id),
      'keys are named from the tree’s list',
    );
    assert.deepEqual(report.problems, []);
    let reqs = await requests();
    assert.equal(count(reqs, /\/organization\/costs$/), 1, reqs.map((r) => `${r.path}${r.query}`).join('\n'));
    assert.equal(count(reqs, /\/organization\/usage\/completions$/), 1);
    assert.equal(count(reqs, /\/organization\/usage\/embeddings$/), 1);
    assert.equal(reqs.length, 7, `three reports, the project’s keys and users, its limit and alerts: ${reqs.map((r) => r.path).join(', ')}`);
    assert.equal(count(reqs, new RegExp(`/projects/${p.id}/spend_limit$`)), 1);
    assert.equal(count(reqs, new RegExp(`/projects/${p.id}/spend_alerts$`)), 1);
    // No limit and no alerts set: the month's outlook says so, and still forecasts.
    const month = report.month!;
    assert.equal(month.limit, undefined);
    assert.deepEqual(month.alerts, []);
    assert.ok(month.forecast >= report.monthToDate);
    const from = today() - 29 * DAY;
    const expected = totalOf(await apiGet<CostPage>(`/organization/costs?start_time=${from}&limit=30&project_ids=${p.id}`));
    assert.ok(expected > 0, 'the project has costs');
    assert.ok(Math.abs(report.costTotal - expected) < 1e-6 * Math.max(1, expected), `${report.costTotal} vs ${expected}`);

    await clearRequests();
    // The 90-day button, as the view sends it.
    const panels = (await api()).panels;
    const before = panels.drawnAt(p.id);
    panels.send('usage', p.id, { type: 'range', range: 90 });
    await eventually(
      () => panels.drawnAt(p.id),
      (t) => t > before,
    );
    assert.equal(panels.report(p.id)!.days.length, 90);
    reqs = await requests();
    assert.equal(count(reqs, /\/organization\/usage\/completions$/), 3, '90 days are three pages of 31');
    assert.equal(reqs.length, 7, `the limit and alerts are not read again: ${reqs.map((r) => r.path).join(', ')}`);

    // Back to 30 days: cached, no request.
    await clearRequests();
    const again = panels.next('usage', p.id);
    panels.send('usage', p.id, { type: 'range', range: 30 });
    await again;
    assert.equal(panels.report(p.id)!.days.length, 30);
    assert.equal((await requests()).length, 0);
  });

  it('a project with no usage, named with markup, draws zeros; its name passes through as text', async () => {
    const name = '<img src=x onerror=alert(1)> & "quotes"';
    const created = await apiPost('/organization/projects', { name });
    await run('refresh');
    const node = await projectNode(name);
    const report = await drawn(String(created.id), () => run('showUsage', node));
    assert.equal(report.title, name);
    assert.equal(report.costTotal, 0);
    assert.deepEqual([report.cost, report.tokens, report.topKeys], [[], [], []]);
  });

  it('a 429 mid-load is waited out; a part that keeps failing is named and the rest drawn (from the palette)', async () => {
    await emulator.control('/faults', { method: 'POST', body: { kind: '429', path: '^/organization/usage/completions$', count: 1, retryAfterSeconds: 1 } });
    await emulator.control('/faults', { method: 'POST', body: { kind: '500', path: '^/organization/usage/embeddings$', count: 3 } });
    const p = (await state()).projects.find((x) => x.name === 'Data Platform')!;
    (await api()).ui.answer('Data Platform');
    const report = await drawn(p.id, () => run('showUsage'));
    assert.ok(report.tokens.length > 0, 'completions were read after the 429');
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0]!, /embeddings usage: .*500/);
    const reqs = await requests();
    assert.equal(count(reqs, /\/usage\/completions$/), 2, 'the refused read went once more');
    assert.equal(count(reqs, /\/usage\/embeddings$/), 3, 'a failing read is tried three times, no more');
  });

  it('this month: spend so far against the hard limit and the alerts, forecast at the month’s rate; a limit that cannot be read is named, the rest drawn; Refresh reads them again', async () => {
    const p = (await state()).projects.find((x) => x.name === 'Customer Support Bot')!;
    const from = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) / 1000;
    const spent = totalOf(await apiGet<CostPage>(`/organization/costs?start_time=${from}&limit=31&project_ids=${p.id}`));
    assert.ok(spent > 0, 'the project has spent this month');
    const limitCents = Math.round(spent * 100 * 50);
    await apiPost(`/organization/projects/${p.id}/spend_limit`, { threshold_amount: limitCents, currency: 'USD', interval: 'month' });
    for (const cents of [limitCents / 2, limitCents / 10].map(Math.round))
      await apiPost(`/organization/projects/${p.id}/spend_alerts`, {
        threshold_amount: cents,
        currency: 'USD',
        interval: 'month',
        notification_channel: { type: 'email', recipients: ['ops@example.com'] },
      });
    const node = await projectNode(p.name);
    const report = await drawn(p.id, () => run('showUsage', node));
    const m = report.month!;
    assert.deepEqual(m.limit, { amount: limitCents / 100, enforcing: false });
    assert.deepEqual(m.alerts, [Math.round(limitCents / 10) / 100, Math.round(limitCents / 2) / 100]);
    const now = report.fetchedAt;
    const elapsed = Math.max(1, (now - from) / DAY);
    const sofar = m.spent.filter((v) => v !== null);
    const why = JSON.stringify({ monthToDate: report.monthToDate, dailyRate: m.dailyRate, elapsed, now, from, sofar, range: report.range });
    assert.ok(Math.abs(sofar.at(-1)! - report.monthToDate) < 1e-6 * Math.max(1, spent), `the line ends at the month to date: ${why}`);
    // fetchedAt is whole seconds, the rate was taken at the exact moment: a second in 2.7 days is 4e-6.
    assert.ok(Math.abs(m.dailyRate - report.monthToDate / elapsed) < 1e-4 * Math.max(1, m.dailyRate), why);
    assert.ok(m.forecast >= report.monthToDate && m.forecast <= report.monthToDate + m.dailyRate * 31, why);
    assert.equal(m.days.length, new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 0)).getUTCDate());
    assert.ok(!report.problems.length, report.problems.join('; '));

    // Refresh: the limit is read again, and now fails; the report is drawn and names it.
    await emulator.control('/faults', { method: 'POST', body: { kind: '500', path: `^/organization/projects/${p.id}/spend_limit$`, count: 3 } });
    await clearRequests();
    const panels = (await api()).panels;
    const before = panels.drawnAt(p.id);
    panels.send('usage', p.id, { type: 'refresh' });
    await eventually(
      () => panels.drawnAt(p.id),
      (t) => t > before,
      20_000,
    );
    const again = panels.report(p.id)!;
    assert.equal(again.problems.length, 1, again.problems.join('; '));
    assert.match(again.problems[0]!, /hard spend limit: .*500/);
    assert.equal(again.month?.limit, undefined);
    assert.equal(again.month?.alerts.length, 2);
    assert.ok(again.cost.length > 0);
    assert.equal(count(await requests(), new RegExp(`/projects/${p.id}/spend_alerts$`)), 1, 'the alerts were read again');
  });

  it('the organization overview: one line per project by cost, from one costs request and no project listing', async () => {
    const org = await state();
    const report = await drawn('(organization)', () => run('showOrganizationUsage'));
    assert.equal(report.scope, 'organization');
    const rows = report.projects!;
    assert.deepEqual(
      new Set(rows.map((r) => r.id)),
      new Set(
        org.projects
          .filter((p) => p.status === 'active')
          .map((p) => p.id)
          .concat(rows.filter((r) => r.archived).map((r) => r.id)),
      ),
    );
    assert.ok(
      rows.every((r, i) => i === 0 || rows[i - 1]!.cost >= r.cost),
      'sorted by cost',
    );
    assert.ok(
      rows.every((r) => r.name !== r.id),
      'named from the tree’s list',
    );
    const reqs = await requests();
    assert.equal(count(reqs, /\/organization\/costs$/), 1);
    assert.equal(count(reqs, /\/organization\/projects$/), 0);
    const from = today() - 29 * DAY;
    const page = await apiGet<CostPage>(`/organization/costs?start_time=${from}&limit=30&group_by=project_id`);
    const top = rows[0]!;
    const expected = page.data.reduce((n, b) => n + b.results.filter((r) => r.project_id === top.id).reduce((m, r) => m + r.amount.value, 0), 0);
    assert.ok(Math.abs(top.cost - expected) < 1e-6 * Math.max(1, expected));
    // A row opens its project's view.
    const panels = (await api()).panels;
    const before = panels.drawnAt(top.id);
    panels.send('usage', '(organization)', { type: 'openProject', id: top.id });
    await eventually(
      () => panels.drawnAt(top.id),
      (t) => t > before,
      20_000,
    );
  });

  it('showCost: each row says its month-to-date cost, from one costs request for all', async () => {
    const config = vscode.workspace.getConfiguration('openaiProjects');
    await config.update('showCost', true, vscode.ConfigurationTarget.Global);
    try {
      const tree = (await api()).tree;
      await run('refresh');
      const rows = await eventually(
        async () => (await tree.getChildren()).map((n) => String(n.getTreeItem().description ?? '')),
        (d) => d.every((x) => /\$[\d,.]+ this month$/.test(x)),
      );
      assert.ok(rows.some((d) => d.startsWith('default · $')));
      assert.equal(count(await requests(), /\/organization\/costs$/), 1);
    } finally {
      await config.update('showCost', undefined, vscode.ConfigurationTarget.Global);
    }
    const plain = (await (await api()).tree.getChildren()).map((n) => String(n.getTreeItem().description ?? ''));
    assert.ok(plain.every((d) => !d.includes('this month')));
  });

  it('showCost with spend limits: "$x of $y" in each row, warned from 80 %, an error while enforcing, the organization’s at the top', async () => {
    const org = await state();
    const from = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) / 1000;
    const page = await apiGet<CostPage>(`/organization/costs?start_time=${from}&limit=31&group_by=project_id`);
    const spent = (id: string) => page.data.reduce((n, b) => n + b.results.filter((r) => r.project_id === id).reduce((m, r) => m + r.amount.value, 0), 0);
    const live = org.projects.filter((p) => p.status !== 'archived');
    const [hot, near, calm] = [...live].sort((a, b) => spent(b.id) - spent(a.id));
    assert.ok(hot && near && calm && spent(near.id) > 1, 'three projects have spent this month');
    const cents = (dollars: number) => Math.max(1, Math.round(dollars * 100));
    await apiPost('/organization/spend_limit', { threshold_amount: cents(totalOf(page) * 4) + 100_000, currency: 'USD', interval: 'month' });
    await apiPost(`/organization/projects/${hot.id}/spend_limit`, { threshold_amount: cents(spent(hot.id) / 2), currency: 'USD', interval: 'month' });
    // Rounded down: a limit rounded up could put the share just under 90 % (the tooltip then says 89 %).
    await apiPost(`/organization/projects/${near.id}/spend_limit`, {
      threshold_amount: Math.max(1, Math.floor((spent(near.id) / 0.9) * 100)),
      currency: 'USD',
      interval: 'month',
    });
    await apiPost(`/organization/projects/${calm.id}/spend_limit`, { threshold_amount: cents(spent(calm.id) * 10) + 100, currency: 'USD', interval: 'month' });
    const config = vscode.workspace.getConfiguration('openaiProjects');
    await config.update('showCost', true, vscode.ConfigurationTarget.Global);
    try {
      const a = await api();
      await clearRequests();
      await run('refresh');
      const rowOf = async (name: string) => (await a.tree.getChildren()).find((n) => label(n) === name)!.getTreeItem();
      await eventually(
        async () => Promise.all([hot, near, calm].map(async (p) => String((await rowOf(p.name)).description))),
        (d) => d.every((x) => / of \$[\d,.]+ this month$/.test(x)),
      );
      const hotRow = await rowOf(hot.name);
      assert.equal(hotRow.resourceUri?.query, 'spend-error');
      assert.match(hotRow.tooltip as string, /hard spend limit is reached/);
      const nearRow = await rowOf(near.name);
      assert.equal(nearRow.resourceUri?.query, 'spend-warning');
      assert.match(nearRow.tooltip as string, /9\d% of the hard spend limit is spent/);
      const calmRow = await rowOf(calm.name);
      assert.equal(calmRow.resourceUri, undefined);
      const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format((cents(spent(calm.id) * 10) + 100) / 100);
      assert.ok(String(calmRow.description).endsWith(` of ${usd} this month`), String(calmRow.description));
      // A project with no limit says its cost alone, and its tooltip says there is none.
      const other = live.find((p) => ![hot, near, calm].includes(p))!;
      const otherRow = await rowOf(other.name);
      assert.match(String(otherRow.description), /\$[\d,.]+ this month$/);
      assert.doesNotMatch(String(otherRow.description), / of /);
      assert.match(otherRow.tooltip as string, /no hard spend limit/);
      await eventually(
        () => a.view.description ?? '',
        (d) => /^Organization: \$[\d,.]+ of \$[\d,.]+ this month$/.test(d),
      );
      // One costs request; each live project's limit and the organization's read once, none for archived ones.
      const reqs = await requests();
      assert.equal(count(reqs, /\/organization\/costs$/), 1);
      assert.equal(count(reqs, /\/organization\/spend_limit$/), 1);
      for (const p of org.projects) assert.equal(count(reqs, new RegExp(`/projects/${p.id}/spend_limit$`)), p.status === 'archived' ? 0 : 1, p.name);
      // Drawn again (a setting redraws every row): nothing read again.
      await clearRequests();
      a.tree.redraw();
      await a.tree.getChildren();
      assert.equal((await requests()).length, 0);
    } finally {
      await config.update('showCost', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually(
      async () => (await api()).view.description,
      (d) => d === undefined,
    );
  });

  it('showCost after switching to another organization: limits are read for the new list’s projects only, never for rows of the old one still drawn', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('openaiProjects');
    await config.update('showCost', true, vscode.ConfigurationTarget.Global);
    try {
      // A large organization shown with its money, then another key: a smaller one (whose projects
      // are the first hundred of the other's ids, so a wrong read would be a read of a real project).
      const big = await emulator.control<{ adminKey: string }>('/reset', { method: 'POST', body: { seed: 'large:400', seedValue: 1 } });
      await a.adminKey.store(big.adminKey);
      await a.store.projects(false);
      // Slow answers: most of the big list's limit reads are still queued when the key changes.
      await emulator.control('/latency', { method: 'POST', body: { ms: 50 } });
      for (let i = 0; i < 3; i++) {
        for (const r of await a.tree.getChildren()) r.getTreeItem();
        await new Promise((r) => setTimeout(r, 150));
      }
      const small = await emulator.control<{ adminKey: string }>('/reset', { method: 'POST', body: { seed: 'large:100', seedValue: 1 } });
      await clearRequests();
      await a.adminKey.store(small.adminKey);
      await run('refresh');
      const listed = new Set((await a.store.projects(true)).map((p) => p.id));
      // Drawn as the workbench draws rows while they change: until nothing more is read.
      for (let last = -1; ;) {
        for (const r of await a.tree.getChildren()) r.getTreeItem();
        await new Promise((r) => setTimeout(r, 200));
        const n = (await requests()).length;
        if (n === last) break;
        last = n;
      }
      const limits = (await requests()).filter((r) => /\/projects\/[^/]+\/spend_limit$/.test(r.path)).map((r) => r.path.split('/')[3]!);
      assert.deepEqual(
        limits.filter((id) => !listed.has(id)),
        [],
        'no limit read for a project of the old list',
      );
      assert.equal(new Set(limits).size, limits.length, 'each read once');
      assert.equal(limits.length, listed.size);
    } finally {
      await emulator.control('/latency', { method: 'POST', body: { ms: 0 } });
      await config.update('showCost', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('activity', () => {
  beforeEach(fresh);
  after(async () => {
    await emulator.control('/audit-logging', { method: 'POST', body: { enabled: true } });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function rowsOf(key: string, open: () => Thenable<unknown>) {
    const panels = (await api()).panels;
    const updated = panels.next('activity', key);
    await open();
    await updated;
    return panels.rows(key) ?? [];
  }

  it('a project’s activity: the archive and rename done in the tree come first, newest first, with their actor', async () => {
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Internal Tools')!;
    const a = await api();
    a.ui.answer('Internal Tooling');
    await run('renameProject', await projectNode(p.name));
    a.ui.answer('Archive');
    await run('archiveProject', await projectNode('Internal Tooling'));
    a.ui.reset();
    // Archived, it is not in the tree: picked from the palette's list.
    a.ui.answer('Internal Tooling');
    const project = { ...p, object: 'organization.project', created_at: 0 };
    const key = subjectKey({ kind: 'project', project: project });
    const rows = await rowsOf(key, () => run('showActivity'));
    assert.deepEqual(
      rows.slice(0, 2).map((r) => r.type),
      ['project.archived', 'project.updated'],
    );
    assert.match(rows[1]!.details ?? '', /title: Internal Tooling/);
    assert.match(rows[0]!.actor, /API key key_/);
    assert.ok(
      rows.some((r) => r.type === 'project.created' && /dashboard/.test(r.actor)),
      'the seeded history follows',
    );
    assert.ok(
      rows.every((r, i) => i === 0 || rows[i - 1]!.at >= r.at),
      'newest first',
    );
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'no event twice');

    // Filtered by event type, as the view's select does.
    const panels = (await api()).panels;
    const updated = panels.next('activity', key);
    panels.send('activity', key, { type: 'filter', filter: { eventType: 'user.added' } });
    await updated;
    const filtered = panels.rows(key)!;
    assert.ok(filtered.length > 0 && filtered.every((r) => r.type === 'user.added'));
  });

  it('a project’s activity after a reload: this extension’s own changes (filed under the default project) under the project, named from the index', async () => {
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Mobile App')!;
    const other = org.projects.find((x) => x.name === 'Data Platform')!;
    const outsider = org.users.find((u) => !p.members.some((m) => m.user_id === u.id) && u.role !== 'owner')!;
    const rl = p.rate_limits[0]!;
    let a = await api();
    await run('indexOrganization');
    // Through the extension, as a person would: a member added and a service account made.
    a.ui.answer(outsider.name, 'member');
    await run('addUser', await projectNode(p.name));
    a.ui.answer('activity-bot', 'Copy Key');
    await run('createServiceAccount', await projectNode(p.name));
    assert.deepEqual(a.ui.reset(), [], JSON.stringify(a.ui.asked.map((x) => [x.kind, x.message])));
    assert.ok((await state()).projects.find((x) => x.id === p.id)!.service_accounts.some((x) => x.name === 'activity-bot'));
    // With the same admin key from a script: a limit of this project and an account of another.
    await apiPost(`/organization/projects/${p.id}/rate_limits/${rl.id}`, { max_requests_per_1_minute: 77 });
    await apiPost(`/organization/projects/${other.id}/service_accounts`, { name: 'elsewhere-bot' });
    // The tree reads the changed lists again after a change; the index holds them once they land.
    await eventually(
      () => a.index.folder(p.id, 'serviceAccounts')?.items.some((x) => x.name === 'activity-bot'),
      (has) => has === true,
    );
    await a.index.flush();
    await a.restartCore();
    a = await api();
    a.ui.reset();
    a.ui.answer(p.name);
    const rows = await rowsOf(subjectKey({ kind: 'project', project: { ...p, object: 'organization.project', created_at: 0 } }), () => run('showActivity'));
    const filed = `${p.name} (filed under Default project)`;
    const one = (type: string, object: string) => {
      const found = rows.filter((r) => r.type === type && r.object === object);
      assert.equal(found.length, 1, `${type} ${object} in ${JSON.stringify(rows.slice(0, 8))}`);
      return found[0]!;
    };
    assert.equal(one('user.added', `user ${outsider.name}`).project, filed);
    assert.equal(one('service_account.created', 'service account activity-bot').project, filed);
    assert.match(
      one('rate_limit.updated', `rate limit ${rl.model}`).project ?? '',
      new RegExp(`^${p.name} or another project \\(filed under Default project; the event does not say which\\)$`),
    );
    assert.ok(!rows.some((r) => /elsewhere-bot/.test(r.object) || r.project?.includes(other.name)), 'another project’s change is not listed');
    assert.ok(
      !rows.some((r) => r.type === 'user.added' && r.object === `user ${outsider.name}` && r.project !== filed),
      'the person’s additions to other projects are not listed',
    );
    assert.ok(
      rows.some((r) => r.type === 'project.created' && r.project === p.name),
      'what was filed under the project follows, as filed',
    );
  });

  it('from a user row: what was done to them and what they did', async () => {
    const org = await state();
    const ada = org.users.find((u) => u.email === 'ada@example.com')!;
    const p = org.projects.find((x) => x.name === 'Customer Support Bot')!;
    const tree = (await api()).tree;
    const folders = await tree.getChildren(await projectNode(p.name));
    const users = await tree.getChildren(folders.find((f) => label(f).startsWith('Users')));
    const row = users.find((u) => label(u) === ada.name)!;
    const rows = await rowsOf(`user/${p.id}/${ada.id}`, () => run('showActivity', row));
    assert.ok(rows.filter((r) => r.type === 'user.added').length >= 2, 'added to several projects');
    assert.ok(
      rows.some((r) => r.actor.startsWith('ada@example.com')),
      'and what she did herself',
    );
  });

  it('from a key row and a service-account row: their own events; filtered to an actor who made none, nothing', async () => {
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Mobile App')!;
    const tree = (await api()).tree;
    const folders = await tree.getChildren(await projectNode(p.name));
    const keys = await tree.getChildren(folders.find((f) => label(f).startsWith('API keys')));
    const userKey = p.api_keys.find((k) => k.owner.type === 'user')!;
    const keyRows = await rowsOf(`apiKey/${p.id}/${userKey.id}`, () =>
      run(
        'showActivity',
        keys.find((k) => label(k) === userKey.name),
      ),
    );
    assert.deepEqual(
      keyRows.map((r) => r.type),
      ['api_key.created'],
    );
    assert.equal(keyRows[0]!.object, `API key ${userKey.name}`, 'named from the tree’s list');

    const accounts = await tree.getChildren(folders.find((f) => label(f).startsWith('Service accounts')));
    const sa = p.service_accounts[0]!;
    const saKey = p.api_keys.find((k) => k.owner.service_account_id === sa.id)!;
    const key = `serviceAccount/${p.id}/${sa.id}`;
    const saRows = await rowsOf(key, () =>
      run(
        'showActivity',
        accounts.find((a) => label(a) === sa.name),
      ),
    );
    assert.deepEqual(
      new Set(saRows.map((r) => `${r.type} ${r.object}`)),
      new Set([`service_account.created service account ${sa.name}`, `api_key.created API key ${saKey.name}`]),
    );

    const panels = (await api()).panels;
    const updated = panels.next('activity', key);
    panels.send('activity', key, { type: 'filter', filter: { actor: 'nobody@example.com' } });
    await updated;
    assert.deepEqual(panels.rows(key), [], 'nobody else made them');
  });

  it('an organization without audit logging: the API’s message and where to turn it on', async () => {
    await emulator.control('/audit-logging', { method: 'POST', body: { enabled: false } });
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Mobile App')!;
    (await api()).ui.answer('Mobile App');
    const panels = (await api()).panels;
    const key = `project/${p.id}/${p.id}`;
    const updated = panels.next('activity', key);
    await run('showActivity');
    await updated;
    const f = panels.failed(key)!;
    assert.match(f.message, /^Audit logging is not enabled for this organization/);
    assert.equal(f.enableUrl, 'https://platform.openai.com/settings/organization/data-controls/data-retention');
  });
});
