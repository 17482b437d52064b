// What the tree has loaded, per project and folder, so re-expanding costs no request and a mutation
// reloads only the list it changed. Reads share one small pool: the admin API's own rate limit is low.
import * as l10n from '@vscode/l10n';
import { collect, type AssignedRole, type GroupUser, type OrganizationUser, type Role, type Project, type ProjectsClient } from '../client';
import { FOLDER_KINDS, KINDS, type FolderItems, type FolderKind, type KindSpec } from './kinds';
import { ORG_KINDS, type OrgItems, type OrgKind, type OrgKindSpec } from './orgKinds';
import { FACETS, scopeKey, type Facet, type FacetValues, type Scope } from './facets';

export { EXPAND_KINDS, FILE_KINDS, FOLDER_KINDS, KINDS, type FileKind, type FolderItems, type FolderKind, type ItemOf } from './kinds';

/** At most `n` calls in flight; the rest wait their turn. */
export function pool(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

interface Entry<T> {
  promise: Promise<T>;
  value?: T;
}

const heldKey = (p: Principal) => `${p.projectId ?? ''}/${p.type}/${p.id}`;

/** Who holds a role: a user or a group, in the organization or in one project. */
export interface Principal {
  type: 'user' | 'group';
  id: string;
  projectId?: string;
}

/** Told of every list the store settles (the index): loaded, or patched from a write's answer. */
export interface StoreListener {
  projectsLoaded(projects: Project[]): void;
  folderLoaded<K extends FolderKind>(projectId: string, kind: K, items: FolderItems[K]): void;
  folderPatched<K extends FolderKind>(projectId: string, kind: K, items: FolderItems[K]): void;
  /** Whether it holds a copy of a list (or may: not yet read from disk), so a change to it is read again. */
  holds(projectId: string, kind: FolderKind): boolean;
  /** A change known exactly, to a list it holds and the store does not: applied to its copy, no request. */
  patchHeld<K extends FolderKind>(projectId: string, kind: K, update: (items: FolderItems[K]) => FolderItems[K]): void;
  /** A project's policy facet as read or written; undefined when a write changed it in a way not known. */
  facetLoaded<F extends Facet>(projectId: string, facet: F, value: FacetValues[F] | undefined): void;
  /** A write that may change who holds what in a project (undefined: the organization): what it keeps of that is old. */
  rolesForgotten(projectId?: string): void;
}

/** What a view redraws: the project list, or one project's list. */
export type StoreChange = 'projects' | { projectId: string; kind: FolderKind } | { org: OrgKind } | { facet: Facet; scope: Scope };

/** The project list while it loads: the pages so far, so rows can show before the last page. */
export interface ProjectPages {
  /** Every project of the pages received so far, in the API's order. */
  readonly soFar: Project[];
  /** Resolves when the first of several pages has landed (race it with the whole list). */
  readonly first: Promise<void>;
  /** Called on each further page. */
  onPage?: () => void;
}

export class OrgStore {
  private projectList?: Entry<Project[]>;
  private pages?: ProjectPages;
  private readonly orgLists = new Map<OrgKind, Entry<unknown>>();
  private readonly folders = new Map<string, Entry<unknown>>();
  private readonly facets = new Map<string, Entry<unknown>>();
  /** Each group's members, by group id. */
  private readonly groupLists = new Map<string, Entry<GroupUser[]>>();
  /**
   * Role assignments and a project's roles as last read: always read afresh when asked for, kept for what
   * shows them without a request (a project file's status line). A write to them, or to the project's
   * users or groups, forgets them.
   */
  private readonly held = new Map<string, AssignedRole[]>();
  private readonly rolesOf = new Map<string, Role[]>();
  private readonly run = pool(4);
  /**
   * A policy form reads its six facets at once: one round trip, not two waves of four. They are small
   * single reads, and the client's pacer still keeps every request to the rate the API allows.
   */
  private readonly runFacet = pool(8);
  /**
   * Bumped when everything is forgotten (Refresh, another admin key or base URL): a load that was
   * under way for the old key lands in nothing (no listener, no cache), and whoever waits for it
   * gets the current key's list instead.
   */
  private epoch = 0;
  private readonly watchers = new Set<(c: StoreChange) => void>();

  constructor(
    private readonly client: () => Promise<ProjectsClient>,
    private readonly listener?: StoreListener,
  ) {}

  projects(includeArchived: boolean): Promise<Project[]> {
    const epoch = this.epoch;
    if (!this.projectList) {
      let firstLanded!: () => void;
      const pages: ProjectPages = { soFar: [], first: new Promise<void>((r) => (firstLanded = r)) };
      this.pages = pages;
      this.projectList = this.track(async () => {
        try {
          const c = await this.client();
          // 100 a page, the API's maximum: ceil(N / 100) round trips, the floor for a cursor list.
          const all = await collect((after) => this.run(() => c.listProjects({ limit: 100, after, includeArchived: true })), {
            subject: l10n.t('the projects list'),
            onPage: (page, i) => {
              pages.soFar.push(...(page.data as Project[]));
              // A list of one page is simply the list: `first` waits only when there is more to come.
              if (i === 0 && page.has_more) firstLanded();
              else if (i > 0) pages.onPage?.();
            },
          });
          if (epoch === this.epoch) this.listener?.projectsLoaded(all);
          return all;
        } finally {
          if (this.pages === pages) this.pages = undefined;
        }
      });
    }
    return this.projectList.promise.then((all) =>
      epoch !== this.epoch ? this.projects(includeArchived) : includeArchived ? all : all.filter((p) => p.status !== 'archived'),
    );
  }

  /** The organization's members (to find a person by email), cached like the lists. */
  orgUsers(): Promise<OrganizationUser[]> {
    return this.orgList('members');
  }

  /** One of the organization's own lists (members, invites, admin keys), every page, cached like a folder. */
  orgList<K extends OrgKind>(kind: K): Promise<OrgItems[K]> {
    const epoch = this.epoch;
    let entry = this.orgLists.get(kind);
    if (!entry) {
      entry = this.track(async () => {
        const c = await this.client();
        const spec = ORG_KINDS[kind] as OrgKindSpec<OrgKind>;
        return collect((after) => this.run(() => spec.page(c, after)), { subject: spec.subject() });
      });
      this.orgLists.set(kind, entry);
    }
    return (entry.promise as Promise<OrgItems[K]>).then((items) => (epoch !== this.epoch ? this.orgList(kind) : items));
  }

  /** An organization list if it has loaded, else undefined: no request. */
  orgLoaded<K extends OrgKind>(kind: K): OrgItems[K] | undefined {
    return (this.orgLists.get(kind) as Entry<OrgItems[K]> | undefined)?.value;
  }

  /** An organization list a write's answer describes exactly: patched if loaded (else read when next shown). */
  orgWritten<K extends OrgKind>(kind: K, update: (items: OrgItems[K]) => OrgItems[K]): void {
    const value = this.orgLoaded(kind);
    if (value) {
      const next = update(value);
      this.orgLists.set(kind, { promise: Promise.resolve(next), value: next });
    }
    this.emit({ org: kind });
  }

  /** An organization list a write changed in a way its answer does not say: forgotten, read when next shown. */
  orgStale(kind: OrgKind): void {
    this.orgLists.delete(kind);
    this.emit({ org: kind });
  }

  /** Forgets one organization list (the view's Refresh on it); the groups' members go with the groups. */
  invalidateOrg(kind: OrgKind): void {
    this.orgLists.delete(kind);
    if (kind === 'groups') this.groupLists.clear();
  }

  /** A group's members, read once and cached like the lists. */
  groupMembers(groupId: string): Promise<GroupUser[]> {
    const epoch = this.epoch;
    let entry = this.groupLists.get(groupId);
    if (!entry) {
      entry = this.track(async () => {
        const c = await this.client();
        return collect((after) => this.run(() => c.listGroupUsers({ groupId, limit: 100, after })), {
          subject: l10n.t('the members of group {0}', groupId),
        });
      });
      this.groupLists.set(groupId, entry);
    }
    return entry.promise.then((v) => (epoch !== this.epoch ? this.groupMembers(groupId) : v));
  }

  /** A project's roles, predefined and custom, read now (picked from, or read back, at the moment). */
  async projectRoles(projectId: string): Promise<Role[]> {
    const c = await this.client();
    const epoch = this.epoch;
    const roles = await collect((after) => this.run(() => c.listProjectRoles({ projectId, limit: 100, after })), {
      subject: l10n.t('the roles of project {0}', projectId),
    });
    if (epoch === this.epoch) this.rolesOf.set(projectId, roles);
    return roles;
  }

  /** A project's roles as last read, or undefined: no request. */
  projectRolesLoaded(projectId: string): Role[] | undefined {
    return this.rolesOf.get(projectId);
  }

  /** A principal's roles as last read, or undefined: no request. */
  rolesHeldLoaded(p: Principal): AssignedRole[] | undefined {
    return this.held.get(heldKey(p));
  }

  /** Roles assigned or taken back, or a project's roles changed: what was read of them is forgotten. */
  rolesChanged(p: Principal | { projectId: string }): void {
    if ('type' in p) this.held.delete(heldKey(p));
    else this.rolesOf.delete(p.projectId);
    this.listener?.rolesForgotten(p.projectId);
    if (p.projectId !== undefined) this.emit({ projectId: p.projectId, kind: 'type' in p && p.type === 'group' ? 'groups' : 'users' });
    else this.emit({ org: 'type' in p && p.type === 'group' ? 'groups' : 'members' });
  }

  /** The roles a principal holds, as the API lists them now (each with where it comes from); kept as last read. */
  async rolesHeld(p: Principal): Promise<AssignedRole[]> {
    const c = await this.client();
    const { projectId, id } = p;
    const epoch = this.epoch;
    const held = await collect(
      (after) =>
        this.run(() => {
          const page = { limit: 100, after };
          if (projectId === undefined)
            return p.type === 'user' ? c.listUserRoleAssignments({ userId: id, ...page }) : c.listGroupRoleAssignments({ groupId: id, ...page });
          return p.type === 'user'
            ? c.listProjectUserRoleAssignments({ projectId, userId: id, ...page })
            : c.listProjectGroupRoleAssignments({ projectId, groupId: id, ...page });
        }),
      { subject: l10n.t('the roles of {0}', id) },
    );
    if (epoch === this.epoch) this.held.set(heldKey(p), held);
    return held;
  }

  /** A group's members if they have been read, else undefined: no request. */
  groupMembersLoaded(groupId: string): GroupUser[] | undefined {
    return this.groupLists.get(groupId)?.value;
  }

  /** A group's members as a write's answer says they are now (a list not read stays unread). */
  groupMembersWritten(groupId: string, update: (users: GroupUser[]) => GroupUser[]): void {
    const value = this.groupMembersLoaded(groupId);
    if (value) {
      const next = update(value);
      this.groupLists.set(groupId, { promise: Promise.resolve(next), value: next });
    } else this.groupLists.delete(groupId);
    this.emit({ org: 'groups' });
  }

  /**
   * One facet of a project's or the organization's policy, read once and cached; `fresh` reads it again
   * (a form's Reload, its check for another admin's change before a save).
   */
  facet<F extends Facet>(scope: Scope, facet: F, fresh = false): Promise<FacetValues[F]> {
    const key = `${scopeKey(scope)}/${facet}`;
    const epoch = this.epoch;
    if (fresh) this.facets.delete(key);
    let entry = this.facets.get(key);
    if (!entry) {
      entry = this.track(async () => {
        const c = await this.client();
        const v = await this.runFacet(() => FACETS[facet].read(c, scope));
        if (epoch === this.epoch && 'projectId' in scope) this.listener?.facetLoaded(scope.projectId, facet, v);
        return v;
      });
      this.facets.set(key, entry);
    }
    return (entry.promise as Promise<FacetValues[F]>).then((v) => (epoch !== this.epoch ? this.facet(scope, facet) : v));
  }

  /** A facet if it has been read, else undefined: no request. */
  facetLoaded<F extends Facet>(scope: Scope, facet: F): FacetValues[F] | undefined {
    return (this.facets.get(`${scopeKey(scope)}/${facet}`) as Entry<FacetValues[F]> | undefined)?.value;
  }

  /** A facet as a write's answer (or its read-back) says it is now. */
  facetWritten<F extends Facet>(scope: Scope, facet: F, value: FacetValues[F]): void {
    this.facets.set(`${scopeKey(scope)}/${facet}`, { promise: Promise.resolve(value), value });
    if ('projectId' in scope) this.listener?.facetLoaded(scope.projectId, facet, value);
    this.emit({ facet, scope });
  }

  /** A facet a write changed in a way its answer does not say: forgotten, read when next needed. */
  facetStale(scope: Scope, facet: Facet): void {
    this.facets.delete(`${scopeKey(scope)}/${facet}`);
    if ('projectId' in scope) this.listener?.facetLoaded(scope.projectId, facet, undefined);
    this.emit({ facet, scope });
  }

  /** The project list's pages while it is loading, undefined once it has loaded (or before it starts). */
  get projectPages(): ProjectPages | undefined {
    return this.pages;
  }

  /** The project list if it has loaded (archived ones included), else undefined: no request. */
  get loadedProjects(): Project[] | undefined {
    return this.projectList?.value;
  }

  /** Whether the project list has loaded (no request needed for it). */
  get projectsLoaded(): boolean {
    return this.projectList?.value !== undefined;
  }

  folder<K extends FolderKind>(projectId: string, kind: K): Promise<FolderItems[K]> {
    const key = `${projectId}/${kind}`;
    const epoch = this.epoch;
    let entry = this.folders.get(key);
    if (!entry) {
      entry = this.track(() => this.load(projectId, kind, epoch));
      this.folders.set(key, entry);
    }
    return (entry.promise as Promise<FolderItems[K]>).then((items) => (epoch !== this.epoch ? this.folder(projectId, kind) : items));
  }

  /** The items of a folder if they have loaded (for the folder's count), else undefined. */
  loaded<K extends FolderKind>(projectId: string, kind: K): FolderItems[K] | undefined {
    return (this.folders.get(`${projectId}/${kind}`) as Entry<FolderItems[K]> | undefined)?.value;
  }

  /**
   * A project as a mutation returned it (created, renamed, archived): patched into the cached list, so
   * an organization of thousands is not listed again for one change. False if there was no list to patch.
   */
  putProject(p: Project): boolean {
    const list = this.projectList?.value;
    if (!list) return false;
    const next = list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...list, p];
    this.projectList = { promise: Promise.resolve(next), value: next };
    this.listener?.projectsLoaded(next);
    return true;
  }

  /** Applies a change the API confirmed to a loaded folder. False if the folder was not loaded. */
  patch<K extends FolderKind>(projectId: string, kind: K, update: (items: FolderItems[K]) => FolderItems[K]): boolean {
    const key = `${projectId}/${kind}`;
    const value = (this.folders.get(key) as Entry<FolderItems[K]> | undefined)?.value;
    if (!value) return false;
    const next = update(value);
    this.folders.set(key, { promise: Promise.resolve(next), value: next });
    this.listener?.folderPatched(projectId, kind, next);
    return true;
  }

  /** Tells `fn` of every list a write changed (the tree redraws that row); returns the unsubscribe. */
  onDidChange(fn: (c: StoreChange) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  // The cache policy after a write: patch from the answer; read again only a list the answer does not
  // describe, and only if some copy of it is held; otherwise forget it until it is next shown.

  /** A project as a write returned it (created, renamed, archived): patched into the list, else the list is read again when shown. */
  projectWritten(p: Project): void {
    if (!this.putProject(p)) this.invalidateProjects();
    this.emit('projects');
  }

  /**
   * A list a write's answer describes exactly (the new item, a confirmed delete): the loaded list is
   * patched; one not loaded here is patched in the listener's copy (the index), no request either way.
   */
  written<K extends FolderKind>(projectId: string, kind: K, update: (items: FolderItems[K]) => FolderItems[K]): void {
    if (!this.patch(projectId, kind, update)) {
      this.invalidate(projectId, kind);
      this.listener?.patchHeld(projectId, kind, update);
    }
    this.emit({ projectId, kind });
  }

  /**
   * A list a write changed in a way its answer does not say (something new in it): read again now if it
   * is held here or by the listener (one request), so no copy keeps it without the change, even while
   * its row is collapsed; a list held nowhere is read when next shown.
   */
  reread(projectId: string, kind: FolderKind): void {
    const held = this.heldAnywhere(projectId, kind);
    this.invalidate(projectId, kind);
    const change = { projectId, kind };
    if (held) {
      const landed = () => this.emit(change);
      this.folder(projectId, kind).then(landed, landed);
    }
    this.emit(change);
  }

  /** Whether a copy of the list is held, here or by the listener (or may be: its copies not yet read from disk). */
  heldAnywhere(projectId: string, kind: FolderKind): boolean {
    return this.loaded(projectId, kind) !== undefined || this.listener?.holds(projectId, kind) === true;
  }

  /** A list whose items a write left in place but changed in state (keys that stop working): forgotten, read when next shown. */
  stale(projectId: string, kind: FolderKind): void {
    this.invalidate(projectId, kind);
    this.emit({ projectId, kind });
  }

  /** What else a write to one kind changes, as the kinds table says, when its answer does not say how. */
  touched(projectId: string, kind: FolderKind): void {
    const t = KINDS[kind].touches;
    for (const k of t?.reread ?? []) this.reread(projectId, k);
    for (const k of t?.stale ?? []) this.stale(projectId, k);
  }

  private emit(c: StoreChange): void {
    // A change of a project's users or groups may change what each holds there.
    if (typeof c === 'object' && 'kind' in c && (c.kind === 'users' || c.kind === 'groups'))
      this.forgetHeld(c.projectId, c.kind === 'users' ? 'user' : 'group');
    for (const w of this.watchers) w(c);
  }

  invalidateProjects(): void {
    this.projectList = undefined;
  }

  /** Forgets one folder, every folder of a project, or (no argument) everything. */
  invalidate(projectId?: string, kind?: FolderKind): void {
    if (projectId === undefined) {
      this.epoch++;
      this.projectList = this.pages = undefined;
      this.orgLists.clear();
      this.groupLists.clear();
      this.folders.clear();
      this.facets.clear();
      this.held.clear();
      this.rolesOf.clear();
      return;
    }
    if (kind === 'users' || kind === 'groups') this.forgetHeld(projectId, kind === 'users' ? 'user' : 'group');
    if (!kind) {
      this.forgetHeld(projectId, 'user');
      this.forgetHeld(projectId, 'group');
      this.rolesOf.delete(projectId);
    }
    for (const k of kind ? [kind] : FOLDER_KINDS) this.folders.delete(`${projectId}/${k}`);
    if (!kind) for (const k of [...this.facets.keys()]) if (k.startsWith(`${projectId}/`)) this.facets.delete(k);
  }

  private forgetHeld(projectId: string, type: Principal['type']): void {
    for (const k of [...this.held.keys()]) if (k.startsWith(`${projectId}/${type}/`)) this.held.delete(k);
  }

  private track<T>(load: () => Promise<T>): Entry<T> {
    const entry: Entry<T> = { promise: load() };
    // A failed load is forgotten, so the error row's retry asks again.
    entry.promise.then(
      (v) => (entry.value = v),
      () => {
        if (this.projectList === (entry as unknown)) this.projectList = undefined;
        for (const [k, e] of this.orgLists) if (e === (entry as unknown)) this.orgLists.delete(k);
        for (const [k, e] of this.groupLists) if (e === (entry as unknown)) this.groupLists.delete(k);
        for (const [k, e] of this.folders) if (e === (entry as unknown)) this.folders.delete(k);
        for (const [k, e] of this.facets) if (e === (entry as unknown)) this.facets.delete(k);
      },
    );
    return entry;
  }

  private async load<K extends FolderKind>(projectId: string, kind: K, epoch: number): Promise<FolderItems[K]> {
    const items = await this.fetch(projectId, kind);
    if (epoch === this.epoch) this.listener?.folderLoaded(projectId, kind, items);
    return items;
  }

  private async fetch<K extends FolderKind>(projectId: string, kind: K): Promise<FolderItems[K]> {
    const c = await this.client();
    const spec = KINDS[kind] as KindSpec<FolderKind>;
    return (await collect((after) => this.run(() => spec.page(c, projectId, after)), { subject: spec.subject(projectId) })) as FolderItems[K];
  }
}
