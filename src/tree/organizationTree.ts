// The Organization view: the organization's own lists (members, invites, admin keys), one folder each,
// read when the folder is first expanded and cached by the store like a project's folders. A second
// view in the container, not a root row among the projects: the project list keeps its own order,
// warm start and paging, and each view can be collapsed, resized or hidden on its own.
import * as vscode from 'vscode';
import type { AdminApiKey } from '../client';
import { COMMANDS, ORG_VIEW_ID } from '../kit/ids';
import { issue, makeChildren, type OrgTreeView, type TreeNode } from '../kit/node';
import { inviteStatus, ORG_KIND_LIST, ORG_KINDS, orgNodeId, type OrgItemOf, type OrgKind, type OrgKindSpec, type OrgRowContext } from '../store/orgKinds';
import type { OrgStore } from '../store/store';

export interface OrgFolderNode extends TreeNode {
  readonly orgKind: OrgKind;
  readonly orgFolder: true;
}

export interface OrgLeafNode<K extends OrgKind = OrgKind> extends TreeNode {
  readonly orgKind: K;
  readonly orgItem: OrgItemOf<K>;
}

export const isOrgFolderNode = (n: unknown): n is OrgFolderNode => typeof n === 'object' && n !== null && 'orgFolder' in n;
export const isOrgLeafNode = (n: unknown): n is OrgLeafNode => typeof n === 'object' && n !== null && 'orgItem' in n && 'orgKind' in n;

/** What a folder shows: invites already accepted are members, not invites. */
function shown<K extends OrgKind>(kind: K, items: OrgItemOf<K>[], now: number): OrgItemOf<K>[] {
  if (kind !== 'invites') return items;
  return (items as OrgItemOf<'invites'>[]).filter((i) => inviteStatus(i, now) !== 'accepted');
}

export class OrganizationTree implements vscode.TreeDataProvider<TreeNode>, OrgTreeView {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly folders = new Map<OrgKind, OrgFolderNode>();
  private readonly unwatch: () => void;
  /** Told of each admin-key list shown (the expiry warning). */
  onAdminKeys?: (keys: AdminApiKey[]) => unknown;

  constructor(
    private readonly store: OrgStore,
    private readonly hasKey: () => Promise<boolean>,
    /** The row context: the key in use, where a member is. */
    private readonly rowContext: () => Promise<OrgRowContext>,
  ) {
    this.unwatch = store.onDidChange((c) => {
      if (c === 'projects') return;
      if ('org' in c) this.changed.fire(this.folders.get(c.org));
    });
  }

  refresh(node?: TreeNode): void {
    if (node && isOrgFolderNode(node)) this.store.invalidateOrg(node.orgKind);
    else if (!node) for (const k of ORG_KIND_LIST) this.store.invalidateOrg(k);
    this.changed.fire(node && isOrgFolderNode(node) ? node : undefined);
  }

  /** Redraws every row (the key in use changed, or the index learned where members are). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  async leaf<K extends OrgKind>(kind: K, item: OrgItemOf<K>): Promise<TreeNode> {
    return orgLeaf(kind, item, await this.rowContext());
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return isOrgLeafNode(node) ? this.folder(node.orgKind) : undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren ? node.getChildren() : [];
    if (!(await this.hasKey())) return [];
    return ORG_KIND_LIST.map((k) => this.folder(k));
  }

  folder(kind: OrgKind): OrgFolderNode {
    const existing = this.folders.get(kind);
    if (existing) return existing;
    const meta = ORG_KINDS[kind].folder();
    const id = `org/${kind}`;
    const node: OrgFolderNode = issue({
      id,
      orgKind: kind,
      orgFolder: true as const,
      getTreeItem: () => {
        const item = new vscode.TreeItem(meta.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = id;
        const items = this.store.orgLoaded(kind);
        item.description = items ? String(shown(kind, items as OrgItemOf<OrgKind>[], Date.now() / 1000).length) : undefined;
        item.iconPath = new vscode.ThemeIcon(meta.icon);
        item.contextValue = `orgFolder.${kind}`;
        return item;
      },
      getChildren: async () => {
        const fresh = this.store.orgLoaded(kind) === undefined;
        const children = await makeChildren(id, () => this.leaves(kind), {
          empty: meta.empty,
          retry: { command: COMMANDS.refreshOrganizationNode, title: vscode.l10n.t('Retry'), arguments: [node] },
        });
        if (fresh && this.store.orgLoaded(kind) !== undefined) this.changed.fire(node);
        return children;
      },
    });
    this.folders.set(kind, node);
    return node;
  }

  private async leaves(kind: OrgKind): Promise<TreeNode[]> {
    const [items, ctx] = await Promise.all([
      vscode.window.withProgress({ location: { viewId: ORG_VIEW_ID } }, () => this.store.orgList(kind)),
      this.rowContext(),
    ]);
    if (kind === 'adminKeys') void this.onAdminKeys?.(items as AdminApiKey[]);
    return shown(kind, items as OrgItemOf<OrgKind>[], ctx.now).map((i) => orgLeaf(kind, i, ctx));
  }

  dispose(): void {
    this.unwatch();
    this.changed.dispose();
  }
}

/** The row of an organization item (the tree's, and a command's run on one found elsewhere). */
export function orgLeaf<K extends OrgKind>(kind: K, item: OrgItemOf<K>, ctx: OrgRowContext): OrgLeafNode<K> {
  const id = orgNodeId(kind, item.id);
  return issue({
    id,
    orgKind: kind,
    orgItem: item,
    getTreeItem() {
      const look = (ORG_KINDS[kind] as OrgKindSpec<OrgKind>).row(item, ctx);
      const t = new vscode.TreeItem(look.label, vscode.TreeItemCollapsibleState.None);
      t.id = id;
      t.description = look.description;
      t.tooltip = look.tooltip;
      t.iconPath = new vscode.ThemeIcon(look.icon, look.warn ? new vscode.ThemeColor('list.warningForeground') : undefined);
      t.contextValue = look.contextValue;
      return t;
    },
  });
}
