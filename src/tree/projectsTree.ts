// The organization's projects, sorted by name (the default project first), each with four folders
// that load when the project is expanded, in parallel, and stay cached until refreshed or changed.
import * as vscode from 'vscode';
import { ProjectsApiError, type Project } from '../client';
import { COMMANDS } from '../kit/ids';
import { day } from '../shared/format';
import { percent } from '../shared/locale';
import { leafNode } from './leaves';
import { projectGroupRoles, type RolesLookup } from './roleRows';
import {
  InFlight,
  isFolderNode,
  isLeafNode,
  isProjectNode,
  issue,
  makeChildren,
  withViewProgress,
  type FolderNode,
  type LeafNode,
  type ProjectNode,
  type TreeNode,
  type TreeView,
} from '../kit/node';
import { isArchived, isDefaultProject, projectName, projectSuffix, sortProjects } from '../shared/projectInfo';
import { WARN_AT, type Money } from '../usage/cost';
import { EXPAND_KINDS, FOLDER_KINDS, KINDS, type FolderKind, type ItemOf, type OrgStore, type ProjectPages } from '../store/store';

/**
 * Greys archived projects, and colours a project's name from 80 % of its hard spend limit (an error
 * colour and a badge while the API enforces it): their rows carry an `openai-projects:` URI whose
 * query says which (`archived`, `spend-warning`, `spend-error`).
 */
export class ProjectDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== 'openai-projects') return undefined;
    const marks = uri.query.split('&');
    if (marks.includes('archived')) return new vscode.FileDecoration(undefined, vscode.l10n.t('Archived'), new vscode.ThemeColor('disabledForeground'));
    if (marks.includes('spend-error'))
      return new vscode.FileDecoration('!', vscode.l10n.t('Hard spend limit reached'), new vscode.ThemeColor('list.errorForeground'));
    if (marks.includes('spend-warning'))
      return new vscode.FileDecoration(
        undefined,
        vscode.l10n.t('{0} or more of the hard spend limit spent', percent(WARN_AT)),
        new vscode.ThemeColor('list.warningForeground'),
      );
    return undefined;
  }
}

export class ProjectsTree implements vscode.TreeDataProvider<TreeNode>, TreeView {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Folder nodes are kept, so a count that arrives later can update the very row VS Code shows. */
  private readonly folderNodes = new Map<string, FolderNode>();
  /** Rows a mutation is working on, by id, with what it is doing. */
  private readonly busy = new Map<string, string>();
  /**
   * For the first root load only: the last known project list (the index on disk), shown at once
   * while the fresh one loads. Refresh and later loads go to the API.
   */
  warmStart?: () => Promise<Project[] | undefined>;
  /** What is known of who holds which role (a user row's assigned roles). */
  roles?: RolesLookup;
  /** A project's month-to-date cost and limit for its row, when the setting asks for it (src/usage/cost.ts). */
  money?: (p: Project) => Money | undefined;
  /** The last known list, shown until the fresh one lands. */
  private warmRows?: Project[];
  /** The loading list whose pages the rows follow. */
  private followed?: ProjectPages;
  private readonly unwatch: () => void;

  constructor(
    private readonly store: OrgStore,
    private readonly hasKey: () => Promise<boolean>,
    private readonly showArchived: () => boolean,
    /** The API refused the key itself (401/403): the view shows its "invalid key" welcome instead. */
    private readonly onKeyRejected: () => void,
  ) {
    // The store says which lists a write changed (its cache policy); the tree only redraws them.
    this.unwatch = store.onDidChange((c) => {
      if (c === 'projects') return this.changed.fire(undefined);
      if ('org' in c) return;
      // A spend limit is in its project's row (with its month's cost), the organization's at the top: drawn again.
      if ('facet' in c) return c.facet === 'spendLimit' ? this.changed.fire(undefined) : undefined;
      const node = this.folderNodes.get(`${c.projectId}/${c.kind}`);
      if (node) this.changed.fire(node);
    });
  }

  /** Reloads everything (undefined), or one project's or folder's subtree. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.warmStart = this.warmRows = undefined;
      this.store.invalidate();
      this.folderNodes.clear();
    } else if (isFolderNode(node)) {
      this.store.invalidate(node.project.id, node.kind);
    } else if (isProjectNode(node)) {
      this.store.invalidate(node.project.id);
    }
    this.changed.fire(node);
  }

  /** Redraws rows whose look depends on settings (archived shown or not). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.getTreeItem();
    const busy = this.busy.get(node.id);
    if (busy) {
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.description = busy;
    }
    return item;
  }

  /**
   * Runs a mutation with a spinner and a word on the row it is about, and the view's progress bar.
   * While it runs, a second change of the same object (a double click) is not sent: it throws InFlight.
   */
  async withNodeProgress<T>(nodeId: string | undefined, title: string, task: () => Promise<T>): Promise<T> {
    if (nodeId && this.busy.has(nodeId)) throw new InFlight(this.busy.get(nodeId)!);
    if (nodeId) {
      this.busy.set(nodeId, title);
      this.changed.fire(undefined);
    }
    try {
      return await withViewProgress(title, task);
    } finally {
      if (nodeId && this.busy.delete(nodeId)) this.changed.fire(undefined);
    }
  }

