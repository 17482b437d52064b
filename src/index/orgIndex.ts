// What is known of the whole organization: the project list and every folder list the tree or the
// indexer has loaded, each with when it was fetched. It outlives the tree's cache (a refresh empties
// that, not this) and, unless turned off, a window: it is kept on disk per admin key fingerprint.
// Nothing secret is in it: the API gives key values only redacted.
import type { Project } from '../client';
import { FOLDER_KINDS, type FolderItems, type FolderKind, type StoreListener } from '../store/store';
import type { FolderEntry, Stamped } from './entries';
import type { IndexFiles } from './files';
import { buildRecords, RecordGroup } from './records';
import { isPolicyFacet, type PolicyFacts } from './policy';
import { ORG_SCOPE, type HeldRoles } from './roles';
import type { Facet, FacetValues } from '../store/facets';
import { isDefaultProject } from '../shared/projectInfo';

/** The project a folder key (`projectId/kind`) belongs to. */
const projectOf = (key: string) => key.slice(0, key.indexOf('/'));

/** A list older than this is stale: still searched, marked so, and fetched again by the indexer. */
export const STALE_MS = 60 * 60 * 1000;

export interface IndexStats {
  projects: number;
  /** Active projects whose four lists are all indexed. */
  complete: number;
  /** Folder lists indexed, and how many of them are stale. */
  lists: number;
  stale: number;
  /** The oldest and newest fetch times, undefined when empty. */
  oldest?: number;
  newest?: number;
}

export class OrgIndex implements StoreListener {
  private list?: Stamped<Project[]>;
  private readonly folders = new Map<string, FolderEntry>();
  /** Each project's policy facts (spend limit, models, tools), as the store last read or wrote them. */
  private readonly policy = new Map<string, PolicyFacts>();
  /** Search records per project (its four lists' items), built when first searched. */
  private readonly records = new Map<string, RecordGroup>();
  private projectRecords?: RecordGroup;
  /** What searchGroups() last returned: a keystroke reuses it until a list changes. */
  private groups?: RecordGroup[];
  private bound?: { fingerprint: string; ready: Promise<void>; foldersRead?: Promise<void> };
  private saveTimer?: ReturnType<typeof setTimeout>;
  private dirty = { projects: false, folders: false, policy: false };

  constructor(
    private readonly files: IndexFiles | undefined,
    /** Read on every save: persistence can be turned off while running. */
    private readonly persist: () => boolean,
    /** A background save or read that failed, with what it was doing: reported, never swallowed. */
    private readonly onError: (e: unknown, doing: string) => void = () => undefined,
    private readonly saveDelayMs = 5000,
  ) {}

  /**
   * Switches to one key's index (its fingerprint), reading its project list from disk once. The
   * folders are read only when something needs them (search, the indexer), as they are the bulk.
   */
  bind(fingerprint: string): Promise<void> {
    if (this.bound?.fingerprint === fingerprint) return this.bound.ready;
    void this.flush().catch((e: unknown) => this.onError(e, 'saving the organization index'));
    this.clearMemory();
    const ready = (async () => {
      if (!this.files || !this.persist()) return;
      await this.files.use(fingerprint);
      // Organizations not used here for a month take their index with them.
      void this.files.sweep(fingerprint).catch((e: unknown) => this.onError(e, 'removing the indexes of keys unused for 30 days'));
      const stored = await this.files.readProjects(fingerprint);
      // A load that landed while the file was read is newer: keep it.
      if (stored && !this.list && this.bound?.fingerprint === fingerprint) {
        this.list = stored;
        this.groups = undefined;
      }
    })();
    this.bound = { fingerprint, ready };
    return ready;
  }

  /**
   * A change made here touched this list: true if the index holds it, or may (its lists on disk are
   * not read yet), so that the caller reads it again and the index does not keep it without the change.
   */
  holds(projectId: string, kind: FolderKind): boolean {
    if (this.folders.has(`${projectId}/${kind}`)) return true;
    return !!this.bound && !this.bound.foldersRead && !!this.files && this.persist();
  }

  /**
   * A change known exactly, to a list held here but not in the tree's cache: applied to this copy
   * (read from disk first if it is not yet), its time unchanged.
   */
  async patch<K extends FolderKind>(projectId: string, kind: K, update: (items: FolderItems[K]) => FolderItems[K]): Promise<void> {
    await this.loadFolders();
    const old = this.folder(projectId, kind);
    if (old) this.folderPatched(projectId, kind, update(old.items));
  }

  /** StoreListener: `patch`, its failure (reading the lists from disk) logged, not thrown at the write that was done. */
  patchHeld<K extends FolderKind>(projectId: string, kind: K, update: (items: FolderItems[K]) => FolderItems[K]): void {
    this.patch(projectId, kind, update).catch((e: unknown) => this.onError(e, 'updating the index after a change'));
  }

