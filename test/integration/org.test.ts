// Organization-wide work in the real host against the emulator: the index (fill, persistence across a
// restart, warm start), search over every field kind, Find → reveal, leaked-key triage, and the
// three bulk changes with their plans, refusals and a cancel. Nothing pasted reaches a file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ApplyResult } from '../../src/bulk/plan';
import { fingerprint } from '../../src/index/files';
import { searchRecords } from '../../src/index/records';
import {
  asRendered,
  clearRequests,
  emulator,
  env,
  eventually,
  expectedProjectNames,
  extensionApi,
  label,
  labels,
  openPlan,
  requests,
  resetOrg,
  state,
  type EmuOrg,
} from './helpers';

const run = <T = unknown>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`openaiProjects.${id}`, ...args);
const api = () => extensionApi();
const shown = async (kind: string) => (await api()).ui.asked.filter((a) => a.kind === kind).map((a) => a.message);
const activeCount = (org: EmuOrg) => org.projects.filter((p) => p.status === 'active').length;

/** The API itself, as another admin (or the dashboard) would change the organization. */
async function apiCall(method: string, path: string, body?: unknown) {
  const r = await fetch(emulator.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(r.ok, `${method} ${path}: ${r.status}`);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.isFile() && statSync(p).size < 50_000_000 ? [p] : [];
  });
}

async function fresh(): Promise<void> {
  await resetOrg();
  const a = await api();
  a.ui.reset();
  a.ui.answer();
  await a.adminKey.store(emulator.adminKey);
  // Each test starts with nothing indexed, in memory or on disk.
  await a.index.forget(fingerprint(emulator.adminKey));
  await run('refresh');
  await clearRequests();
}

/** Everything indexed and saved, then a new window (the index from disk); its person's script is empty. */
async function indexedThenReloaded() {
  await run('indexOrganization');
  await (await api()).index.flush();
  await (await api()).restartCore();
  const a = await api();
  a.ui.reset();
  return a;
}

// Find and triage reveal rows, which opens the Projects view; a visible view loads on every refresh,
// and the suites after these count requests as if it were closed, as it was before them.
const closeView = () => vscode.commands.executeCommand('workbench.action.closeSidebar');

