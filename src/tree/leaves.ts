// The rows under a project's folders. Ids are hierarchical: `projectId/kind/itemId`.
import * as vscode from 'vscode';
import type { Project, ProjectApiKey, ProjectRateLimit, ProjectServiceAccount, ProjectUser } from '../client';
import { day, keyOwner, rateLimitSummary, rateLimitTooltip } from '../shared/format';

export { keyOwner } from '../shared/format';
import { issue, type LeafNode } from '../kit/node';
import type { FolderItems, FolderKind } from '../store/store';
import { projectSuffix } from '../shared/projectInfo';

function leaf<T extends { id: string }>(
  project: Project,
  kind: FolderKind,
  item: T,
  build: (i: T) => { label: string; description?: string; tooltip: string; icon: string; contextValue: string },
): LeafNode<T> {
  const id = `${project.id}/${kind}/${item.id}`;
  return issue({
    id,
    project,
    kind,
    item,
    getTreeItem() {
      const b = build(item);
      const t = new vscode.TreeItem(b.label, vscode.TreeItemCollapsibleState.None);
      t.id = id;
      t.description = b.description;
      t.tooltip = b.tooltip;
      t.iconPath = new vscode.ThemeIcon(b.icon);
      // Archived projects take no changes (and the default project's members follow the organization):
      // their rows get a context value that no mutating menu entry matches.
      t.contextValue = `${b.contextValue}${projectSuffix(project)}`;
      return t;
    },
  });
}

export const userNode = (p: Project, u: ProjectUser) =>
  leaf(p, 'users', u, (u) => ({
    label: u.name || u.email || u.id,
    description: [u.email, u.role].filter(Boolean).join(' · '),
    tooltip: [u.name, u.email, vscode.l10n.t('role: {0}', u.role), vscode.l10n.t('added {0}', day(u.added_at)), u.id].filter(Boolean).join('\n'),
    icon: u.role === 'owner' ? 'account' : 'person',
    contextValue: 'user',
  }));

export const serviceAccountNode = (p: Project, s: ProjectServiceAccount) =>
  leaf(p, 'serviceAccounts', s, (s) => ({
    label: s.name,
    description: vscode.l10n.t('{0} · created {1}', s.role, day(s.created_at)),
    tooltip: [s.name, vscode.l10n.t('role: {0}', s.role), vscode.l10n.t('created {0}', day(s.created_at)), s.id].join('\n'),
    icon: 'robot',
    contextValue: 'serviceAccount',
  }));

export const apiKeyNode = (p: Project, k: ProjectApiKey) =>
  leaf(p, 'apiKeys', k, (k) => ({
    // Every service account's key is called "Secret Key" by the API: the row says whose it is.
    label: k.owner.service_account ? vscode.l10n.t('{0}: {1}', k.owner.service_account.name || k.owner.service_account.id, k.name || k.id) : k.name || k.id,
    description: vscode.l10n.t('{0} · {1} · used {2}', k.redacted_value, keyOwner(k), day(k.last_used_at)),
    tooltip: [
      k.name || k.id,
      vscode.l10n.t('value: {0}', k.redacted_value),
      vscode.l10n.t('owner: {0}', keyOwner(k)),
      vscode.l10n.t('created {0}, last used {1}', day(k.created_at), day(k.last_used_at)),
      k.owner_project_access ? vscode.l10n.t("owner's project access: {0}", k.owner_project_access) : undefined,
      k.id,
    ]
      .filter(Boolean)
      .join('\n'),
    icon: 'key',
    // A service account's key goes with its account: the API refuses to delete it alone.
    contextValue: k.owner.service_account ? 'apiKey.serviceAccount' : 'apiKey',
  }));

export const rateLimitNode = (p: Project, r: ProjectRateLimit) =>
  leaf(p, 'rateLimits', r, (r) => ({
    label: r.model,
    description: rateLimitSummary(r),
    tooltip: rateLimitTooltip(r),
    icon: 'dashboard',
    contextValue: 'rateLimit',
  }));

/** The row of any folder item, as the tree builds it (for reveal, and for commands run on an item found elsewhere). */
export function leafNode<K extends FolderKind>(p: Project, kind: K, item: FolderItems[K][number]): LeafNode<FolderItems[K][number]> {
  switch (kind) {
    case 'users':
      return userNode(p, item as ProjectUser);
    case 'serviceAccounts':
      return serviceAccountNode(p, item as ProjectServiceAccount);
    case 'apiKeys':
      return apiKeyNode(p, item as ProjectApiKey);
    case 'rateLimits':
      return rateLimitNode(p, item as ProjectRateLimit);
  }
  // A kind with no row is a compile error here, never a row of another kind.
  const unknown: never = kind;
  throw new Error(vscode.l10n.t('No row for the kind {0}.', String(unknown)));
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
