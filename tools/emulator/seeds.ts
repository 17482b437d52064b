// Deterministic organizations to start from: the same seed name and value give the same ids and times.
import { clock } from './clock';
import type { ApiKey, Org, OrgUser, Project, RateLimit, RateLimitField } from './model';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const T0 = 1_714_000_000; // 2024-04-24, a plausible org creation time

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomString(next: () => number, n: number, chars = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(next() * chars.length)]!;
  return s;
}

type Limits = Partial<Record<RateLimitField, number>>;

/** Which limits each model has, and the organization's own ceiling for it. */
export const MODELS: Record<string, Limits> = {
  'gpt-5': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 2_000_000, batch_1_day_max_input_tokens: 200_000_000 },
  'gpt-5-mini': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 4_000_000, batch_1_day_max_input_tokens: 400_000_000 },
  'gpt-4.1': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 2_000_000, batch_1_day_max_input_tokens: 200_000_000 },
  'gpt-4.1-mini': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 4_000_000, batch_1_day_max_input_tokens: 400_000_000 },
  'gpt-4.1-nano': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 4_000_000 },
  'gpt-4o': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 2_000_000, batch_1_day_max_input_tokens: 200_000_000 },
  'gpt-4o-mini': { max_requests_per_1_minute: 30_000, max_tokens_per_1_minute: 10_000_000, batch_1_day_max_input_tokens: 1_000_000_000 },
  o3: { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 2_000_000 },
  'o4-mini': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 4_000_000 },
  'gpt-image-1': { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 100_000, max_images_per_1_minute: 50 },
  'dall-e-3': { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 0, max_images_per_1_minute: 50 },
  'whisper-1': { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 0, max_audio_megabytes_per_1_minute: 100 },
  'tts-1': { max_requests_per_1_minute: 500, max_tokens_per_1_minute: 0, max_audio_megabytes_per_1_minute: 50 },
  'text-embedding-3-small': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 10_000_000, batch_1_day_max_input_tokens: 4_000_000_000 },
  'text-embedding-3-large': { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 10_000_000, batch_1_day_max_input_tokens: 4_000_000_000 },
  'omni-moderation-latest': { max_requests_per_1_minute: 1_000, max_tokens_per_1_minute: 150_000, max_requests_per_1_day: 100_000 },
};

/** `large:N` (N projects, 3 members each), `large:N:M` (M members each, 1 ≤ M ≤ 50), `people:N` (N organization members). */
export type SeedName = 'demo' | 'empty' | `large:${number}` | `large:${number}:${number}` | `people:${number}`;

export function parseSeedName(s: string): SeedName {
  if (s === 'demo' || s === 'empty') return s;
  const people = /^people:(\d+)$/.exec(s);
  if (people && Number(people[1]) >= 1 && Number(people[1]) <= 100_000) return s as SeedName;
  const m = /^large:(\d+)(?::(\d+))?$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 100_000 && (m[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 50))) return s as SeedName;
  throw new Error(
    `Unknown seed "${s}": use demo, empty, large:N (1 ≤ N ≤ 100000) or large:N:M (M members a project, 1 ≤ M ≤ 50) or people:N (1 ≤ N ≤ 100000 members).`,
  );
}

/**
 * The demo's organization-level rows, from a stream of their own (the projects' ids stay as they were):
 * a SCIM-managed member, invites in each state, and a second admin key that expires soon. The pending
 * invite and the key's expiry are set from now, so they are pending and near expiry whenever it starts.
 */