describe('organization index', () => {
  after(closeView);
  beforeEach(fresh);
  afterEach(async () => assert.deepEqual((await api()).ui.reset(), [], 'every scripted answer was asked for'));

  it('Index Whole Organization reads each active project’s five lists once, and says so', async () => {
    const org = await state();
    const r = await run<{ fetched: number; failed: unknown[]; cancelled: boolean }>('indexOrganization');
    const active = activeCount(org);
    assert.equal(r.fetched, active * 5);
    const reqs = await requests();
    const lists = reqs.filter((x) => /\/(users|service_accounts|api_keys|rate_limits|groups)$/.test(x.path));
    assert.equal(lists.length, active * 5, 'one request a list (all fit one page)');
    assert.equal(new Set(lists.map((x) => x.path)).size, lists.length, 'nothing fetched twice');
    assert.match((await shown('info')).at(-1)!, new RegExp(`${active} of ${active} projects fully indexed`));
    await clearRequests();
    const again = await run<{ fetched: number }>('indexOrganization');
    assert.equal(again.fetched, 0, 'a second run finds everything fresh');
    assert.equal((await requests()).filter((x) => x.path !== '/organization/projects').length, 0);
  });

  it('fills as the tree loads, and survives a restart: warm start shows the last list with no request, then the fresh one', async () => {
    const a = await api();
    const org = await state();
    const rows = await a.tree.getChildren();
    await rows[1]!.getChildren!();
    await eventually(
      () => a.index.stats().lists,
      (n) => n === 4,
    );
    // Another admin archives a project and creates one while this window is closed.
    const gone = org.projects.find((p) => p.status === 'active' && !p.is_default)!;
    await a.restartCore();
    await apiCall('POST', `/organization/projects/${gone.id}/archive`);
    await apiCall('POST', '/organization/projects', { name: 'Made Elsewhere' });
    await clearRequests();
    const warm = labels(await a.tree.getChildren());
    const shownAt = Date.now();
    const before = (await requests()).filter((r) => r.at <= shownAt);
    assert.deepEqual(warm, expectedProjectNames(org), 'the last known list');
    assert.equal(before.length, 0, 'no request before the rows');
    const now = await state();
    await eventually(
      async () => labels(await a.tree.getChildren()),
      (l) => JSON.stringify(l) === JSON.stringify(expectedProjectNames(now)),
    );
    const final = labels(await a.tree.getChildren());
    assert.ok(!final.includes(gone.name) && final.includes('Made Elsewhere'));
    assert.equal(new Set(final).size, final.length, 'nothing listed twice');
    // The folder lists came back from disk too: search finds the project's people with no request.
    await clearRequests();
    await a.index.loadFolders();
    assert.equal(a.index.stats().lists, 4);
    assert.equal((await requests()).length, 0);
  });

  it('a change made after a reload reaches the index: Find finds a service account just made in a project this window never opened', async () => {
    const a = await indexedThenReloaded();
    a.ui.answer('Mobile App', 'fresh-bot', 'Copy Key');
    await run('createServiceAccount');
    await a.index.loadFolders();
    await eventually(
      () => searchRecords(a.index.searchGroups(), 'fresh-bot').hits.map((h) => `${h.kind} ${h.project.name}`),
      // The account, and its key (named for it).
      (hits) => hits.includes('serviceAccounts Mobile App') && hits.includes('apiKeys Mobile App'),
    );
  });

  it('after a reload, a change known exactly patches the index with no list read: an offboarded person is found in no project', async () => {
    const a = await indexedThenReloaded();
    a.ui.answer('Grace Hopper');
    a.panels.answerPlans('apply');
    await clearRequests();
    const r = await run<ApplyResult>('removeUserEverywhere');
    assert.ok(r.outcomes.length >= 2 && r.outcomes.every((o) => o.result === 'done'));
    const lists = (await requests()).filter((x) => x.method === 'GET' && x.path.endsWith('/users'));
    const planned = lists.length;
    await clearRequests();
    await a.index.loadFolders();
    await eventually(
      () => searchRecords(a.index.searchGroups(), 'grace@example.com').hits.filter((h) => h.kind === 'users' && !/Default project/.test(h.description)),
      (hits) => hits.length === 0,
    );
    assert.equal(
      (await requests()).filter((x) => x.method === 'GET' && x.path.endsWith('/users')).length,
      0,
      `no list read after the plan (it read ${planned})`,
    );
  });

  it('Clear Admin Key deletes that key’s index; with persistIndex off nothing is written', async () => {
    const a = await api();
    const fp = fingerprint(emulator.adminKey);
    const indexFiles = () => files(env('OAIPX_DATA_DIR')).filter((f) => f.includes(fp));
    await run('indexOrganization');
    await a.index.flush();
    assert.deepEqual(
      indexFiles()
        .map((f) => f.slice(f.lastIndexOf('/') + 1))
        .sort(),
      ['folders.json', 'projects.json', 'seen'],
    );
    for (const f of indexFiles()) assert.ok(!readFileSync(f, 'utf8').includes(emulator.adminKey), 'the key itself is not in the index');
    a.ui.answer('Remove Key');
    await run('clearAdminKey');
    assert.deepEqual(indexFiles(), [], 'the index went with the key');
    assert.equal(a.index.stats().lists, 0);
    await a.adminKey.store(emulator.adminKey);
    const config = vscode.workspace.getConfiguration('openaiProjects');
    await config.update('persistIndex', false, vscode.ConfigurationTarget.Global);
    try {
      await run('refresh');
      await run('indexOrganization');
      await a.index.flush();
      assert.equal(a.index.stats().complete, 6, 'indexed in memory');
      assert.deepEqual(indexFiles(), [], 'nothing on disk');
    } finally {
      await config.update('persistIndex', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('searches every field kind', async () => {
    const a = await api();
    await run('indexOrganization');
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Mobile App')!;
    const user = org.users.find((u) => u.id === p.members[0]!.user_id)!;
    const sa = p.service_accounts[0]!;
    const key = p.api_keys.find((k) => k.owner.type === 'user')!;
    const model = p.rate_limits.at(-1)!.model;
    const find = (q: string) => searchRecords(a.index.searchGroups(), q).hits;
    const cases: [string, string, (h: ReturnType<typeof find>[number]) => boolean][] = [
      ['project name', 'mobile app', (h) => h.kind === 'project' && h.project.id === p.id],
      ['project id', p.id, (h) => h.kind === 'project' && h.project.id === p.id],
      ['user name', user.name.toUpperCase(), (h) => h.kind === 'users' && h.label === user.name],
      ['user email', user.email, (h) => h.kind === 'users' && h.description.includes(user.email)],
      ['user id', user.id, (h) => h.kind === 'users'],
      ['service-account name', sa.name, (h) => h.kind === 'serviceAccounts' && h.label === sa.name],
      ['service-account id', sa.id, (h) => h.kind === 'serviceAccounts' && h.project.id === p.id],
      ['key name', key.name, (h) => h.kind === 'apiKeys' && h.label === key.name],
      ['key id', key.id, (h) => h.kind === 'apiKeys' && h.project.id === p.id],
      ['redacted value', key.redacted_value, (h) => h.kind === 'apiKeys' && h.description.includes(key.redacted_value)],
      ['model', model, (h) => h.kind === 'rateLimits' && h.label === model],
      ['two words', `${user.name.split(' ')[0]} mobile`, (h) => h.kind === 'users' && h.project.id === p.id],
    ];
    for (const [what, q, ok] of cases) assert.ok(find(q).some(ok), `${what}: "${q}" finds it`);
    assert.deepEqual(find('no-such-thing-anywhere'), []);
    // Where it is, in words: a user row names the role and the project.
    assert.ok(find(user.email).some((h) => h.description === `user · ${user.email} · ${p.members[0]!.role} in Mobile App`));
  });

  it('Find in Organization reveals the pick in the tree and offers its actions', async () => {
    const a = await api();
    await run('indexOrganization');
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Data Platform')!;
    const sa = p.service_accounts[0]!;
    a.ui.answer(sa.name, sa.name, undefined);
    const r = await run<{ nodeId: string }>('findInOrganization');
    assert.equal(r.nodeId, `${p.id}/serviceAccounts/${sa.id}`);
    await eventually(
      () => a.view.selection.map((n) => n.id),
      (ids) => ids[0] === r.nodeId,
    );
    const actions = a.ui.asked.filter((x) => x.kind === 'pick').at(-1)!;
    assert.deepEqual(actions.items, ['Add Key to Service Account…', 'Rename Service Account…', 'Change Service Account Role…', 'Delete Service Account…']);
    assert.match(a.ui.asked.find((x) => x.kind === 'search')!.message, /Find in Organization \(\d+ of \d+ projects indexed/);
  });

  for (const [how, hide] of [
    ['another view in the side bar', 'workbench.view.explorer'],
    ['the side bar closed', 'workbench.action.closeSidebar'],
  ] as const)
    it(`Find in Organization reveals the pick when the view was shown and then hidden (${how})`, async () => {
      const a = await api();
      await run('indexOrganization');
      const org = await state();
      const p = org.projects.find((x) => x.name === 'Internal Tools')!;
      const sa = p.service_accounts[0]!;
      await vscode.commands.executeCommand('workbench.view.extension.openaiProjects');
      await eventually(
        () => a.view.visible,
        (v) => v,
      );
      await vscode.commands.executeCommand(hide);
      await eventually(
        () => a.view.visible,
        (v) => !v,
      );
      a.ui.answer(sa.name, sa.name, undefined);
      const r = await run<{ nodeId: string }>('findInOrganization');
      assert.equal(r.nodeId, `${p.id}/serviceAccounts/${sa.id}`);
      await eventually(
        () => [a.view.visible, a.view.selection.map((n) => n.id)[0]],
        ([visible, id]) => visible === true && id === r.nodeId,
      );
    });

  it('a stale list is marked in the results and revalidated in the background', async () => {
    const a = await api();
    await run('indexOrganization');
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Internal Tools')!;
    const users = a.index.folder(p.id, 'users')!;
    // As if listed two hours ago (and not in the tree's cache any more).
    a.store.invalidate(p.id, 'users');
    a.index.folderLoaded(p.id, 'users', users.items, Date.now() - 2 * 3600_000);
    await clearRequests();
    const member = org.users.find((u) => u.id === p.members[0]!.user_id)!;
    a.ui.answer(`${member.email} internal`, undefined);
    await run('findInOrganization');
    const results = a.ui.asked.filter((x) => x.kind === 'pick').at(-1)!;
    assert.ok(results.items!.length >= 1);
    assert.match(a.ui.asked.find((x) => x.kind === 'search')!.message, /1 lists older than an hour/);
    await eventually(
      () => a.index.folder(p.id, 'users')!.at,
      (at) => Date.now() - at < 60_000,
    );
    assert.deepEqual(
      // Find also reads the organization's own three lists, once a session.
      (await requests()).map((r) => r.path).filter((x) => !/^\/organization\/(users|invites|admin_api_keys|groups|roles)$/.test(x)),
      [`/organization/projects/${p.id}/users`],
      'only the stale list was read',
    );
  });

  it('Find in Organization on a partial index offers to index the rest', async () => {
    const a = await api();
    a.ui.answer('ada', 'Index the remaining 6 projects…');
    await run('findInOrganization');
    assert.equal(a.index.stats().complete, 6);
  });

  it('policy questions: Find offers to read what it lacks; Index Organization Policy says the requests and reads 3 a project; the answers follow a settings save with no read', async () => {
    const a = await api();
    const org = await state();
    const active = org.projects.filter((p) => p.status === 'active');
    const [capped, only, quiet] = active.filter((p) => !p.is_default);
    const P = (p: { id: string }) => `/organization/projects/${p.id}`;
    await apiCall('POST', `${P(capped!)}/spend_limit`, { threshold_amount: 40_000, currency: 'USD', interval: 'month' });
    await apiCall('POST', `${P(only!)}/model_permissions`, { mode: 'allow_list', model_ids: ['o3'] });
    await apiCall('POST', `${P(quiet!)}/hosted_tool_permissions`, { web_search: { enabled: false } });
    await clearRequests();
    const picks = () => a.ui.asked.filter((x) => x.kind === 'pick');
    // Nothing of anyone's policy is known yet: the answer says so, and offers to read it.
    a.ui.answer('no spend limit', `Read the policy of the other ${active.length} projects…`, 'Read Policy');
    await run('findInOrganization');
    assert.deepEqual(picks().at(-1)!.items, ['0 projects without a hard spend limit', `Read the policy of the other ${active.length} projects…`]);
    const confirm = a.ui.asked.find((x) => x.kind === 'confirm')!;
    assert.equal(confirm.message, `Read the policy of ${active.length} projects: ${active.length * 3} requests?`);
    assert.match(confirm.detail!, /3 requests a project/);
    const reads = (await requests()).filter((r) => /\/(spend_limit|model_permissions|hosted_tool_permissions)$/.test(r.path));
    assert.equal(reads.length, active.length * 3, 'one read per facet per project');
    assert.ok(reads.every((r) => r.method === 'GET'));
    await eventually(
      () => files(env('OAIPX_DATA_DIR')).some((f) => f.includes(fingerprint(emulator.adminKey)) && f.endsWith('/policy.json')),
      (x) => x,
      5000,
    );

    // Asked again: answered from the index, no request.
    await clearRequests();
    const ask = async (q: string) => {
      a.ui.answer(q, undefined);
      await run('findInOrganization');
      return picks().at(-1)!.items!;
    };
    const named = (items: string[]) => items.slice(1).sort();
    const noLimit = await ask('no spend limit');
    assert.equal(noLimit[0], `${active.length - 1} projects without a hard spend limit`);
    assert.deepEqual(
      named(noLimit),
      active
        .filter((p) => p !== capped)
        .map((p) => p.name)
        .sort(),
    );
    assert.deepEqual(
      named(await ask('allows gpt-5')),
      active
        .filter((p) => p !== only)
        .map((p) => p.name)
        .sort(),
    );
    assert.deepEqual(named(await ask('allows o3')), active.map((p) => p.name).sort());
    assert.deepEqual(named(await ask('web search off')), [quiet!.name]);
    assert.deepEqual(
      (await requests()).filter((r) => /\/(spend_limit|model_permissions|hosted_tool_permissions)$/.test(r.path)),
      [],
      'answered from the index',
    );
    // A limit set in the settings form: the question's answer follows it, from the write's own answer.
    const row = (await a.tree.getChildren()).find((n) => label(n) === only!.name)!;
    const loaded = a.panels.nextPosts('settings', only!.id, ['section', 'sectionFailed'], 6);
    await run('projectSettings', row);
    await loaded;
    const saved = a.panels.nextPost<{ type: string }>('settings', only!.id, ['saved', 'conflict', 'failed']);
    a.panels.send('settings', only!.id, { type: 'save', drafts: { spendLimit: { amount: '75' } }, overwrite: false });
    assert.equal((await saved).type, 'saved');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok(!named(await ask('no spend limit')).includes(only!.name));
    // Read within the hour: nothing more to read.
    await clearRequests();
    const r = await run<{ fetched: number } | undefined>('indexOrganizationPolicy');
    assert.equal(r, undefined);
    assert.ok((await shown('info')).some((m) => /was read within the hour; nothing to read/.test(m)));
    assert.deepEqual(
      (await requests()).filter((x) => x.path.startsWith('/organization/projects/')),
      [],
    );
  });
});

describe('leaked-key triage', () => {
  after(closeView);
  beforeEach(fresh);
  afterEach(async () => assert.deepEqual((await api()).ui.reset(), [], 'every scripted answer was asked for'));

  it('a pasted key is found, named with project and owner, and deleted after a confirmation; it is in no file', async () => {
    const a = await api();
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Mobile App')!;
    const k = p.api_keys.find((x) => x.owner.type === 'user') as EmuOrg['projects'][number]['api_keys'][number] & { secret: string };
    assert.ok(k.secret, 'the emulator knows the key');
    a.ui.answer(`  ${k.secret}\n`, k.name, 'Delete API Key…', 'Delete Key');
    await run('findLeakedKey');
    const picks = a.ui.asked.filter((x) => x.kind === 'pick');
    assert.match(picks[0]!.message, /^1 key matches the key ending in …/);
    assert.ok(picks[0]!.message.endsWith(`…${k.secret.slice(-4)} (of 6 projects)`));
    assert.ok(!(await state()).projects.find((x) => x.id === p.id)!.api_keys.some((x) => x.id === k.id), 'deleted in the emulator');
    const confirm = a.ui.asked.find((x) => x.kind === 'confirm')!;
    assert.match(confirm.message, new RegExp(`Delete the API key "${k.name}"`));
    // Nothing shows the pasted key back: not a prompt, not a message; the log names its last four only.
    assert.ok(!JSON.stringify(a.ui.asked).includes(k.secret.slice(0, 20)));
    await a.index.flush();
    await new Promise((r) => setTimeout(r, 1500)); // log files are written asynchronously
    const all = files(env('OAIPX_DATA_DIR'));
    assert.ok(
      all.some((f) => readFileSync(f, 'utf8').includes(`searched for a key ending in …${k.secret.slice(-4)}`)),
      'the log says what was searched',
    );
    assert.ok(
      all.some((f) => f.endsWith('folders.json')),
      'the index on disk is among the files scanned',
    );
    for (const piece of [k.secret, k.secret.slice(0, 20), k.secret.slice(12, 40)]) {
      assert.deepEqual(
        all.filter((f) => readFileSync(f, 'latin1').includes(piece)),
        [],
        'the pasted key is in no file',
      );
    }
  });

  it('a service account’s leaked key is replaced: a new key first, shown once, then the old one deleted; the end of a key and a key id find it too', async () => {
    const a = await api();
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Customer Support Bot')!;
    const k = p.api_keys.find((x) => x.owner.type === 'service_account') as EmuOrg['projects'][number]['api_keys'][number] & { secret: string };
    const sa = p.service_accounts.find((s) => s.id === (k.owner as { service_account_id: string }).service_account_id)!;
    await clearRequests();
    a.ui.answer(k.secret.slice(-10), k.name, 'Replace Service Account Key…', 'Make a New Key', 'Copy Key', 'Delete Old Key');
    await run('findLeakedKey');
    const match = a.ui.asked.filter((x) => x.kind === 'pick')[1]!;
    assert.deepEqual(match.items, [
      'Replace Service Account Key…',
      'Delete API Key…',
      'Delete Service Account…',
      'Change API Key Expiry and Scopes…',
      'Copy API Key ID',
    ]);
    const after = (await state()).projects.find((x) => x.id === p.id)!;
    assert.ok(
      after.service_accounts.some((s) => s.id === sa.id),
      'the service account stays',
    );
    assert.ok(!after.api_keys.some((x) => x.id === k.id), 'the leaked key is gone');
    const fresh = after.api_keys.find((x) => x.owner.service_account_id === sa.id && !p.api_keys.some((o) => o.id === x.id))!;
    assert.ok(fresh, 'a new key for the same account');
    const [head, tail] = fresh.redacted_value.split('...') as [string, string];
    const shownOnce = a.ui.asked.filter((x) => x.kind === 'modal');
    assert.equal(shownOnce.length, 1);
    const value = shownOnce[0]!.detail!;
    assert.ok(value.startsWith(head) && value.endsWith(tail) && value.length > 40, 'the new key’s value, shown once');
    assert.equal(await vscode.env.clipboard.readText(), value);
    const writes = (await requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(writes, [
      `POST /organization/projects/${p.id}/service_accounts/${sa.id}/api_keys`,
      `DELETE /organization/projects/${p.id}/api_keys/${k.id}`,
    ]);
    a.ui.reset();
    a.ui.answer();
    const other = org.projects.find((x) => x.name === 'Data Platform')!.api_keys[0]!;
    a.ui.answer(other.id, undefined);
    await run('findLeakedKey');
    assert.match(a.ui.asked.filter((x) => x.kind === 'pick')[0]!.message, /^1 key matches/);
  });

  it('a key minted through the API a moment ago, its project’s key list loaded before: found, because the lists are read afresh', async () => {
    const a = await api();
    await run('indexOrganization'); // every key list loaded, in the tree's cache and the index
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Data Platform')!;
    // Another admin (or a leaked CI config) mints a key in the dashboard: not through this window.
    const made = await fetch(`${emulator.baseUrl}/organization/projects/${p.id}/service_accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'minted-elsewhere' }),
    });
    const key = ((await made.json()) as { api_key: { value: string } }).api_key.value;
    // Every list read half a minute ago, before the key was minted (as the defect was met: 51 s).
    const readAt = (ms: number) => {
      for (const x of org.projects.filter((y) => y.status === 'active')) {
        const known = a.index.folder(x.id, 'apiKeys');
        if (known) a.index.folderLoaded(x.id, 'apiKeys', known.items, Date.now() - ms);
      }
    };
    readAt(30_000);
    await clearRequests();
    a.ui.answer(key, undefined);
    await run('findLeakedKey');
    const pick = a.ui.asked.find((x) => x.kind === 'pick')!;
    assert.ok(pick, JSON.stringify(a.ui.asked));
    assert.match(pick.message, /^1 key matches the key ending in …/);
    const keyLists = async () => (await requests()).filter((r) => r.path.endsWith('/api_keys')).map((r) => r.path);
    assert.equal((await keyLists()).length, activeCount(org), 'no match in the index: every key list was read again');
    assert.ok((await keyLists()).includes(`/organization/projects/${p.id}/api_keys`));
    // Pasted again a while later: the whole key matches its list, which alone is read again to confirm it.
    readAt(30_000);
    await clearRequests();
    a.ui.reset();
    a.ui.answer(key, undefined);
    await run('findLeakedKey');
    assert.match(a.ui.asked.find((x) => x.kind === 'pick')!.message, /^1 key matches/);
    assert.deepEqual(await keyLists(), [`/organization/projects/${p.id}/api_keys`]);
  });

  it('a key minted seconds after Index Whole Organization: found on the first try, each key list read once', async () => {
    const a = await api();
    await run('indexOrganization'); // every key list read a moment ago: younger than the leak search's own freshness
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Mobile App')!;
    const made = await fetch(`${emulator.baseUrl}/organization/projects/${p.id}/service_accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'minted-just-now' }),
    });
    const key = ((await made.json()) as { api_key: { value: string } }).api_key.value;
    await clearRequests();
    a.ui.answer(key, undefined);
    await run('findLeakedKey');
    const pick = a.ui.asked.find((x) => x.kind === 'pick');
    assert.ok(pick, `a match offered, not: ${JSON.stringify(a.ui.asked)}`);
    assert.match(pick.message, /^1 key matches the key ending in …/);
    const keyLists = (await requests()).filter((r) => r.path.endsWith('/api_keys')).map((r) => r.path);
    assert.equal(keyLists.length, activeCount(org), `each list once: ${keyLists.join(', ')}`);
    assert.equal(new Set(keyLists).size, keyLists.length, 'no list read twice');
  });

  it('a piece that matches nothing says so, naming only its last four characters', async () => {
    const a = await api();
    const org = await state();
    const tails = new Set(org.projects.flatMap((p) => p.api_keys.map((k) => k.redacted_value.slice(-4))));
    let piece = 'Qq9Z';
    for (let i = 0; tails.has(piece); i++) piece = `Qq${i}Z`;
    a.ui.answer(`unrelated-${piece}`);
    await run('findLeakedKey');
    assert.deepEqual(await shown('info'), [`No API key in 6 projects matches the key ending in …${piece} (the key lists searched were read just now).`]);
    assert.equal((await requests()).filter((r) => r.method !== 'GET').length, 0);
  });
});

describe('bulk changes', () => {
  beforeEach(fresh);
  afterEach(async () => assert.deepEqual((await api()).ui.reset(), [], 'every scripted answer was asked for'));

  // A plan's document is named for the plan, and another test may have left one of the same name:
  // only what this test wrote into it counts (its version has moved on since the test began).
  let versions = new Map<string, number>();
  beforeEach(() => {
    versions = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d.version]));
  });
  const planDoc = async (name: string) => {
    const d = await openPlan(name);
    return d.version > (versions.get(d.uri.toString()) ?? 0) ? asRendered(d.getText()) : '';
  };
  /** The plan's document once it says `what` (an open document follows its provider a moment later). */
  const planText = (name: string, what: RegExp = /\S/) =>
    eventually(
      () => planDoc(name),
      (t) => what.test(t),
      5000,
    );

  it('offboards a person: the plan lists each membership and what is skipped; applying removes them all', async () => {
    const a = await api();
    const org = await state();
    const ada = org.users.find((u) => u.name === 'Ada Lovelace')!;
    const memberships = org.projects.filter((p) => p.status === 'active' && p.members.some((m) => m.user_id === ada.id));
    a.ui.answer('Ada Lovelace');
    a.panels.answerPlans('apply');
    const r = await run<ApplyResult>('removeUserEverywhere');
    assert.equal(r.outcomes.length, memberships.length);
    assert.ok(r.outcomes.every((o) => o.result === 'done'));
    const text = await planText('remove Ada Lovelace from all projects', /^Applied:/m);
    for (const p of memberships) assert.match(text, new RegExp(`\\| ${p.name} \\| user Ada Lovelace \\| (owner|member) \\| removed \\| done \\|`));
    assert.match(text, /\| Default project \| user Ada Lovelace \| default project: its members follow the organization/);
    assert.match(text, /1 archived project is not changed/);
    const after = await state();
    assert.ok(
      after.projects.filter((p) => p.status === 'active').every((p) => !p.members.some((m) => m.user_id === ada.id)),
      'in no active project',
    );
    assert.ok(
      after.projects.some((p) => p.status === 'archived' && p.members.some((m) => m.user_id === ada.id)),
      'the archived project untouched',
    );
    const writes = (await requests()).filter((x) => x.method !== 'GET');
    assert.equal(writes.length, memberships.length, 'one write a membership');
    assert.match((await shown('info')).at(-1)!, new RegExp(`: ${memberships.length} done, 0 refused, 1 skipped\\.`));
  });

  it('reports a refusal in the API’s words and goes on; a re-plan shows only what is left', async () => {
    const a = await api();
    await emulator.control('/faults', {
      method: 'POST',
      body: {
        kind: 'response',
        status: 400,
        method: 'DELETE',
        body: { error: { message: 'This member is locked by policy.', type: 'invalid_request_error', param: null, code: null } },
      },
    });
    a.ui.answer('Ada Lovelace');
    a.panels.answerPlans('apply');
    const r = await run<ApplyResult>('removeUserEverywhere');
    assert.deepEqual(
      r.outcomes.map((o) => o.result),
      ['refused', 'done'],
    );
    assert.equal(r.outcomes[0]!.message, 'Refused (400): This member is locked by policy.');
    assert.match((await shown('error')).at(-1)!, /1 done, 1 refused, 1 skipped/);
    a.ui.answer('Ada Lovelace');
    a.panels.answerPlans('cancel'); // the re-plan, read and not applied
    await run('removeUserEverywhere');
    const text = await planText('remove Ada Lovelace from all projects', /^1 change, 1 skipped\. Nothing has been changed yet\./m);
    assert.ok(text.includes(`| ${r.outcomes[0]!.change.project.name} |`));
  });

  it('a cancel stops before the next write, never in the middle of one', async () => {
    const a = await api();
    const org = await state();
    const grace = org.users.find((u) => u.name === 'Grace Hopper')!;
    const targets = org.projects.filter((p) => p.status === 'active' && !p.is_default && !p.members.some((m) => m.user_id === grace.id));
    assert.ok(targets.length >= 3);
    await emulator.control('/latency', { method: 'POST', body: { ms: 300 } });
    try {
      a.ui.answer('Grace Hopper', targets.map((p) => p.name).join('\n'), 'member');
      a.panels.answerPlans('apply');
      const running = run<ApplyResult>('addUserToProjects');
      await eventually(requests, (rs) => rs.some((x) => x.method === 'POST'), 10_000);
      assert.ok(a.ui.cancelProgress(), 'a progress notification was running');
      const r = await running;
      const done = r.outcomes.filter((o) => o.result === 'done').length;
      assert.ok(done >= 1 && done < targets.length, `${done} of ${targets.length} done`);
      assert.ok(r.outcomes.slice(done).every((o) => o.result === 'not run'));
      const posts = (await requests()).filter((x) => x.method === 'POST');
      assert.equal(posts.length, done, 'every write sent was completed; none after the cancel');
      const now = await state();
      assert.equal(now.projects.filter((p) => p.members.some((m) => m.user_id === grace.id) && targets.some((t) => t.id === p.id)).length, done);
      assert.match((await shown('warning')).at(-1)!, /not run \(cancelled\)/);
    } finally {
      await emulator.control('/latency', { method: 'POST', body: { ms: 0 } });
    }
  });

  it('the plan is a view with Apply on it: Cancel sends nothing, Stop ends it before the next write, an old click does nothing', async () => {
    const a = await api();
    const org = await state();
    const grace = org.users.find((u) => u.name === 'Grace Hopper')!;
    const targets = org.projects.filter((p) => p.status === 'active' && !p.is_default && !p.members.some((m) => m.user_id === grace.id));
    const name = 'add Grace Hopper to projects';
    const posts = async () => (await requests()).filter((x) => x.method === 'POST');
    a.ui.answer('Grace Hopper', targets.map((p) => p.name).join('\n'), 'member');
    a.panels.answerPlans('cancel');
    assert.equal(await run('addUserToProjects'), undefined);
    assert.deepEqual(await posts(), [], 'Cancel: nothing sent');
    assert.equal(a.panels.plan(name)?.phase, 'closed');
    assert.match(a.panels.plan(name)!.summary, /Not applied/);
    assert.equal(a.panels.plan(name)!.changes.length, targets.length, 'the plan still shows what it would have done');

    await emulator.control('/latency', { method: 'POST', body: { ms: 300 } });
    try {
      a.ui.answer('Grace Hopper', targets.map((p) => p.name).join('\n'), 'member');
      a.panels.answerPlans('apply');
      const running = run<ApplyResult>('addUserToProjects');
      await eventually(posts, (rs) => rs.length > 0, 10_000);
      const applying = a.panels.plan(name)!;
      assert.equal(applying.phase, 'applying');
      assert.match(applying.progress ?? '', /of \d+:/);
      a.panels.send('plan', name, { type: 'stop', seq: applying.seq });
      const r = await running;
      const done = r.outcomes.filter((o) => o.result === 'done').length;
      assert.ok(done >= 1 && done < targets.length, `${done} of ${targets.length} done`);
      assert.equal((await posts()).length, done, 'none after Stop');
      const after = a.panels.plan(name)!;
      assert.equal(after.phase, 'done');
      assert.match(after.summary, /^Applied: \d+ done, 0 refused, [1-9]\d* not run/);
      assert.equal(after.progress, 'Stopped before the end.');
      assert.deepEqual(
        after.changes.map((c) => c.outcome?.result),
        r.outcomes.map((o) => o.result),
      );
      // A click on a plan no longer shown (an older seq) and a second Apply on a done plan: nothing sent.
      a.panels.send('plan', name, { type: 'apply', seq: applying.seq - 1 });
      a.panels.send('plan', name, { type: 'apply', seq: after.seq });
      await new Promise((r) => setTimeout(r, 500));
      assert.equal((await posts()).length, done);
    } finally {
      await emulator.control('/latency', { method: 'POST', body: { ms: 0 } });
    }
  });

  it('adds a person to many projects, skipping where they are already and the default project', async () => {
    const a = await api();
    const org = await state();
    const alan = org.users.find((u) => u.name === 'Alan Turing')!;
    const picked = org.projects.filter((p) => p.status === 'active');
    a.ui.answer('Alan Turing', picked.map((p) => p.name).join('\n'), 'owner');
    a.panels.answerPlans('apply');
    const r = await run<ApplyResult>('addUserToProjects');
    const text = await planText('add Alan Turing to projects', /^Applied:/m);
    for (const p of picked.filter((p) => p.members.some((m) => m.user_id === alan.id)))
      assert.match(text, new RegExp(`\\| ${p.name} \\| user Alan Turing \\| already there, as`));
    assert.match(text, /\| Default project \| user Alan Turing \| default project/);
    const now = await state();
    for (const o of r.outcomes) {
      assert.equal(o.result, 'done');
      assert.equal(now.projects.find((p) => p.id === o.change.project.id)!.members.find((m) => m.user_id === alan.id)?.role, 'owner');
    }
  });

  it('copies one model’s limits to other projects: only models both have, before → after', async () => {
    const a = await api();
    const org = await state();
    const source = org.projects.find((p) => p.name === 'Research Sandbox')!; // 16 models
    const model = source.rate_limits[10]!.model;
    const targets = org.projects.filter((p) => p.status === 'active' && p.id !== source.id && !p.is_default);
    const row = (await a.tree.getChildren()).find((n) => label(n) === source.name)!;
    const folder = (await row.getChildren!())[3]!;
    const modelRow = (await folder.getChildren!()).find((n) => label(n) === model)!;
    a.ui.answer(targets.map((p) => p.name).join('\n'));
    a.panels.answerPlans('apply');
    const r = await run<ApplyResult>('copyRateLimits', modelRow);
    const text = await planText(`copy rate limits from ${source.name}`, /^Applied:/m);
    const want = source.rate_limits[10]!.limits;
    const have = targets.filter((p) => p.rate_limits.some((x) => x.model === model));
    const differ = have.filter((p) => JSON.stringify(p.rate_limits.find((x) => x.model === model)!.limits) !== JSON.stringify(want));
    assert.ok(differ.length >= 1, 'the seed has a project to change');
    assert.equal(r.outcomes.length, differ.length);
    for (const p of targets.filter((p) => !have.includes(p)))
      assert.match(text, new RegExp(`\\| ${p.name} \\| model ${model} \\| the project has no limits for this model \\|`));
    const now = await state();
    for (const p of have) assert.deepEqual(now.projects.find((x) => x.id === p.id)!.rate_limits.find((x) => x.model === model)!.limits, want);
    assert.match(text, new RegExp(`\\| 1 \\| ${differ[0]!.name} \\| model ${model} \\| [^|]*RPM[^|]* \\| [^|]*RPM[^|]* \\| done \\|`));
  });

  it('copies picked policy sections to projects: already-same skipped, one write per change, the emulator holds the source’s', async () => {
    const a = await api();
    const org = await state();
    const source = org.projects.find((p) => p.name === 'Customer Support Bot')!;
    const [same, other] = org.projects.filter((p) => p.status === 'active' && p.id !== source.id && !p.is_default);
    const P = (p: { id: string }) => `/organization/projects/${p.id}`;
    const alert = (cents: number, to: string) => ({
      threshold_amount: cents,
      currency: 'USD',
      interval: 'month',
      notification_channel: { type: 'email', recipients: [to] },
    });
    await apiCall('POST', '/organization/spend_limit', { threshold_amount: 50_000, currency: 'USD', interval: 'month' });
    for (const p of [source, same!]) await apiCall('POST', `${P(p)}/spend_limit`, { threshold_amount: 30_000, currency: 'USD', interval: 'month' });
    await apiCall('POST', `${P(source)}/spend_alerts`, alert(20_000, 'ops@example.com'));
    await apiCall('POST', `${P(same!)}/spend_alerts`, alert(10_000, 'old@example.com'));
    await apiCall('POST', `${P(source)}/model_permissions`, { mode: 'allow_list', model_ids: ['gpt-5', 'o3'] });
    await clearRequests();
    const row = (await a.tree.getChildren()).find((n) => label(n) === source.name)!;
    a.ui.answer('Hard spend limit\nSpend alerts\nModels', [same!.name, other!.name].join('\n'));
    a.panels.answerPlans('apply');
    const r = await run<ApplyResult>('copySettings', row);
    assert.ok(r, JSON.stringify(a.ui.asked));
    const text = await planText(`copy settings from ${source.name}`, /^Applied:/m);
    assert.match(text, new RegExp(`\\| ${same!.name} \\| Hard spend limit \\| already the same \\|`));
    assert.match(text, new RegExp(`\\| ${other!.name} \\| Hard spend limit \\| no limit \\| \\$300 a month \\| done \\|`));
    assert.match(text, new RegExp(`\\| ${same!.name} \\| Spend alerts \\| \\$100 → old@example\\.com \\| \\$200 → ops@example\\.com \\| done \\|`));
    assert.match(text, new RegExp(`\\| ${other!.name} \\| Models \\| every model \\| only gpt-5, o3 \\| done \\|`));
    assert.deepEqual(
      r.outcomes.map((o) => `${o.change.project.name}: ${o.change.object} ${o.result}`),
      [
        `${same!.name}: Spend alerts done`,
        `${same!.name}: Models done`,
        `${other!.name}: Hard spend limit done`,
        `${other!.name}: Spend alerts done`,
        `${other!.name}: Models done`,
      ],
    );
    const now = await state();
    type Pol = { spend_limit?: number; spend_alerts?: { threshold_amount: number; recipients: string[] }[]; models?: { mode: string; model_ids: string[] } };
    const pol = (p: { id: string }) => (now.projects.find((x) => x.id === p.id) as unknown as { policy?: Pol }).policy ?? {};
    for (const p of [same!, other!]) {
      assert.equal(pol(p).spend_limit, 30_000);
      assert.deepEqual(
        pol(p).spend_alerts?.map((x) => [x.threshold_amount, x.recipients]),
        [[20_000, ['ops@example.com']]],
      );
      assert.deepEqual(pol(p).models, { mode: 'allow_list', model_ids: ['gpt-5', 'o3'] });
    }
    const writes = (await requests())
      .filter((x) => x.method !== 'GET')
      .map((x) => `${x.method} ${x.path.replace(/\/spend_alerts\/[^/]+$/, '/spend_alerts/ID')}`);
    assert.deepEqual(
      writes.sort(),
      [
        `DELETE ${P(same!)}/spend_alerts/ID`,
        `POST ${P(other!)}/model_permissions`,
        `POST ${P(other!)}/spend_alerts`,
        `POST ${P(other!)}/spend_limit`,
        `POST ${P(same!)}/model_permissions`,
        `POST ${P(same!)}/spend_alerts`,
      ].sort(),
    );
    assert.ok(!writes.some((w) => w.includes(source.id)), 'the source is only read');
  });

  it('Copy Settings: a section the source cannot give is offered as such and left out with its reason; none left is an error, nothing sent', async () => {
    const a = await api();
    const org = await state();
    const source = org.projects.find((p) => p.name === 'Customer Support Bot')!;
    const target = org.projects.find((p) => p.status === 'active' && p.id !== source.id && !p.is_default)!;
    await emulator.control('/faults', {
      method: 'POST',
      body: { kind: '500', count: 20, method: 'GET', path: `/organization/projects/${source.id}/data_retention` },
    });
    const picks: string[][] = [];
    a.ui.watch((p) => p.kind === 'pick' && /Copy which settings/.test(p.message) && picks.push(p.items ?? []));
    try {
      const row = (await a.tree.getChildren()).find((n) => label(n) === source.name)!;
      a.ui.answer('Data retention', target.name);
      await clearRequests();
      const r = await run<ApplyResult | undefined>('copySettings', row);
      assert.equal(r, undefined);
      assert.equal(picks.length, 1);
      assert.match(
        picks[0]!.find((i) => i.startsWith('Data retention'))!,
        /cannot be copied: could not be read/,
      );
      assert.match(
        picks[0]!.find((i) => i.startsWith('Models'))!,
        /every model/,
      );
      assert.ok(
        (await shown('error')).some((m) => /none of these settings in a form another project can take/.test(m)),
        JSON.stringify(await shown('error')),
      );
      assert.deepEqual(
        (await requests()).filter((x) => x.method !== 'GET'),
        [],
      );
    } finally {
      await emulator.control('/faults', { method: 'DELETE' });
    }
  });
});
