// Fills the index through the store (so every list also lands in the tree's cache): the lists that
// are missing or older than `maxAgeMs`, a few at a time, each request paced by the client's pacer.
// A cancel stops before the next list; what was fetched stays indexed, so a second run resumes.
import type { CancellationToken } from 'vscode';
import type { Project } from '../client';
import { FOLDER_KINDS, type FolderKind, type OrgStore } from '../store/store';
import { STALE_MS, type OrgIndex } from './orgIndex';
import { POLICY_FACETS, type PolicyFacet } from './policy';
import { directRoles, MEMBER_ROLES } from './access';
import { ORG_SCOPE, type HeldRoles } from './roles';

export interface FillOptions {
  kinds?: FolderKind[];
  /** Which projects (default: every active one). */
  projects?: Project[];
  /** A list fetched longer ago than this is fetched again. */
  maxAgeMs?: number;
  /** Only lists already indexed and stale (a background revalidation), not missing ones. */
  staleOnly?: boolean;
  /** The tree's cache does not count either: only a list fetched within `maxAgeMs` is not read again. */
  fresh?: boolean;
  token?: CancellationToken;
  /** After each project whose lists are all in: projects done so far, of all. */
  report?: (done: number, total: number) => void;
}

export interface FillResult {
  projects: number;
  /** Lists fetched by this run. */
  fetched: number;
  failed: { project: Project; kind: FolderKind; error: unknown }[];
  cancelled: boolean;
}

/** Lists loaded at once; the store's own pool holds requests to the same number. */
const WORKERS = 4;

/** The tasks, `WORKERS` at a time, each taken in turn; a cancel stops before the next (and says so in `result`). */
async function inTurn<T>(tasks: T[], result: { cancelled: boolean }, token: CancellationToken | undefined, run: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      if (token?.isCancellationRequested) {
        result.cancelled = true;
        return;
      }
      await run(tasks[next++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, tasks.length) }, worker));
}

export async function fillIndex(store: OrgStore, index: OrgIndex, opts: FillOptions = {}): Promise<FillResult> {
  const kinds = opts.kinds ?? FOLDER_KINDS;
  const maxAge = opts.maxAgeMs ?? STALE_MS;
  const projects = opts.projects ?? (await store.projects(false));
  await index.loadFolders();
  const now = Date.now();
  const left = new Map<string, number>();
  const tasks: { project: Project; kind: FolderKind }[] = [];
  for (const p of projects) {
    for (const kind of kinds) {
      const known = index.folder(p.id, kind);
      if ((!opts.fresh && store.loaded(p.id, kind) !== undefined) || (known && now - known.at <= maxAge) || (!known && opts.staleOnly)) continue;
      tasks.push({ project: p, kind });
      left.set(p.id, (left.get(p.id) ?? 0) + 1);
    }
  }
  let done = projects.length - left.size;
  const result: FillResult = { projects: projects.length, fetched: 0, failed: [], cancelled: false };
  opts.report?.(done, projects.length);
  await inTurn(tasks, result, opts.token, async (t) => {
    try {
      if (opts.fresh) store.invalidate(t.project.id, t.kind);
      await store.folder(t.project.id, t.kind);
      result.fetched++;
    } catch (error) {
      result.failed.push({ ...t, error });
    }
    const n = left.get(t.project.id)! - 1;
    left.set(t.project.id, n);
    if (n === 0) opts.report?.(++done, projects.length);
  });
  return result;
}

export interface PolicyFillResult {
  projects: number;
  /** Facets read by this run. */
  fetched: number;
  failed: { project: Project; facet: PolicyFacet; error: unknown }[];
  cancelled: boolean;
}

/** The facets of `projects` the index lacks (or holds from longer ago than `maxAgeMs`), as requests to send. */
export function policyTasks(index: OrgIndex, projects: Project[], maxAgeMs = STALE_MS, now = Date.now()): { project: Project; facet: PolicyFacet }[] {
  return projects.flatMap((project) => {
    const facts = index.factsOf(project.id);
    return POLICY_FACETS.filter((f) => !facts?.[f] || now - facts[f].at > maxAgeMs).map((facet) => ({ project, facet }));
  });
}

/**
 * Reads the policy facets of every active project the index lacks, a few at a time through the store
 * (each paced by the client; each lands in the index as the store's listener). Asked for on its own:
 * three requests a project, under the admin API's low rate limit.
 */