function demoOrganization(org: Org, seedValue: number): void {
  const next = rng(seedValue ^ 0x0bad5eed);
  const id = (prefix: string, n = 20) => prefix + randomString(next, n);
  const t = Math.floor(clock.nowMs() / 1000);
  const [ada, grace, , , , , , , , frances, ken] = org.users;
  ken!.is_scim_managed = true;
  for (const [i, u] of org.users.entries()) u.api_key_last_used_at = i % 3 ? T0 + 200 * 86_400 + i * 3_600 : null;
  const [support, data] = org.projects.slice(1);
  org.invites = [
    {
      id: id('invite-'),
      email: 'hedy@example.com',
      role: 'reader',
      status: 'pending',
      created_at: t - 2 * 86_400,
      expires_at: t + 5 * 86_400,
      accepted_at: null,
      projects: [{ id: support!.id, role: 'member' }],
    },
    {
      id: id('invite-'),
      email: 'john@example.com',
      role: 'owner',
      status: 'pending',
      created_at: T0 + 30 * 86_400,
      expires_at: T0 + 37 * 86_400,
      accepted_at: null,
      projects: [],
    },
    {
      id: id('invite-'),
      email: frances!.email,
      role: 'reader',
      status: 'accepted',
      created_at: frances!.added_at - 86_400,
      expires_at: frances!.added_at + 6 * 86_400,
      accepted_at: frances!.added_at,
      projects: [{ id: data!.id, role: 'member' }],
    },
  ];
  const ci = keySecret(next, 'sk-admin-');
  org.admin_keys.push(ci.secret);
  org.admin_key_records = [
    {
      id: id('key_', 16),
      name: 'Main admin key',
      secret: org.admin_keys[0]!,
      redacted_value: `${org.admin_keys[0]!.slice(0, 12)}...${org.admin_keys[0]!.slice(-4)}`,
      created_at: ada!.added_at,
      expires_at: null,
      last_used_at: null,
      owner_id: ada!.id,
    },
    {
      id: id('key_', 16),
      name: 'CI provisioning',
      ...ci,
      created_at: t - 355 * 86_400,
      expires_at: t + 10 * 86_400,
      last_used_at: t - 86_400,
      owner_id: grace!.id,
    },
  ];
}

/**
 * The demo's groups and roles, from a stream of their own: a group made here and one synced from an
 * identity provider, each with access to a project; a custom role at each level, held directly and
 * through a group, so a person's access has every kind of source.
 */
function demoAccess(org: Org, seedValue: number): void {
  const next = rng(seedValue ^ 0x0acce55);
  const id = (prefix: string) => prefix + randomString(next, 20);
  const [ada, grace, , katherine, edsger, , donald, , linus, frances, ken] = org.users;
  const [support, data] = org.projects.slice(1);
  const at = T0 + 60 * 86_400;
  const analyst = {
    id: id('role_'),
    name: 'Usage analyst',
    description: 'Reads usage, costs and the audit log.',
    permissions: ['api.organization.read', 'api.organization.usage.read', 'api.organization.billing.read', 'api.organization.audit_logs.read'],
    created_at: at,
    updated_at: at,
    created_by: ada!.id,
  };
  const tuner = {
    id: id('role_'),
    name: 'Rate limit tuner',
    description: 'Reads the project and changes its rate limits.',
    permissions: ['api.project.read', 'api.project.rate_limits.write'],
    created_at: at + 3_600,
    updated_at: at + 3_600,
    created_by: grace!.id,
  };
  const dataTeam = { id: id('group_'), name: 'Data team', created_at: at, members: [grace!.id, edsger!.id, frances!.id] };
  const engineering = {
    id: id('group_'),
    name: 'Engineering (Okta)',
    created_at: at + 86_400,
    is_scim_managed: true,
    members: [ken!.id, linus!.id, donald!.id],
  };
  org.roles = [analyst];
  org.groups = [dataTeam, engineering];
  org.assignments = [
    { principal_type: 'group', principal_id: dataTeam.id, role_id: analyst.id, created_at: at + 7_200 },
    { principal_type: 'user', principal_id: katherine!.id, role_id: analyst.id, created_at: at + 7_200 },
  ];
  data!.roles = [tuner];
  data!.groups = [{ group_id: dataTeam.id, role_id: 'role_project_member', created_at: at + 7_200 }];
  data!.assignments = [
    { principal_type: 'group', principal_id: dataTeam.id, role_id: tuner.id, created_at: at + 10_800 },
    { principal_type: 'user', principal_id: edsger!.id, role_id: tuner.id, created_at: at + 10_800 },
  ];
  support!.groups = [{ group_id: engineering.id, role_id: 'role_project_viewer', created_at: at + 86_400 }];
}

/**
 * A key's secret and what the API shows of it: the start and the last four characters around a
 * hidden middle, as OpenAI's own `sk-abc...wxyz`. The secret is the emulator's only (a test pastes it
 * as a "leaked" key); the API never returns it.
 */
export function keySecret(next: () => number, family = 'sk-proj-'): { secret: string; redacted_value: string } {
  const secret = `${family}${randomString(next, 48, ALNUM + '_-')}`;
  return { secret, redacted_value: `${secret.slice(0, family.length + 3)}...${secret.slice(-4)}` };
}

