// Project files as anyone could write them: crafted to stall a parser, nested to exhaust its stack,
// with names that are object keys elsewhere, shared names, members without email, roles the API may
// return; and matched against the live organization without creating a second project by mistake.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Project, ProjectServiceAccount, ProjectUser } from '../../src/client';
import type { Writer } from '../../src/bulk/writes';
import { diffFile, planFile } from '../../src/files/diff';
import { MAX_PROBLEMS, parseProjectFile, renderProjectFile, toProjectFile, type LiveProject } from '../../src/files/projectFile';
import { findProject } from '../../src/files/match';

const project = (id: string, name: string, status = 'active'): Project => ({ id, object: 'organization.project', name, created_at: 1, status });
const user = (id: string, email: string | null, role: string): ProjectUser => ({ id, object: 'organization.project.user', name: id, email, role, added_at: 1 });
const sa = (id: string, name: string, role: string): ProjectServiceAccount => ({
  id,
  object: 'organization.project.service_account',
  name,
  role,
  created_at: 1,
});
const live = (users: ProjectUser[], serviceAccounts: ProjectServiceAccount[]): LiveProject => ({
  project: project('proj_1', 'Data'),
  users,
  serviceAccounts,
  rateLimits: [],
});
const noWrites = new Proxy({} as Writer, { get: () => () => Promise.reject(new Error('no write in a plan test')) });
const plan = (text: string, l: LiveProject | undefined) => {
  const file = parseProjectFile(text).file!;
  return planFile({
    file,
    live: l,
    diffs: diffFile(file, l),
    orgUsers: [],
    orgGroups: [],
    rolesOf: () => Promise.reject(new Error('no read in a plan test')),
    ceilings: undefined,
    removals: false,
    write: noWrites,
  });
};
const ms = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

