// Projects as files, in the real host against the emulator: export equals the live project; an edit
// is planned exactly; applying makes the organization hold the file and a second plan is empty;
// refusals, a write that fails mid-apply, removals only when asked; the schema's diagnostics; the
// status line.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ApplyResult, Plan } from '../../src/bulk/plan';
import { parseProjectFile, type Limits } from '../../src/files/projectFile';
import { clearRequests, emulator, eventually, extensionApi, label, requests, resetOrg, state, type EmuOrg } from './helpers';

const run = <T = unknown>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`openaiProjects.${id}`, ...args);
const api = () => extensionApi();
const dir = mkdtempSync(join(tmpdir(), 'oaipx-files-'));
/** A file as JSON, to edit as a person would (it must be a valid project file). */
interface FileJson {
  project: string;
  id?: string;
  members?: Record<string, string>;
  serviceAccounts?: Record<string, string>;
  rateLimits?: Record<string, Limits>;
  spendLimit?: number | null;
  spendAlerts?: { amount: number; recipients: string[] }[];
  models?: 'all' | { allow: string[] } | { deny: string[] };
  hostedTools?: Record<string, boolean>;
  dataRetention?: string;
  serviceTiers?: { default: string; enabled: 'all' | string[] };
  groups?: Record<string, string[]>;
  roleAssignments?: Record<string, string[]>;
}
const read = (path: string): FileJson => {
  const text = readFileSync(path, 'utf8');
  assert.deepEqual(parseProjectFile(text).problems, [], `${path} is a valid project file`);
  return JSON.parse(text) as FileJson;
};
/** Edits the file as a person would: in its editor, then saved. */
async function save(path: string, f: FileJson): Promise<void> {
  const text = JSON.stringify(f, null, 2);
  if (!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === path)) writeFileSync(path, '{}');
  const doc = await vscode.workspace.openTextDocument(path);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await doc.save());
}

/** What the emulator says the project is, in the file's terms. */
function expected(org: EmuOrg, id: string) {
  const p = org.projects.find((x) => x.id === id)!;
  const email = (uid: string) => org.users.find((u) => u.id === uid)!.email;
  return {
    members: Object.fromEntries(p.members.map((m) => [email(m.user_id), m.role])),
    serviceAccounts: Object.fromEntries(p.service_accounts.map((s) => [s.name, s.role])),
    rateLimits: Object.fromEntries(p.rate_limits.map((r) => [r.model, r.limits])),
  };
}

async function exportAll(name: string, prefix = ''): Promise<{ path: string; id: string }> {
  const a = await api();
  const org = await state();
  const p = org.projects.find((x) => x.name === name)!;
  const row = (await a.tree.getChildren()).find((n) => label(n) === name)!;
  const path = join(dir, `${prefix}${p.id}.openai-project.json`);
  a.ui.answer('Every model’s limits', path);
  const uri = await run<vscode.Uri>('exportProject', row);
  assert.equal(uri.fsPath, path);
  return { path, id: p.id };
}