export function buildSeed(name: SeedName, seedValue = 1): Org {
  const next = rng(seedValue);
  const id = (prefix: string, n = 24) => prefix + randomString(next, n);
  const org: Org = {
    admin_keys: [`sk-admin-${randomString(next, 40)}`],
    users: [],
    projects: [],
    org_limits: structuredClone(MODELS),
    next_serial: 1,
  };
  const user = (name: string, email: string, role: OrgUser['role'], i: number): OrgUser => ({
    id: id('user_'),
    name,
    email,
    role,
    added_at: T0 + i * 86_400,
  });
  const project = (name: string, i: number, isDefault = false): Project => ({
    id: id('proj_'),
    name,
    created_at: T0 + i * 3 * 86_400 + Math.floor(next() * 80_000),
    archived_at: null,
    status: 'active',
    is_default: isDefault,
    members: [],
    service_accounts: [],
    api_keys: [],
    rate_limits: [],
  });
  const limitsFor = (models: string[], lower: number): RateLimit[] =>
    models.map((model) => {
      const limits: Limits = {};
      for (const [f, v] of Object.entries(org.org_limits[model]!)) limits[f as RateLimitField] = Math.floor(v * lower);
      return { id: `rl-${model}`, model, limits };
    });
  const userKey = (p: Project, u: OrgUser, role: string, name: string, at: number): ApiKey => ({
    id: id('key_', 16),
    name,
    ...keySecret(next),
    created_at: at,
    last_used_at: next() < 0.7 ? at + Math.floor(next() * 5_000_000) : null,
    owner: { type: 'user', user_id: u.id, role },
  });
  const addServiceAccount = (p: Project, name: string, at: number) => {
    const sa = { id: id('svc_acct_'), name, role: 'member' as const, created_at: at };
    p.service_accounts.push(sa);
    p.api_keys.push({
      id: id('key_', 16),
      name: 'Secret Key',
      ...keySecret(next, 'sk-svcacct-'),
      created_at: at,
      last_used_at: next() < 0.8 ? at + Math.floor(next() * 5_000_000) : null,
      owner: { type: 'service_account', service_account_id: sa.id },
    });
  };
  const allModels = Object.keys(MODELS);

  if (name === 'empty') {
    org.users.push(user('Org Owner', 'owner@example.com', 'owner', 0));
    const d = project('Default project', 0, true);
    d.rate_limits = limitsFor(allModels, 1);
    org.projects.push(d);
    return org;
  }

  if (name === 'demo') {
    const people: [string, string, OrgUser['role']][] = [
      ['Ada Lovelace', 'ada@example.com', 'owner'],
      ['Grace Hopper', 'grace@example.com', 'owner'],
      ['Alan Turing', 'alan@example.com', 'reader'],
      ['Katherine Johnson', 'katherine@example.com', 'reader'],
      ['Edsger Dijkstra', 'edsger@example.com', 'reader'],
      ['Barbara Liskov', 'barbara@example.com', 'reader'],
      ['Donald Knuth', 'donald@example.com', 'reader'],
      ['Margaret Hamilton', 'margaret@example.com', 'reader'],
      ['Linus Torvalds', 'linus@example.com', 'reader'],
      ['Frances Allen', 'frances@example.com', 'reader'],
      ['Ken Thompson', 'ken@example.com', 'reader'],
    ];
    people.forEach(([n, e, r], i) => org.users.push(user(n, e, r, i)));
    const u = org.users;
    const spec: { name: string; members: [number, 'owner' | 'member'][]; sas: string[]; models: number; residency?: string }[] = [
      {
        name: 'Customer Support Bot',
        members: [
          [0, 'owner'],
          [2, 'member'],
          [3, 'member'],
          [8, 'member'],
        ],
        sas: ['support-prod', 'support-staging'],
        models: 8,
      },
      {
        name: 'Data Platform',
        members: [
          [1, 'owner'],
          [4, 'member'],
          [5, 'member'],
        ],
        sas: ['etl-runner'],
        models: 12,
        residency: 'EU_STORAGE_PROCESSING',
      },
      {
        name: 'Research Sandbox',
        members: [
          [6, 'owner'],
          [7, 'member'],
          [9, 'member'],
          [10, 'member'],
          [0, 'member'],
        ],
        sas: [],
        models: 16,
      },
      {
        name: 'Mobile App',
        members: [
          [2, 'owner'],
          [8, 'member'],
        ],
        sas: ['ios-backend', 'android-backend', 'push-notifier'],
        models: 10,
      },
      {
        name: 'Internal Tools',
        members: [
          [1, 'owner'],
          [3, 'owner'],
          [5, 'member'],
        ],
        sas: ['slackbot'],
        models: 6,
      },
      {
        name: 'Legacy Chatbot',
        members: [
          [0, 'owner'],
          [9, 'member'],
        ],
        sas: ['legacy-worker'],
        models: 4,
      },
    ];
    const d = project('Default project', 0, true);
    d.rate_limits = limitsFor(allModels, 1);
    d.api_keys.push(userKey(d, u[0]!, 'owner', 'ada-laptop', d.created_at + 1000));
    org.projects.push(d);
    spec.forEach((s, i) => {
      const p = project(s.name, i + 1);
      if (s.residency) p.residency = s.residency;
      for (const [ui, role] of s.members) p.members.push({ user_id: u[ui]!.id, role, added_at: p.created_at + 3600 * (ui + 1) });
      s.sas.forEach((n, k) => addServiceAccount(p, n, p.created_at + 7200 * (k + 1)));
      p.members.slice(0, 2).forEach((m, k) => {
        const owner = u.find((x) => x.id === m.user_id)!;
        p.api_keys.push(userKey(p, owner, m.role, `${owner.name.split(' ')[0]!.toLowerCase()}-dev`, p.created_at + 9000 * (k + 1)));
      });
      p.rate_limits = limitsFor(allModels.slice(0, s.models), i % 2 ? 0.5 : 0.25);
      org.projects.push(p);
    });
    const legacy = org.projects.at(-1)!;
    legacy.status = 'archived';
    legacy.archived_at = legacy.created_at + 90 * 86_400;
    demoOrganization(org, seedValue);
    demoAccess(org, seedValue);
    return org;
  }

  if (name.startsWith('people:')) {
    // An organization of many people (the Members list at its size) and a few projects.
    const count = Number(name.slice('people:'.length));
    for (let i = 0; i < count; i++) org.users.push(user(`Person ${i + 1}`, `person${i + 1}@example.com`, i < 2 ? 'owner' : 'reader', i % 1000));
    const d = project('Default project', 0, true);
    d.rate_limits = limitsFor(allModels.slice(0, 5), 1);
    org.projects.push(d, project('Project 1', 1));
    return org;
  }
  const [n, perProject] = name.slice('large:'.length).split(':').map(Number) as [number, number | undefined];
  const members = perProject ?? 3;
  // People in many projects each (a project's members are spread over the organization), so a search
  // for one person or an offboarding finds them across projects.
  const people = Math.max(50, Math.ceil(n / 20));
  for (let i = 0; i < people; i++) org.users.push(user(`User ${i + 1}`, `user${i + 1}@example.com`, i < 3 ? 'owner' : 'reader', i));
  const d = project('Default project', 0, true);
  // A hundred models on the default project (fine-tuned ones after the base models): the rate-limit
  // form at the size a large organization sees.
  const tuned = Array.from({ length: 100 - allModels.length }, (_, k) => `ft:gpt-4.1-mini-2025-04-14:acme::tuned${String(k + 1).padStart(3, '0')}`);
  for (const m of tuned) org.org_limits[m] = { ...MODELS['gpt-4.1-mini']! };
  d.rate_limits = limitsFor([...allModels, ...tuned], 1);
  org.projects.push(d);
  const width = String(n).length;
  for (let i = 1; i < n; i++) {
    const p = project(`Project ${String(i).padStart(width, '0')}`, i);
    p.created_at = T0 + i * 600;
    for (let k = 0; k < members; k++) {
      const ou = org.users[(i * 7 + k * 13) % org.users.length]!;
      if (!p.members.some((m) => m.user_id === ou.id)) p.members.push({ user_id: ou.id, role: k === 0 ? 'owner' : 'member', added_at: p.created_at + k });
    }
    addServiceAccount(p, `service-${i}`, p.created_at + 10);
    // The owner's key, and with more members a key for each.
    for (const [k, m] of p.members.slice(0, perProject === undefined ? 1 : members).entries()) {
      const owner = org.users.find((x) => x.id === m.user_id)!;
      p.api_keys.push(userKey(p, owner, m.role, k ? `${owner.email.split('@')[0]}-key` : 'dev-key', p.created_at + 20 + k));
    }
    p.rate_limits = limitsFor(allModels.slice(0, 5), 0.5);
    org.projects.push(p);
  }
  return org;
}
