// The Organization view: the organization's own lists (members, invites, admin keys), one folder each,
// read when the folder is first expanded and cached by the store like a project's folders. A second
// view in the container, not a root row among the projects: the project list keeps its own order,
// warm start and paging, and each view can be collapsed, resized or hidden on its own.
import * as vscode from 'vscode';
import type { AdminApiKey, Group, GroupUser, Role } from '../client';
import { roleChildren, type RolesLookup } from './roleRows';
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

/** A member's row under a group. */
export interface GroupMemberNode extends TreeNode {
  readonly group: Group;
  readonly groupMember: GroupUser;
}

export const isGroupMemberNode = (n: unknown): n is GroupMemberNode => typeof n === 'object' && n !== null && 'groupMember' in n && 'group' in n;
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
  /** The group rows last shown, by group id (a member row's parent). */
  private readonly groupNodes = new Map<string, OrgLeafNode<'groups'>>();
  private readonly unwatch: () => void;
  /** What is known of who holds which role (a role's Held by). */
  roles?: RolesLookup;
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
    if (isGroupMemberNode(node))
      return (
        this.groupNodes.get(node.group.id) ?? this.groupNode(node.group, { isCurrentKey: () => false, projectsOf: () => undefined, now: Date.now() / 1000 })
      );
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
    if (kind === 'groups') return (items as Group[]).map((g) => this.groupNode(g, ctx));
    if (kind === 'roles')
      return (items as Role[]).map((r) => {
        const base = orgLeaf('roles', r, ctx);
        return issue({
          ...base,
          getTreeItem: () => {
            const t = base.getTreeItem();
            t.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
            return t;
          },
          getChildren: () => Promise.resolve(roleChildren(base.id, r, this.roles)),
        });
      });
    return shown(kind as OrgKind, items as OrgItemOf<OrgKind>[], ctx.now).map((i) => orgLeaf(kind as OrgKind, i, ctx));
  }

  /** A group's row: its members under it, read when it is first expanded. */
  private groupNode(g: Group, ctx: OrgRowContext): OrgLeafNode<'groups'> {
    const base = orgLeaf('groups', g, ctx);
    const node: OrgLeafNode<'groups'> = issue({
      ...base,
      getTreeItem: () => {
        const t = base.getTreeItem();
        t.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        const members = this.store.groupMembersLoaded(g.id);
        const roles = this.roles?.groupRoles(g.id);
        t.description =
          [
            members && (members.length === 1 ? vscode.l10n.t('1 member') : vscode.l10n.t('{0} members', members.length)),
            t.description,
            roles?.length ? roles.join(', ') : undefined,
          ]
            .filter(Boolean)
            .join(' · ') || undefined;
        return t;
      },
      getChildren: async () => {
        const fresh = this.store.groupMembersLoaded(g.id) === undefined;
        const children = await makeChildren(node.id, async () => (await this.store.groupMembers(g.id)).map((u) => groupMemberNode(g, u)), {
          empty: vscode.l10n.t('No members.'),
          retry: { command: COMMANDS.refreshOrganizationNode, title: vscode.l10n.t('Retry'), arguments: [this.folder('groups')] },
        });
        if (fresh && this.store.groupMembersLoaded(g.id) !== undefined) this.changed.fire(node);
        return children;
      },
    });
    this.groupNodes.set(g.id, node);
    return node;
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

/** A member's row under a group: who they are, and (for a group the identity provider owns) that they are its to change. */
export function groupMemberNode(g: Group, u: GroupUser): GroupMemberNode {
  const id = `${orgNodeId('groups', g.id)}/${u.id}`;
  return issue({
    id,
    group: g,
    groupMember: u,
    getTreeItem() {
      const t = new vscode.TreeItem(u.name || u.email || u.id, vscode.TreeItemCollapsibleState.None);
      t.id = id;
      t.description = [u.email !== (u.name || u.email) ? u.email : undefined, u.is_service_account ? vscode.l10n.t('service account') : undefined]
        .filter(Boolean)
        .join(' · ');
      t.tooltip = [
        u.name,
        u.email,
        vscode.l10n.t('member of {0}', g.name || g.id),
        g.is_scim_managed ? vscode.l10n.t('The identity provider (SCIM) owns this group’s members: change them there.') : undefined,
        u.id,
      ]
        .filter(Boolean)
        .join('\n');
      t.iconPath = new vscode.ThemeIcon(u.is_service_account ? 'robot' : 'person');
      t.contextValue = `groupMember${g.is_scim_managed ? '.scim' : ''}`;
      return t;
    },
  });
}