  /**
   * Before a reveal of a row under a project: its four lists are loaded first (what expanding it
   * would load), with the view's progress bar. A reveal that itself set off these loads would see
   * the folders redrawn as they land, mid-reveal, and VS Code then expands and selects nothing.
   */
  async prepareReveal(p: Project, kind?: FolderKind): Promise<void> {
    const kinds = kind && !EXPAND_KINDS.includes(kind) ? [...EXPAND_KINDS, kind] : EXPAND_KINDS;
    if (kinds.every((k) => this.store.loaded(p.id, k))) return;
    // A failed list is shown as the folder's error row when the reveal opens it.
    await withViewProgress(vscode.l10n.t('Loading {0}…', projectName(p)), () => Promise.allSettled(kinds.map((k) => this.store.folder(p.id, k))));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (isFolderNode(node)) return this.projectNode(node.project);
    if (isLeafNode(node)) return this.folderNode(node.project, node.kind);
    return undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren ? node.getChildren() : [];
    // No key: an empty view, so its welcome (with "Set Admin Key…") shows instead.
    if (!(await this.hasKey())) return [];
    return makeChildren(
      'root',
      async () => {
        const archived = this.showArchived();
        const shown = (ps: Project[]) => (archived ? ps : ps.filter((p) => !isArchived(p)));
        const warm = this.warmStart ? await this.warmStart() : undefined;
        this.warmStart = undefined;
        if (warm && !this.store.projectsLoaded) {
          // Last session's list at once; the fresh one replaces it whole when it has landed, so a
          // project archived or deleted meanwhile goes, and nothing is listed twice.
          this.warmRows = warm;
          const landed = () => {
            this.warmRows = undefined;
            this.changed.fire(undefined);
          };
          // Started once the rows are handed over: no request comes before them.
          setTimeout(() => void withViewProgress(vscode.l10n.t('Refreshing projects…'), () => this.store.projects(true)).then(landed, landed), 0);
        }
        if (this.warmRows && !this.store.projectsLoaded) return sortProjects(shown(this.warmRows)).map((p) => this.projectNode(p));
        if (!this.store.projectsLoaded) {
          const all = this.store.projects(true);
          const pages = this.store.projectPages;
          if (pages) {
            this.follow(pages, all);
            await Promise.race([pages.first, all]);
            // A getter: the await above may have changed it.
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
            if (!this.store.projectsLoaded && pages.soFar.length) return this.partialRows(pages, shown);
          }
          return sortProjects(shown(await all)).map((p) => this.projectNode(p));
        }
        return sortProjects(await this.store.projects(archived)).map((p) => this.projectNode(p));
      },
      {
        empty: vscode.l10n.t('No projects in this organization.'),
        retry: { command: COMMANDS.refresh, title: vscode.l10n.t('Retry') },
        onError: (e) => {
          if (!(e instanceof ProjectsApiError) || (e.status !== 401 && e.status !== 403)) return undefined;
          this.onKeyRejected();
          return [];
        },
      },
    );
  }

  /**
   * A list loading page by page: one progress bar for the whole load, and the rows redrawn when it
   * has landed (and every 3 seconds meanwhile on a slow one: each redraw hands VS Code every row so
   * far, thousands late in a long list, work that would slow the load itself).
   */
  private follow(pages: ProjectPages, all: Promise<Project[]>): void {
    if (this.followed === pages) return;
    this.followed = pages;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const redraw = () => {
      clearTimeout(timer);
      timer = undefined;
      this.changed.fire(undefined);
    };
    pages.onPage = () => (timer ??= setTimeout(redraw, 3000));
    void withViewProgress(vscode.l10n.t('Loading projects…'), () => all).then(redraw, redraw);
  }

  /**
   * The first pages of a long list, while the rest loads: later pages are appended below what is
   * shown (the default project first), so rows a person is reading do not move; the list takes its
   * usual order once the last page has landed.
   */
  private partialRows(pages: ProjectPages, shown: (ps: Project[]) => Project[]): TreeNode[] {
    const soFar = shown(pages.soFar);
    const first = soFar.filter(isDefaultProject);
    return [...first, ...soFar.filter((p) => !isDefaultProject(p))].map((p) => this.projectNode(p));
  }

