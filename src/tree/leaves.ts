// The rows under a project's folders. Ids are hierarchical: `projectId/kind/itemId`.
import * as vscode from 'vscode';
import type { Project, ProjectApiKey, ProjectServiceAccount } from '../client';

export { keyOwner } from '../shared/format';
import { issue, type LeafNode, type TreeNode } from '../kit/node';
import { itemNodeId, KINDS, type FolderKind, type ItemOf, type KindSpec } from '../store/kinds';
import { projectSuffix } from '../shared/projectInfo';

/** The row of any folder item, as the kinds table describes it (for the tree, reveal, and commands run on an item found elsewhere). */
export function leafNode<K extends FolderKind>(
  project: Project,
  kind: K,
  item: ItemOf<K>,
  /** What else the row says (roles assigned in the project), and whether it opens (a group's roles). */
  more?: { description?: () => string | undefined; children?: (self: TreeNode) => Promise<TreeNode[]> },
): LeafNode<ItemOf<K>> {
  const id = itemNodeId(project, kind, item.id);
  const node: LeafNode<ItemOf<K>> = issue({
    id,
    project,
    kind,
    item,
    getTreeItem() {
      const b = (KINDS[kind] as KindSpec<FolderKind>).row(item);
      const t = new vscode.TreeItem(b.label, more?.children ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      t.id = id;
      t.description = [b.description, more?.description?.()].filter(Boolean).join(' · ') || undefined;
      t.tooltip = b.tooltip;
      t.iconPath = new vscode.ThemeIcon(b.icon);
      // Archived projects take no changes (and the default project's members follow the organization):
      // their rows get a context value that no mutating menu entry matches.
      t.contextValue = `${b.contextValue}${projectSuffix(project)}`;
      return t;
    },
    ...(more?.children ? { getChildren: () => more.children!(node) } : {}),
  });
  return node;
}

/** The service account that owns a key, as its own row would hold it (the key's owner describes it). */
export function keyServiceAccount(k: ProjectApiKey): ProjectServiceAccount | undefined {
  const sa = k.owner.service_account;
  if (!sa) return undefined;
  return {
    object: 'organization.project.service_account',
    id: sa.id,
    name: sa.name ?? sa.id,
    role: sa.role ?? 'member',
    created_at: sa.created_at ?? k.created_at,
  };
}