describe('projects as files', () => {
  beforeEach(async () => {
    await resetOrg();
    const a = await api();
    a.ui.reset();
    a.ui.answer();
    await a.adminKey.store(emulator.adminKey);
    await run('refresh');
    await clearRequests();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual((await api()).ui.reset(), [], 'every scripted answer was asked for');
  });

  it('exports a project: the file is the live project, and keys are not in it', async () => {
    const { path, id } = await exportAll('Mobile App');
    const f = read(path);
    const org = await state();
    assert.equal(f.project, 'Mobile App');
    assert.equal(f.id, id);
    assert.deepEqual({ members: f.members, serviceAccounts: f.serviceAccounts, rateLimits: f.rateLimits }, expected(org, id));
    const text = readFileSync(path, 'utf8');
    assert.ok(!/sk-/.test(text), 'no key, not even a redacted one');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path, 'opened');
  });

  it('exports only the limits that differ from the default project’s when asked', async () => {
    const a = await api();
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Data Platform')!;
    const def = org.projects.find((x) => x.is_default)!;
    const row = (await a.tree.getChildren()).find((n) => label(n) === p.name)!;
    const path = join(dir, 'short.openai-project.json');
    a.ui.answer('Only limits that differ from the default project’s', path);
    await run('exportProject', row);
    const f = read(path);
    for (const [model, limits] of Object.entries(f.rateLimits!)) {
      const d = def.rate_limits.find((r) => r.model === model)!.limits;
      for (const [field, v] of Object.entries(limits)) assert.notEqual(d[field], v, `${model}.${field} differs from the default`);
    }
    assert.equal(
      Object.keys(f.rateLimits!).length,
      p.rate_limits.filter((r) => JSON.stringify(r.limits) !== JSON.stringify(def.rate_limits.find((x) => x.model === r.model)!.limits)).length,
    );
  });

  it('plans exactly the edits, shows the diff, applies them, and then has nothing left to do', async () => {
    const { path, id } = await exportAll('Mobile App');
    const org = await state();
    const f = read(path);
    const outsider = org.users.find((u) => !(u.email in f.members!))!;
    const member = Object.keys(f.members!).find((e) => f.members![e] === 'member')!;
    const model = Object.keys(f.rateLimits!)[0]!;
    f.members![outsider.email] = 'member';
    f.members![member] = 'owner';
    f.rateLimits![model]!.max_requests_per_1_minute = 1234;
    await save(path, f);
    const r = await run<{ differences: number; plan: Plan }>('compareWithOrganization', vscode.Uri.file(path));
    assert.equal(r.differences, 3);
    assert.deepEqual(
      r.plan.changes.map((c) => `${c.object}: ${c.before} → ${c.after}`).sort(),
      [
        `model ${model}: ${r.plan.changes.find((c) => c.object === `model ${model}`)!.before} → 1.2K RPM`,
        `user ${member}: member → owner`,
        `user ${outsider.email}: not a member → member`,
      ].sort(),
    );
    assert.deepEqual(r.plan.skipped, []);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(
      tabs.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.fsPath === path),
      'a diff editor against the file',
    );

    // The plan, rendered beside the diff: a webview tab, once.
    const planTabs = () =>
      vscode.window.tabGroups.all.flatMap((g) =>
        g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('openaiProjects.plan')).map(() => g.viewColumn),
      );
    const beside = await eventually(planTabs, (t) => t.length > 0);
    assert.equal(beside.length, 1, `Compare shows the plan once: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)))}`);
    const a = await api();
    const name = path.slice(path.lastIndexOf('/') + 1);
    const preview = a.panels.plan(name);
    assert.equal(preview?.phase, 'preview', 'a preview: nothing applied yet');
    assert.equal(preview.changes.length, 3);

    // Apply on the preview runs Apply to Organization on the file; its plan takes the preview's place
    // and is applied with Apply on it.
    a.panels.answerPlans('apply');
    a.panels.send('plan', name, { type: 'apply', seq: preview.seq });
    const applied = await eventually(
      () => a.panels.plan(name),
      (p) => p?.phase === 'done',
    );
    assert.deepEqual(
      applied!.changes.map((c) => c.outcome?.result),
      ['done', 'done', 'done'],
    );
    assert.match(applied!.summary, /^Applied: 3 done, 0 refused, 0 not run, 0 skipped\./);
    assert.deepEqual(planTabs(), beside, 'Apply reuses the plan Compare opened, in its column');
    const now = expected(await state(), id);
    assert.equal(now.members[outsider.email], 'member');
    assert.equal(now.members[member], 'owner');
    assert.equal(now.rateLimits[model]!.max_requests_per_1_minute, 1234);
    const again = await run<{ differences: number; plan: Plan }>('compareWithOrganization', vscode.Uri.file(path));
    assert.equal(again.differences, 0);
    assert.deepEqual(again.plan.changes, []);
  });

  it('says what cannot be done, and why, before any write', async () => {
    const { path } = await exportAll('Internal Tools');
    const f = read(path);
    const model = Object.keys(f.rateLimits!)[0]!;
    f.members!['stranger@example.org'] = 'member';
    f.rateLimits![model]!.max_requests_per_1_minute = 999_999_999;
    f.rateLimits!['not-a-model-here'] = { max_requests_per_1_minute: 5 };
    f.serviceAccounts![Object.keys(f.serviceAccounts!)[0]!] = 'admin';
    await save(path, f);
    await clearRequests();
    const r = await run<{ plan: Plan }>('compareWithOrganization', vscode.Uri.file(path));
    const why = Object.fromEntries(r.plan.skipped.map((s) => [s.object, s.why]));
    assert.match(why['user stranger@example.org']!, /not a member of the organization/);
    assert.match(why[`model ${model}`]!, /above the organization’s limit/);
    assert.match(why['model not-a-model-here']!, /has no limits for this model/);
    assert.match(Object.entries(why).find(([k]) => k.startsWith('service account'))![1], /"admin" is not a role/);
    assert.equal(r.plan.changes.length, 0);
    assert.equal((await requests()).filter((x) => x.method !== 'GET').length, 0);
  });

  it('policy in the file: Export writes every section; Apply makes one write per changed section, alerts matched by amount; then nothing is left', async () => {
    const org = await state();
    const p = org.projects.find((x) => x.name === 'Data Platform')!;
    // Set through the API moments before: a limit and an alert the export must carry.
    const post = async (path: string, body: unknown) => {
      const r = await fetch(emulator.baseUrl + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(r.status, 200, await r.text());
    };
    const money = { currency: 'USD', interval: 'month' };
    await post(`/organization/projects/${p.id}/spend_limit`, { threshold_amount: 25_000, ...money });
    await post(`/organization/projects/${p.id}/spend_alerts`, {
      threshold_amount: 10_000,
      ...money,
      notification_channel: { type: 'email', recipients: ['a@example.com'] },
    });
    await run('refresh');
    const { path, id } = await exportAll('Data Platform', 'policy-');
    const f = read(path);
    assert.equal(f.spendLimit, 250);
    assert.deepEqual(f.spendAlerts, [{ amount: 100, recipients: ['a@example.com'] }]);
    assert.equal(f.models, 'all');
    assert.deepEqual(Object.keys(f.hostedTools!).sort(), ['code_interpreter', 'file_search', 'image_generation', 'mcp', 'web_search']);
    assert.ok(f.serviceTiers && typeof f.serviceTiers.default === 'string');
    const exportReads = (await requests()).filter(
      (r) => r.method === 'GET' && /\/(spend_limit|spend_alerts|model_permissions|hosted_tool_permissions|data_retention|service_tier_settings)$/.test(r.path),
    );
    assert.equal(exportReads.length, 6, (await requests()).map((r) => `${r.method} ${r.path}`).join('\n'));
    // A clean export compares clean.
    assert.equal((await run<{ differences: number }>('compareWithOrganization', vscode.Uri.file(path))).differences, 0);

    f.spendLimit = 300;
    f.spendAlerts = [
      { amount: 100, recipients: ['a@example.com', 'b@example.com'] },
      { amount: 200, recipients: ['c@example.com'] },
    ];
    f.models = { allow: ['gpt-4o-mini', 'o3'] };
    f.hostedTools = { web_search: !f.hostedTools!.web_search };
    f.dataRetention = 'zero_data_retention';
    await save(path, f);
    await clearRequests();
    (await api()).panels.answerPlans('apply');
    const applied = await run<ApplyResult>('applyToOrganization', vscode.Uri.file(path));
    assert.deepEqual(
      applied.outcomes.map((o) => `${o.change.object}: ${o.result}`),
      ['Hard spend limit: done', 'Spend alerts: done', 'Models: done', 'Hosted tools: done', 'Data retention: done'],
    );
    const writes = (await requests()).filter((x) => x.method !== 'GET').map((x) => `${x.method} ${x.path.replace(/spend_alert_\w+/, 'spend_alert_…')}`);
    const P = `/organization/projects/${id}`;
    assert.deepEqual(writes, [
      `POST ${P}/spend_limit`,
      `POST ${P}/spend_alerts/spend_alert_…`,
      `POST ${P}/spend_alerts`,
      `POST ${P}/model_permissions`,
      `POST ${P}/hosted_tool_permissions`,
      `POST ${P}/data_retention`,
    ]);
    type Policy = { spend_limit?: number; spend_alerts?: { threshold_amount: number; recipients: string[] }[]; data_retention?: string };
    const after = ((await state()).projects.find((x) => x.id === id) as unknown as { policy: Policy }).policy;
    assert.equal(after.spend_limit, 30_000);
    assert.deepEqual(
      after.spend_alerts!.map((a) => [a.threshold_amount, a.recipients]),
      [
        [10_000, ['a@example.com', 'b@example.com']],
        [20_000, ['c@example.com']],
      ],
    );
    assert.equal(after.data_retention, 'zero_data_retention');
    assert.equal((await run<{ differences: number }>('compareWithOrganization', vscode.Uri.file(path))).differences, 0);
  });

  it('groups and assigned roles in the file: Export writes them; Apply grants, assigns and (with removals) takes back, one write each; then nothing is left', async () => {
    const { path, id } = await exportAll('Data Platform', 'access-');
    const f = read(path);
    const org = await state();
    const email = (uid: string) => org.users.find((u) => u.id === uid)!.email;
    const p = org.projects.find((x) => x.id === id)!;
    const tuner = p.roles!.find((r) => r.name === 'Rate limit tuner')!;
    const assigned = p.assignments!.find((a) => a.principal_type === 'user')!;
    // As the emulator holds them: the Data team's grant (Member) and its assigned role; one member's assigned role.
    assert.deepEqual(f.groups, { 'Data team': ['Member', 'Rate limit tuner'] });
    assert.deepEqual(f.roleAssignments, { [email(assigned.principal_id)]: ['Rate limit tuner'] });

    const other = p.members.find((m) => m.user_id !== assigned.principal_id)!;
    f.groups = { 'Data team': ['Member'], 'Engineering (Okta)': ['Viewer', 'Rate limit tuner'] };
    f.roleAssignments = { [email(other.user_id)]: ['rate limit TUNER'] };
    await save(path, f);
    await clearRequests();
    const a = await api();
    a.ui.answer('Also remove what the file does not list (2)');
    a.panels.answerPlans('apply');
    const r = await run<ApplyResult>('applyToOrganization', vscode.Uri.file(path));
    assert.deepEqual(
      r.outcomes.map((o) => `${o.change.object}: ${o.change.after}: ${o.result}`),
      [
        'group Data team: without it: done',
        'group Engineering (Okta): access as Viewer: done',
        'group Engineering (Okta): holds Rate limit tuner: done',
        `user ${email(other.user_id)}: holds rate limit TUNER: done`,
        `user ${email(assigned.principal_id)}: without it: done`,
      ],
    );
    const writes = (await requests()).filter((q) => q.method !== 'GET');
    assert.equal(writes.length, 5, `one write a change: ${writes.map((w) => `${w.method} ${w.path}`).join(', ')}`);
    const now = (await state()).projects.find((x) => x.id === id)!;
    const engineering = org.groups!.find((g) => g.name === 'Engineering (Okta)')!;
    assert.deepEqual(now.groups!.map((g) => g.group_id).sort(), [org.groups!.find((g) => g.name === 'Data team')!.id, engineering.id].sort());
    assert.deepEqual(
      now.assignments!.map((x) => `${x.principal_type} ${x.principal_id} ${x.role_id}`).sort(),
      [`group ${engineering.id} ${tuner.id}`, `user ${other.user_id} ${tuner.id}`].sort(),
    );
    const again = await run<{ differences: number; plan: Plan }>('compareWithOrganization', vscode.Uri.file(path));
    assert.equal(again.differences, 0, JSON.stringify(again.plan.changes.map((c) => c.object)));

    // A group or role the organization does not have is said before any write; a file without these fields reads no roles.
    f.groups = { 'No such group': ['Viewer'], 'Data team': ['Member', 'Janitor'] };
    await save(path, f);
    const refused = await run<{ differences: number; plan: Plan }>('compareWithOrganization', vscode.Uri.file(path));
    assert.deepEqual(
      refused.plan.skipped.map((x) => `${x.object}: ${x.why.split(' (')[0]}`),
      ['group No such group: the organization has no group of this name', 'group Data team: the project has no role named "Janitor"'],
    );
    delete f.groups;
    delete f.roleAssignments;
    await save(path, f);
    await clearRequests();
    await run('compareWithOrganization', vscode.Uri.file(path));
    assert.deepEqual(
      (await requests()).filter((q) => /\/roles$|\/groups$/.test(q.path)).map((q) => q.path),
      [],
      'no role or group read for a file that says nothing of them',
    );
  });

  it('a service account’s role in the file is applied (one write), and Compare then finds nothing', async () => {
    const { path, id } = await exportAll('Data Platform');
    const f = read(path);
    const name = Object.keys(f.serviceAccounts!)[0]!;
    const sa = (await state()).projects.find((x) => x.id === id)!.service_accounts.find((x) => x.name === name)!;
    f.serviceAccounts![name] = sa.role === 'owner' ? 'member' : 'owner';
    await save(path, f);
    await clearRequests();
    (await api()).panels.answerPlans('apply');
    const applied = await run<ApplyResult>('applyToOrganization', vscode.Uri.file(path));
    assert.deepEqual(
      applied.outcomes.map((o) => o.result),
      ['done'],
    );
    assert.deepEqual(
      (await requests()).filter((x) => x.method !== 'GET').map((x) => `${x.method} ${x.path}`),
      [`POST /organization/projects/${id}/service_accounts/${sa.id}`],
    );
    assert.equal((await state()).projects.find((x) => x.id === id)!.service_accounts.find((x) => x.id === sa.id)!.role, f.serviceAccounts![name]);
    assert.equal((await run<{ differences: number }>('compareWithOrganization', vscode.Uri.file(path))).differences, 0);
  });

  it('a write that fails mid-apply leaves the rest done, and a re-plan shows only what is left', async () => {
    const { path, id } = await exportAll('Research Sandbox');
    const f = read(path);
    const models = Object.keys(f.rateLimits!).slice(0, 3);
    for (const m of models) f.rateLimits![m]!.max_requests_per_1_minute = 77;
    await save(path, f);
    const second = (await state()).projects.find((x) => x.id === id)!.rate_limits.find((r) => r.model === models[1])!;
    await emulator.control('/faults', {
      method: 'POST',
      body: { kind: 'drop', method: 'POST', path: `/rate_limits/${second.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` },
    });
    (await api()).panels.answerPlans('apply');
    const applied = await run<ApplyResult>('applyToOrganization', vscode.Uri.file(path));
    assert.deepEqual(
      applied.outcomes.map((o) => o.result),
      ['done', 'refused', 'done'],
    );
    assert.equal((await requests()).filter((x) => x.method === 'POST').length, 3, 'the failed write was not resent');
    const r = await run<{ differences: number; plan: Plan }>('compareWithOrganization', vscode.Uri.file(path));
    assert.equal(r.differences, 1);
    assert.deepEqual(
      r.plan.changes.map((c) => c.object),
      [`model ${models[1]}`],
    );
  });

  it('removes what the file does not list only when asked', async () => {
    const { path, id } = await exportAll('Customer Support Bot');
    const f = read(path);
    const gone = Object.keys(f.members!).find((e) => f.members![e] === 'member')!;
    delete f.members![gone];
    await save(path, f);
    const a = await api();
    a.ui.answer('Keep what the file does not list');
    const kept = await run<ApplyResult | undefined>('applyToOrganization', vscode.Uri.file(path));
    assert.equal(kept, undefined, 'nothing else to do');
    assert.equal(expected(await state(), id).members[gone], 'member');
    a.ui.answer('Also remove what the file does not list (1)');
    a.panels.answerPlans('apply');
    const removed = await run<ApplyResult>('applyToOrganization', vscode.Uri.file(path));
    assert.deepEqual(
      removed.outcomes.map((o) => `${o.change.object}: ${o.result}`),
      [`user ${gone}: done`],
    );
    assert.equal(expected(await state(), id).members[gone], undefined);
  });

  it('a file naming a project that does not exist creates it, with its members', async () => {
    const org = await state();
    const path = join(dir, 'new.openai-project.json');
    const [u1, u2] = org.users;
    await save(path, { project: 'Made From A File', members: { [u1!.email]: 'owner', [u2!.email]: 'member' }, serviceAccounts: { 'file-bot': 'member' } });
    const a = await api();
    a.ui.answer(undefined); // the new service account's key: shown once, dismissed
    a.panels.answerPlans('apply');
    const r = await run<ApplyResult>('applyToOrganization', vscode.Uri.file(path));
    assert.deepEqual(
      r.outcomes.map((o) => o.result),
      ['done', 'done', 'done', 'done'],
    );
    const p = (await state()).projects.find((x) => x.name === 'Made From A File')!;
    assert.ok(p, 'created');
    assert.deepEqual(expected(await state(), p.id).members, { [u1!.email]: 'owner', [u2!.email]: 'member' });
    assert.deepEqual(
      p.service_accounts.map((s) => s.name),
      ['file-bot'],
    );
    const modal = a.ui.asked.find((x) => x.kind === 'modal')!;
    assert.match(modal.detail!, /^sk-svcacct-/, 'the key was shown once');
    assert.ok(!readFileSync(path, 'utf8').includes(modal.detail!), 'and never written to the file');
  });

  it('the schema marks a bad file in the editor; the commands name its problems', async () => {
    const path = join(dir, 'bad.openai-project.json');
    writeFileSync(
      path,
      '{\n  // a comment is fine\n  "project": "X",\n  "members": { "ada@example.com": "admin" },\n  "rateLimits": { "gpt-4o": { "max_requests_per_1_minute": -1 } },\n  "colour": "blue"\n}\n',
    );
    const doc = await vscode.workspace.openTextDocument(path);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'jsonc', 'a project file takes comments');
    const diags = await eventually(
      () => vscode.languages.getDiagnostics(doc.uri),
      (d) => d.length >= 3,
      20_000,
    );
    const text = diags.map((d) => `${d.range.start.line}: ${d.message}`).join('\n');
    assert.match(text, /^3: .*(owner|member)/m, 'the role, on its line');
    assert.match(text, /^4: .*(minimum|0)/m, 'the negative limit, on its line');
    assert.match(text, /^5: .*(not allowed|colour)/m, 'the unknown field, on its line');
    await run('compareWithOrganization', doc.uri);
    const error = (await api()).ui.asked.filter((x) => x.kind === 'error').at(-1)!;
    assert.match(
      error.message,
      // The role is the schema's to flag (the plan refuses it too): a file keeps any role the API shows.
      /bad\.openai-project\.json is not a valid project file \(2 problems\): .*rateLimits › gpt-4o › max_requests_per_1_minute: a whole number, 0 or more/,
    );
  });

  it('the status line says in sync or how many differences, from the cache, with no request', async () => {
    const { path } = await exportAll('Mobile App');
    const uri = vscode.Uri.file(path);
    await clearRequests();
    const titles = async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', uri)) ?? []).map((l) => l.command?.title ?? '');
    await eventually(titles, (t) => t.some((x) => x.includes('In sync with the organization')));
    const f = read(path);
    f.rateLimits![Object.keys(f.rateLimits!)[0]!]!.max_tokens_per_1_minute = 1;
    await save(path, f);
    await eventually(titles, (t) => t.some((x) => x.includes('1 difference from the organization')));
    assert.equal((await requests()).length, 0, 'the lens sent no request');
  });
});