export async function fillPolicy(
  store: OrgStore,
  index: OrgIndex,
  opts: { projects: Project[]; maxAgeMs?: number; token?: CancellationToken; report?: (done: number, total: number) => void },
): Promise<PolicyFillResult> {
  await index.loadFolders();
  const tasks = policyTasks(index, opts.projects, opts.maxAgeMs);
  const result: PolicyFillResult = { projects: opts.projects.length, fetched: 0, failed: [], cancelled: false };
  opts.report?.(0, tasks.length);
  await inTurn(tasks, result, opts.token, async (t) => {
    try {
      await store.facet({ projectId: t.project.id }, t.facet, true);
      result.fetched++;
    } catch (error) {
      result.failed.push({ ...t, error });
    }
    opts.report?.(result.fetched + result.failed.length, tasks.length);
  });
  return result;
}

export interface RolesFillResult {
  /** Scopes (the organization, projects) read by this run. */
  fetched: number;
  requests: number;
  failed: { scope: string; error: unknown }[];
  cancelled: boolean;
}

export interface RoleTask {
  scope: string;
  project?: Project;
  requests: number;
  /** Its users and groups are not indexed: read first, and `requests` counts none of them. */
  unlisted?: boolean;
}

/** The scopes whose role assignments the index lacks or holds from over `maxAgeMs` ago, and the requests each takes (its roles, then one a group and a person). */
export async function roleTasks(store: OrgStore, index: OrgIndex, projects: Project[], maxAgeMs = STALE_MS, now = Date.now()): Promise<RoleTask[]> {
  const old = (scope: string) => {
    const r = index.rolesOf(scope);
    return !r || now - r.at > maxAgeMs;
  };
  const tasks: RoleTask[] = [];
  if (old(ORG_SCOPE)) {
    const [members, groups] = await Promise.all([store.orgList('members'), store.orgList('groups')]);
    tasks.push({ scope: ORG_SCOPE, requests: 1 + members.length + groups.length });
  }
  for (const p of projects) {
    if (!old(p.id)) continue;
    const users = store.loaded(p.id, 'users') ?? index.folder(p.id, 'users')?.items;
    const groups = store.loaded(p.id, 'groups') ?? index.folder(p.id, 'groups')?.items;
    // Lists not indexed are read first (two requests), their people and groups not counted: `unlisted` says so.
    tasks.push({ scope: p.id, project: p, requests: users && groups ? 1 + users.length + groups.length : 3, unlisted: !(users && groups) });
  }
  return tasks;
}

/**
 * Reads who holds which role in each scope `roleTasks` names: its roles, then each group's and each
 * person's roles there, through the store (paced, a few at a time), each scope landing in the index
 * whole. Asked for on its own: one request a group and a person in every project.
 */
export async function fillRoles(
  store: OrgStore,
  index: OrgIndex,
  opts: { tasks: RoleTask[]; token?: CancellationToken; report?: (done: number, total: number) => void },
): Promise<RolesFillResult> {
  const result: RolesFillResult = { fetched: 0, requests: 0, failed: [], cancelled: false };
  const total = opts.tasks.reduce((n, t) => n + t.requests, 0);
  opts.report?.(0, total);
  await inTurn(opts.tasks, result, opts.token, async (t) => {
    try {
      index.rolesLoaded(t.scope, await readHeldRoles(store, t.project));
      result.fetched++;
    } catch (error) {
      result.failed.push({ scope: t.scope, error });
    }
    result.requests += t.requests;
    opts.report?.(Math.min(result.requests, total), total);
  });
  return result;
}

/**
 * Who holds which role in a project (or, without one, the organization), read now through the store:
 * its roles, its groups and people, then each one's roles there. Index Role Assignments and a project
 * file's Export and Compare read it alike.
 */
export async function readHeldRoles(store: OrgStore, p: Project | undefined): Promise<HeldRoles> {
  const [roles, groups, users] = p
    ? await Promise.all([store.projectRoles(p.id), store.folder(p.id, 'groups'), store.folder(p.id, 'users')])
    : await Promise.all([store.orgList('roles'), store.orgList('groups'), store.orgList('members')]);
  const own = (u: { role?: string | null }) => MEMBER_ROLES[`${p ? 'project' : 'org'}:${u.role ?? ''}`];
  const projectId = p?.id;
  const [ofGroups, ofUsers] = await Promise.all([
    Promise.all(groups.map(async (g) => ({ id: g.id, roleIds: (await store.rolesHeld({ type: 'group', id: g.id, projectId })).map((r) => r.id) }))),
    Promise.all(
      users.map(async (u: { id: string; role?: string | null }) => ({
        id: u.id,
        roleIds: directRoles(await store.rolesHeld({ type: 'user', id: u.id, projectId }), u.id, own(u)),
      })),
    ),
  ]);
  return { roles: roles.map((r) => ({ id: r.id, name: r.name })), groups: ofGroups, users: ofUsers.filter((u) => u.roleIds.length) };
}