describe('project files', () => {
  // Each took the old parser (a position computed per error over the whole text) minutes, or its stack.
  const crafted: [string, string][] = [
    ['60 KB of commas', `{${','.repeat(60_000)}}`],
    ['60 KB of properties with no commas between them', `{${'"a":1 '.repeat(10_000)}}`],
    ['60 KB of unclosed strings on many lines', '{"x": "\n'.repeat(7_500)],
    ['100,000 levels of nesting', '['.repeat(100_000)],
    ['deep objects', '{"a":'.repeat(20_000)],
  ];
  for (const [what, text] of crafted) {
    it(`${what}: a few problems, said at once`, () => {
      let r: ReturnType<typeof parseProjectFile> | undefined;
      const took = ms(() => (r = parseProjectFile(text)));
      assert.ok(r!.problems.length >= 1 && r!.problems.length <= MAX_PROBLEMS + 1, `${r!.problems.length} problems`);
      assert.ok(took < 1_500, `${what} took ${took.toFixed(0)} ms`);
    });
  }

  it('nesting too deep is a problem that says so', () => {
    assert.match(parseProjectFile('['.repeat(1000)).problems[0]!, /nested more than 32 levels deep at line 1, column 33/);
  });

  it('names that are object keys elsewhere (__proto__, constructor, toString) are ordinary names', () => {
    const text = JSON.stringify({ project: 'Data', serviceAccounts: { constructor: 'member', toString: 'member' } }).replace(
      '{"constructor"',
      '{"__proto__":"member","constructor"',
    );
    const parsed = parseProjectFile(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual([...parsed.file!.serviceAccounts!.keys()], ['__proto__', 'constructor', 'toString']);
    const d = diffFile(parsed.file!, live([], [sa('svc_acct_1', 'constructor', 'member')]));
    assert.deepEqual(
      d.map((x) => `${x.kind} ${'name' in x ? x.name : ''}`),
      ['create service account __proto__', 'create service account toString'],
    );
    // Rendered back, every one is an own key of the JSON.
    assert.deepEqual(Object.keys((JSON.parse(renderProjectFile(parsed.file!)) as { serviceAccounts: object }).serviceAccounts), [
      '__proto__',
      'constructor',
      'toString',
    ]);
  });

  it('two service accounts with one name are both reported, with their ids; named by id they match', () => {
    const l = live([], [sa('svc_acct_a', 'etl', 'member'), sa('svc_acct_b', 'etl', 'owner')]);
    const p = plan(JSON.stringify({ project: 'Data', id: 'proj_1', serviceAccounts: { etl: 'member' } }), l);
    assert.equal(p.changes.length, 0);
    assert.match(p.skipped[0]!.why, /2 service accounts have this name \(svc_acct_a, svc_acct_b\)/);
    const byId = diffFile(
      parseProjectFile(JSON.stringify({ project: 'Data', id: 'proj_1', serviceAccounts: { svc_acct_a: 'member', svc_acct_b: 'owner' } })).file!,
      l,
    );
    assert.deepEqual(byId, []);
  });

  it('the extension’s own export always compares clean: members without email, shared names, roles it does not know', () => {
    const l = live(
      [user('user-a', 'a@example.com', 'owner'), user('user-b', null, 'member'), user('user-c', 'c@example.com', 'reader')],
      [sa('svc_acct_a', 'etl', 'member'), sa('svc_acct_b', 'etl', 'none'), sa('svc_acct_c', 'toString', 'member')],
    );
    const text = renderProjectFile(toProjectFile(l, { all: true }));
    const parsed = parseProjectFile(text);
    assert.deepEqual(parsed.problems, [], text);
    assert.deepEqual(diffFile(parsed.file!, l), []);
  });

  it('policy sections: an export of every section reads back and compares clean; a change of each is one planned write', () => {
    const l: LiveProject = {
      ...live([], []),
      policy: {
        spendLimit: { cents: 12_550, enforcement: 'inactive' },
        spendAlerts: { alerts: [{ id: 'a1', cents: 5_000, recipients: ['ops@example.com'] }] },
        models: { mode: 'allow_list', ids: ['gpt-5', 'o3'] },
        hostedTools: { tools: { file_search: true, web_search: false, image_generation: false, mcp: true, code_interpreter: false, future_tool: true } },
        dataRetention: { type: 'zero_data_retention' },
        serviceTiers: { default: 'standard', all: false, enabled: ['flex'] },
      },
    };
    const text = renderProjectFile(toProjectFile(l, { all: true }));
    const json = JSON.parse(text) as Record<string, unknown>;
    assert.equal(json.spendLimit, 125.5);
    assert.deepEqual(json.spendAlerts, [{ amount: 50, recipients: ['ops@example.com'] }]);
    assert.deepEqual(json.models, { allow: ['gpt-5', 'o3'] });
    // A tool newer than this extension is not written (a file could not apply it).
    assert.deepEqual(Object.keys(json.hostedTools as object), ['file_search', 'web_search', 'image_generation', 'mcp', 'code_interpreter']);
    assert.equal(json.dataRetention, 'zero_data_retention');
    assert.deepEqual(json.serviceTiers, { default: 'standard', enabled: ['flex'] });
    const parsed = parseProjectFile(text);
    assert.deepEqual(parsed.problems, [], text);
    assert.deepEqual(diffFile(parsed.file!, l), []);

    const changed = { ...json, spendLimit: null, models: 'all', hostedTools: { web_search: true }, serviceTiers: { default: 'flex', enabled: 'all' } };
    const p = plan(JSON.stringify(changed), l);
    assert.deepEqual(
      p.changes.map((c) => [c.object, c.before, c.after]),
      [
        ['Hard spend limit', '$125.50 a month', 'no limit'],
        ['Models', 'only gpt-5, o3', 'every model'],
        ['Hosted tools', 'web_search off', 'web_search on'],
        ['Service tiers', 'default standard; also flex', 'default flex; also all'],
      ],
    );
    // Order of lists is no difference; a tool the file leaves out is not asked about.
    const same = { ...json, models: { allow: ['o3', 'gpt-5'] }, hostedTools: { mcp: true } };
    assert.deepEqual(diffFile(parseProjectFile(JSON.stringify(same)).file!, l), []);
  });

  it('groups and role assignments: an export reads back and compares clean; each edit is one planned write, removals only when asked', () => {
    const role = (id: string, name: string, predefined = false) => ({
      object: 'role',
      id,
      name,
      permissions: ['api.x'],
      resource_type: 'api.project',
      predefined_role: predefined,
    });
    const roles = [
      role('role_project_owner', 'Owner', true),
      role('role_project_member', 'Member', true),
      role('role_project_viewer', 'Viewer', true),
      role('role_a', 'Auditor'),
    ];
    const l: LiveProject = {
      ...live([user('user_ada', 'ada@example.com', 'member'), user('user_bob', 'bob@example.com', 'owner')], []),
      access: {
        roles,
        groups: [{ id: 'group_data', name: 'Data team', roleIds: ['role_project_viewer', 'role_a'] }],
        users: new Map([
          ['user_ada', ['role_a']],
          ['user_bob', []],
        ]),
      },
    };
    const text = renderProjectFile(toProjectFile(l, { all: true }));
    const json = JSON.parse(text) as Record<string, unknown>;
    assert.deepEqual(json.groups, { 'Data team': ['Auditor', 'Viewer'] });
    assert.deepEqual(json.roleAssignments, { 'ada@example.com': ['Auditor'] }, 'only what is assigned beyond membership');
    const parsed = parseProjectFile(text);
    assert.deepEqual(parsed.problems, [], text);
    assert.deepEqual(diffFile(parsed.file!, l), []);
    // Role names ignore case and order, as the API's names do.
    assert.deepEqual(diffFile(parseProjectFile(JSON.stringify({ ...json, groups: { 'data TEAM': ['viewer', 'auditor'] } })).file!, l), []);

    const writes: string[] = [];
    const log =
      (name: string) =>
      (...a: unknown[]) =>
        Promise.resolve(void writes.push(`${name} ${JSON.stringify(a)}`));
    const writer = new Proxy({} as Writer, { get: (_t, k) => log(String(k)) });
    const planOf = (f: Record<string, unknown>, removals: boolean) => {
      const file = parseProjectFile(JSON.stringify(f)).file!;
      return planFile({
        file,
        live: l,
        diffs: diffFile(file, l),
        orgUsers: [],
        orgGroups: [
          { object: 'group', id: 'group_data', name: 'Data team', created_at: 1 },
          { object: 'group', id: 'group_ml', name: 'ML', created_at: 1 },
        ],
        rolesOf: () => Promise.reject(new Error('a project that exists has its roles read already')),
        ceilings: undefined,
        removals,
        write: writer,
      });
    };
    const edited = {
      ...json,
      groups: { 'Data team': ['Viewer'], ML: ['Member', 'Auditor'], Nobody: ['Viewer'], 'Data team 2': ['Janitor'] },
      roleAssignments: { 'bob@example.com': ['Auditor'], 'zed@example.com': ['Auditor'] },
    };
    const kept = planOf(edited, false);
    assert.deepEqual(
      kept.changes.map((c) => [c.object, c.after]),
      [
        ['group ML', 'access as Member'],
        ['group ML', 'holds Auditor'],
        ['user bob@example.com', 'holds Auditor'],
      ],
    );
    assert.deepEqual(
      kept.skipped.map((x) => [x.object, x.why.split(' (')[0]]),
      [
        ['group Nobody', 'the organization has no group of this name'],
        ['group Data team 2', 'the organization has no group of this name'],
        ['user zed@example.com', 'role Auditor: not a member of the organization'],
      ],
    );
    assert.match(kept.notes.join(' '), /2 member.*kept/, "Data team's Auditor and Ada's Auditor are kept");
    const removed = planOf(edited, true);
    assert.deepEqual(
      removed.changes.filter((c) => c.after === 'without it').map((c) => [c.object, c.before]),
      [
        ['group Data team', 'holds Auditor'],
        ['user ada@example.com', 'holds Auditor'],
      ],
    );
    // As a plan is applied: one change after another.
    return removed.changes
      .reduce((done, c) => done.then(() => c.apply()), Promise.resolve<unknown>(undefined))
      .then(() =>
        assert.deepEqual(writes, [
          'unassignRole ["proj_1",{"type":"group","id":"group_data"},"role_a"]',
          'grantGroup ["proj_1","group_ml","role_project_member"]',
          'assignRole ["proj_1",{"type":"group","id":"group_ml"},"role_a"]',
          'assignRole ["proj_1",{"type":"user","id":"user_bob"},"role_a"]',
          'unassignRole ["proj_1",{"type":"user","id":"user_ada"},"role_a"]',
        ]),
      );
  });

  it('groups and role assignments written wrong: each problem says where', () => {
    const r = parseProjectFile(
      JSON.stringify({
        project: 'Data',
        groups: { 'Data team': [], ML: 'Viewer', Ops: ['Viewer', 'viewer'] },
        roleAssignments: { nobody: ['Viewer'], 'a@example.com': [3] },
      }),
    );
    assert.equal(r.file, undefined);
    assert.deepEqual(
      r.problems.map((x) => x.split(':')[0]),
      ['groups › Data team', 'groups › ML', 'groups › Ops', 'roleAssignments › nobody', 'roleAssignments › a@example.com'],
    );
  });

  it('policy sections written wrong: each problem says where, and nothing is planned', () => {
    const bad = {
      project: 'Data',
      spendLimit: -5,
      spendAlerts: [
        { amount: 10, recipients: [] },
        { amount: 10.001, recipients: ['a@example.com'] },
        { amount: 20, recipients: ['x'], extra: 1 },
      ],
      models: { allow: [] },
      hostedTools: { teleport: true },
      dataRetention: 'Zero Data Retention!',
      serviceTiers: { default: 'standard' },
    };
    const r = parseProjectFile(JSON.stringify(bad));
    assert.equal(r.file, undefined);
    assert.deepEqual(
      r.problems.map((x) => x.split(':')[0]),
      [
        'spendLimit',
        'spendAlerts › 1 › recipients',
        'spendAlerts › 2 › amount',
        'spendAlerts › 3',
        'models',
        'hostedTools › teleport',
        'dataRetention',
        'serviceTiers',
      ],
    );
    // Two alerts at one amount: the second is refused (the API keeps one per amount).
    const twice = parseProjectFile(JSON.stringify({ project: 'Data', spendAlerts: [10, 10].map((amount) => ({ amount, recipients: ['a@example.com'] })) }));
    assert.match(twice.problems[0]!, /spendAlerts › 2 › amount: another alert has the same amount/);
  });

  it('a role the API may show but a person cannot be given is refused in the plan, not sent', () => {
    const l = live([user('user-a', 'a@example.com', 'member')], []);
    const p = plan(JSON.stringify({ project: 'Data', id: 'proj_1', members: { 'a@example.com': 'reader' } }), l);
    assert.equal(p.changes.length, 0);
    assert.match(p.skipped[0]!.why, /"reader" is not a role a person can be given here/);
  });

  it('names follow the rules of Create and Rename: length, control characters', () => {
    for (const name of ['x'.repeat(129), 'tab\tin it', 'line\nbreak', ' ']) {
      assert.ok(parseProjectFile(JSON.stringify({ project: name })).problems.length >= 1, JSON.stringify(name));
      assert.ok(parseProjectFile(JSON.stringify({ project: 'ok', serviceAccounts: { [name]: 'member' } })).problems.length >= 1, JSON.stringify(name));
    }
  });

  it('an id the organization does not have, while a project of its name exists: nothing is created, and why', () => {
    const projects = [project('proj_live', 'Data'), project('proj_old', 'Old', 'archived')];
    const file = parseProjectFile(JSON.stringify({ project: 'Data', id: 'proj_elsewhere' })).file!;
    const m = findProject(projects, file);
    assert.equal(m.project, undefined);
    assert.match(m.blocked ?? '', /proj_elsewhere is not a project of this organization.*"Data" exists \(proj_live\).*Nothing is created/);
    const unknown = findProject(projects, parseProjectFile(JSON.stringify({ project: 'Brand New', id: 'proj_elsewhere' })).file!);
    assert.match(unknown.note ?? '', /creates a new project "Brand New", with an id of its own/);
    const archived = findProject(projects, parseProjectFile(JSON.stringify({ project: 'Old' })).file!);
    assert.match(archived.note ?? '', /An archived project named "Old" \(proj_old\) exists; applying creates a new, active one/);
  });

  it('a 10,000-member file compares and plans in well under a second', () => {
    const users = Array.from({ length: 10_000 }, (_, i) => user(`user-${i}`, `u${i}@example.com`, i % 2 ? 'member' : 'owner'));
    const l = live(users, []);
    const members = Object.fromEntries(users.map((u, i) => [u.email!, i % 3 ? u.role : 'owner']));
    const text = JSON.stringify({ project: 'Data', id: 'proj_1', members }, null, 2);
    let changes = 0;
    const took = ms(() => (changes = plan(text, l).changes.length));
    assert.equal(changes, users.filter((u, i) => i % 3 === 0 && u.role !== 'owner').length);
    assert.ok(took < 1_000, `${took.toFixed(0)} ms`);
  });
});