  /** Reads the folder lists from disk (once per key); lists loaded since then are newer and win. */
  async loadFolders(): Promise<void> {
    const b = this.bound;
    if (!b) return;
    await b.ready;
    b.foldersRead ??= (async () => {
      if (!this.files || !this.persist()) return;
      const [stored, facts] = await Promise.all([this.files.readFolders(b.fingerprint), this.files.readPolicy(b.fingerprint)]);
      if (this.bound !== b) return;
      for (const [key, entry] of Object.entries(stored ?? {})) {
        if (!this.folders.has(key)) this.setFolder(key, entry);
      }
      // A fact read since is newer: kept.
      for (const [id, f] of Object.entries(facts ?? {})) this.policy.set(id, { ...f, ...this.policy.get(id) });
    })();
    await b.foldersRead;
  }

  get projects(): Stamped<Project[]> | undefined {
    return this.list;
  }

  folder<K extends FolderKind>(projectId: string, kind: K): Stamped<FolderItems[K]> | undefined {
    return this.folders.get(`${projectId}/${kind}`) as Stamped<FolderItems[K]> | undefined;
  }

  /** What is known of a project's policy (only what the store has read or written; nothing is guessed). */
  factsOf(projectId: string): PolicyFacts | undefined {
    return this.policy.get(projectId);
  }

  /** Who holds which role in a scope (a project's id, or ORG_SCOPE), as Index Role Assignments last read it. */
  rolesOf(scope: string): Stamped<HeldRoles> | undefined {
    return this.policy.get(scope)?.roles;
  }

  rolesLoaded(scope: string, items: HeldRoles, at = Date.now()): void {
    this.policy.set(scope, { ...this.policy.get(scope), roles: { at, items } });
    this.changed('policy');
  }

  /** StoreListener: something that may change who holds what in a project (undefined: the organization) was written. */
  rolesForgotten(projectId?: string): void {
    const scope = projectId ?? ORG_SCOPE;
    const facts = this.policy.get(scope);
    if (!facts?.roles) return;
    const { roles: _gone, ...rest } = facts;
    this.policy.set(scope, rest);
    this.changed('policy');
  }

  /** StoreListener: a project's facet as read or written (undefined: changed in a way not known, forgotten). */
  facetLoaded<F extends Facet>(projectId: string, facet: F, value: FacetValues[F] | undefined, at = Date.now()): void {
    if (!isPolicyFacet(facet)) return;
    const facts: PolicyFacts = { ...this.policy.get(projectId) };
    if (value === undefined) delete facts[facet];
    else (facts as Record<string, unknown>)[facet] = { at, items: value };
    this.policy.set(projectId, facts);
    this.changed('policy');
  }

  // StoreListener: every list the store settles (loaded, or patched from a mutation's answer).
  projectsLoaded(projects: Project[], at = Date.now()): void {
    const before = new Map(this.list?.items.map((p) => [p.id, p]));
    this.list = { at, items: projects };
    this.projectRecords = undefined;
    this.groups = undefined;
    // Folders of projects that are gone (deleted elsewhere) go too; a renamed project's records are
    // rebuilt, as they say where each item is.
    const byId = new Map(projects.map((p) => [p.id, p]));
    for (const key of [...this.folders.keys()]) {
      const id = projectOf(key);
      const now = byId.get(id);
      if (!now) this.deleteFolder(key);
      else if (before.get(id)?.name !== now.name) this.records.delete(id);
    }
    const gone = [...this.policy.keys()].filter((id) => !byId.has(id) && id !== ORG_SCOPE);
    gone.forEach((id) => this.policy.delete(id));
    if (gone.length) this.changed('policy');
    this.changed('projects');
  }

  folderLoaded<K extends FolderKind>(projectId: string, kind: K, items: FolderItems[K], at = Date.now()): void {
    this.setFolder(`${projectId}/${kind}`, { kind, at, items } as FolderEntry);
    this.changed('folders');
  }

  /** A folder changed after a mutation: its list kept, its time unchanged (it is only as fresh as before). */
  folderPatched<K extends FolderKind>(projectId: string, kind: K, items: FolderItems[K]): void {
    const old = this.folders.get(`${projectId}/${kind}`);
    if (!old) return;
    this.setFolder(`${projectId}/${kind}`, { kind, at: old.at, items } as FolderEntry);
    this.changed('folders');
  }