  projectNode(p: Project): ProjectNode {
    return issue({
      id: p.id,
      project: p,
      getTreeItem: () => {
        const item = new vscode.TreeItem(projectName(p), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = p.id;
        const archived = isArchived(p);
        const money = this.money?.(p);
        const marks = [archived ? 'archived' : undefined, money?.level ? `spend-${money.level}` : undefined].filter(Boolean);
        if (marks.length) item.resourceUri = vscode.Uri.from({ scheme: 'openai-projects', path: `/${p.id}`, query: marks.join('&') });
        // An unknown status (a future one) is shown as it comes, not hidden.
        const status = archived ? 'archived' : isDefaultProject(p) ? 'default' : p.status && p.status !== 'active' ? p.status : undefined;
        item.description = [status, money?.text].filter(Boolean).join(' · ') || undefined;
        item.tooltip = [
          projectName(p),
          p.id,
          vscode.l10n.t('status: {0}', p.status ?? 'unknown'),
          vscode.l10n.t('created {0}', day(p.created_at)),
          p.archived_at ? vscode.l10n.t('archived {0}', day(p.archived_at)) : undefined,
          p.residency ? vscode.l10n.t('residency: {0}', p.residency) : undefined,
          money?.tooltip,
        ]
          .filter(Boolean)
          .join('\n');
        item.iconPath = new vscode.ThemeIcon(archived ? 'archive' : isDefaultProject(p) ? 'star-full' : 'project');
        item.contextValue = `project${projectSuffix(p)}`;
        return item;
      },
      getChildren: () => {
        // The folders start loading now, in parallel, so their counts appear together (a kind read
        // only when opened waits for that).
        const folders = FOLDER_KINDS.map((k) => this.folderNode(p, k));
        for (const f of folders) {
          if (this.store.loaded(p.id, f.kind) || !EXPAND_KINDS.includes(f.kind)) continue;
          this.store.folder(p.id, f.kind).then(
            () => this.changed.fire(f),
            () => this.changed.fire(f),
          );
        }
        return Promise.resolve(folders);
      },
    });
  }

  folderNode(p: Project, kind: FolderKind): FolderNode {
    const id = `${p.id}/${kind}`;
    const existing = this.folderNodes.get(id);
    if (existing && existing.project === p) return existing;
    const meta = KINDS[kind].folder();
    const node: FolderNode = issue({
      id,
      project: p,
      kind,
      getTreeItem: () => {
        const item = new vscode.TreeItem(meta.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = id;
        const items = this.store.loaded(p.id, kind);
        item.description = items ? String(items.length) : undefined;
        item.iconPath = new vscode.ThemeIcon(meta.icon);
        item.contextValue = `folder.${kind}${projectSuffix(p)}`;
        return item;
      },
      getChildren: async () => {
        const fresh = this.store.loaded(p.id, kind) === undefined;
        const children = await makeChildren(
          id,
          () => (fresh ? withViewProgress(vscode.l10n.t('Loading {0}…', meta.label.toLowerCase()), () => this.leaves(p, kind)) : this.leaves(p, kind)),
          {
            empty: meta.empty,
            retry: { command: COMMANDS.refreshNode, title: vscode.l10n.t('Retry'), arguments: [node] },
          },
        );
        // A load this call started changes the row's count: redraw it (the next call hits the cache).
        if (fresh && this.store.loaded(p.id, kind) !== undefined) this.changed.fire(node);
        return children;
      },
    });
    this.folderNodes.set(id, node);
    return node;
  }

  private async leaves(p: Project, kind: FolderKind): Promise<TreeNode[]> {
    return (await this.store.folder(p.id, kind)).map((i: ItemOf<FolderKind>) => this.leaf<FolderKind>(p, kind, i));
  }

  /** An item's row: a group's opens on its roles in the project; a user's says the roles assigned to them there, when known. */
  leaf<K extends FolderKind>(p: Project, kind: K, item: ItemOf<K>): LeafNode<ItemOf<K>> {
    if (kind === 'groups') return leafNode(p, kind, item, { children: (self) => projectGroupRoles(this.store, p, item.id, self) });
    if (kind === 'users') {
      const u = item as ItemOf<'users'>;
      return leafNode(p, kind, item, {
        description: () => {
          const more = this.roles?.userRoles(p.id, u.id, u.role);
          return more?.length ? vscode.l10n.t('also {0}', more.join(', ')) : undefined;
        },
      });
    }
    return leafNode(p, kind, item);
  }

  dispose(): void {
    this.unwatch();
    this.changed.dispose();
  }
}