  /**
   * Every indexed item of active projects, as search records: one group of projects, then one group
   * per project holding its lists' items (a keystroke's cost is mostly a scan per group, so fewer and
   * larger groups; a list that changes rebuilds only its project's).
   */
  searchGroups(): RecordGroup[] {
    if (this.groups) return this.groups;
    const projects = this.activeProjects();
    this.projectRecords ??= new RecordGroup(projects.map((p) => buildRecords.project(p)));
    const out: RecordGroup[] = [this.projectRecords];
    // The default project's members are every member of the organization: its records come last, so
    // a person's real projects rank (and are offered) first.
    for (const p of [...projects.filter((x) => !isDefaultProject(x)), ...projects.filter(isDefaultProject)]) {
      let g = this.records.get(p.id);
      if (!g) {
        const records = FOLDER_KINDS.flatMap((kind) => {
          const entry = this.folders.get(`${p.id}/${kind}`);
          return entry ? buildRecords.folder(p, entry) : [];
        });
        if (!records.length) continue;
        g = new RecordGroup(records);
        this.records.set(p.id, g);
      }
      out.push(g);
    }
    this.groups = out;
    return out;
  }

  activeProjects(): Project[] {
    return (this.list?.items ?? []).filter((p) => p.status !== 'archived');
  }

  stats(now = Date.now()): IndexStats {
    const active = this.activeProjects();
    let complete = 0;
    let stale = 0;
    let oldest: number | undefined;
    let newest: number | undefined;
    for (const p of active) {
      if (FOLDER_KINDS.every((k) => this.folders.has(`${p.id}/${k}`))) complete++;
    }
    for (const e of this.folders.values()) {
      if (now - e.at > STALE_MS) stale++;
      oldest = Math.min(oldest ?? e.at, e.at);
      newest = Math.max(newest ?? e.at, e.at);
    }
    return { projects: active.length, complete, lists: this.folders.size, stale, oldest, newest };
  }

  /** Forgets everything of the bound key, on disk too (Clear Admin Key). */
  async forget(fingerprint: string): Promise<void> {
    if (this.bound?.fingerprint === fingerprint) {
      clearTimeout(this.saveTimer);
      this.dirty = { projects: false, folders: false, policy: false };
      this.clearMemory();
      this.bound = undefined;
    }
    await this.files?.remove(fingerprint);
  }

  /** Writes what changed now (deactivation, a key switch, tests). */
  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const b = this.bound;
    if (!b || !this.files || (!this.dirty.projects && !this.dirty.folders && !this.dirty.policy)) return;
    // A snapshot now: a key switch during the writes below must not mix two organizations.
    const what = this.dirty;
    const list = this.list;
    let folders = new Map(this.folders);
    let policy = new Map(this.policy);
    this.dirty = { projects: false, folders: false, policy: false };
    if (!this.persist()) {
      // Turned off: nothing of this organization stays on disk.
      await this.files.remove(b.fingerprint);
      return;
    }
    if (what.projects && list) await this.files.writeProjects(b.fingerprint, list);
    if (what.folders) {
      // Lists on disk that were never read would be lost by writing only those in memory.
      if (!b.foldersRead) {
        for (const [key, entry] of Object.entries((await this.files.readFolders(b.fingerprint)) ?? {})) if (!folders.has(key)) folders.set(key, entry);
      } else {
        await b.foldersRead;
        if (this.bound === b) folders = new Map(this.folders);
      }
      await this.files.writeFolders(b.fingerprint, Object.fromEntries(folders));
    }
    if (what.policy) {
      if (!b.foldersRead) {
        for (const [id, f] of Object.entries((await this.files.readPolicy(b.fingerprint)) ?? {})) policy.set(id, { ...f, ...policy.get(id) });
      } else {
        await b.foldersRead;
        if (this.bound === b) policy = new Map(this.policy);
      }
      await this.files.writePolicy(b.fingerprint, Object.fromEntries(policy));
    }
  }

  /**
   * Saved once things are quiet: the write (thousands of projects, as JSON) takes the event loop for
   * a moment, so not in the middle of a load that is still fetching pages. Deactivation flushes.
   */
  private changed(what: 'projects' | 'folders' | 'policy'): void {
    this.dirty[what] = true;
    if (!this.files) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.flush().catch((e: unknown) => this.onError(e, 'saving the organization index'));
    }, this.saveDelayMs);
  }

  private setFolder(key: string, entry: FolderEntry): void {
    this.folders.set(key, entry);
    this.records.delete(projectOf(key));
    this.groups = undefined;
  }

  private deleteFolder(key: string): void {
    this.folders.delete(key);
    this.records.delete(projectOf(key));
    this.groups = undefined;
  }

  private clearMemory(): void {
    this.list = undefined;
    this.projectRecords = undefined;
    this.groups = undefined;
    this.folders.clear();
    this.records.clear();
    this.policy.clear();
  }
}
