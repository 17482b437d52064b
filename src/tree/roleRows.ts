// The rows under a role and a project's group: a role's permissions and who holds it (as the index
// knows it: Index Role Assignments reads it), a group's roles in a project (read when its row is first
// expanded, one request). Who holds what comes from what was read; a row never guesses.
import * as vscode from 'vscode';
import type { Project, Role } from '../client';
import { COMMANDS } from '../kit/ids';
import { issue, makeChildren, type TreeNode } from '../kit/node';
import type { OrgStore } from '../store/store';

/** What the rows know of who holds what, without a request (core wires it to the store and the index). */
export interface RolesLookup {
  /** An organization role's holders as last read (undefined: not read yet). */
  orgHolders(roleId: string): { principal: 'user' | 'group'; id: string; label: string; via: 'assigned' | 'member' }[] | undefined;
  /** The names of a group's organization roles, as last read (undefined: not read). */
  groupRoles(groupId: string): string[] | undefined;
  /** The names of the roles assigned to a project user beyond their membership's, as last read (undefined: not read). */
  userRoles(projectId: string, userId: string, memberRole: string): string[] | undefined;
}

/** A row that says something; with `children`, one that opens on them. */
const row = (id: string, label: string, icon: string, description?: string, tooltip?: string, children?: () => Promise<TreeNode[]>, empty = ''): TreeNode =>
  issue({
    id,
    getTreeItem() {
      const t = new vscode.TreeItem(label, children ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      t.id = id;
      t.description = description;
      t.tooltip = tooltip;
      t.iconPath = new vscode.ThemeIcon(icon);
      return t;
    },
    ...(children
      ? { getChildren: () => makeChildren(id, children, { empty, retry: { command: COMMANDS.refreshOrganizationNode, title: vscode.l10n.t('Retry') } }) }
      : {}),
  });
const plain = (id: string, label: string, icon: string, description?: string, tooltip?: string) => row(id, label, icon, description, tooltip);
const sub = (id: string, label: string, icon: string, description: string | undefined, children: () => Promise<TreeNode[]>, empty: string) =>
  row(id, label, icon, description, undefined, children, empty);

/** Under an organization role's row: its permissions, and who holds it. */
export function roleChildren(parentId: string, r: Role, lookup: RolesLookup | undefined): TreeNode[] {
  const holders = lookup?.orgHolders(r.id);
  return [
    sub(
      `${parentId}/permissions`,
      vscode.l10n.t('Permissions'),
      'law',
      String(r.permissions.length),
      () => Promise.resolve(r.permissions.map((p) => plain(`${parentId}/permissions/${p}`, p, 'check'))),
      vscode.l10n.t('No permissions.'),
    ),
    holders
      ? sub(
          `${parentId}/holders`,
          vscode.l10n.t('Held by'),
          'organization',
          String(holders.length),
          () =>
            Promise.resolve(
              holders.map((h) =>
                plain(
                  `${parentId}/holders/${h.principal}/${h.id}`,
                  h.label,
                  h.principal === 'group' ? 'type-hierarchy' : 'person',
                  [
                    h.principal === 'group' ? vscode.l10n.t('group') : undefined,
                    h.via === 'member' ? vscode.l10n.t('their organization role') : vscode.l10n.t('assigned'),
                  ]
                    .filter(Boolean)
                    .join(' · '),
                  h.id,
                ),
              ),
            ),
          vscode.l10n.t('Nobody holds it.'),
        )
      : issue({
          id: `${parentId}/holders`,
          getTreeItem() {
            const t = new vscode.TreeItem(vscode.l10n.t('Held by: not read yet'), vscode.TreeItemCollapsibleState.None);
            t.id = `${parentId}/holders`;
            t.description = vscode.l10n.t('Index Role Assignments…');
            t.tooltip = vscode.l10n.t('Who holds each role is read for the whole organization at once, when asked: click to read it.');
            t.iconPath = new vscode.ThemeIcon('sync');
            t.command = { command: COMMANDS.indexRoleAssignments, title: vscode.l10n.t('Index Role Assignments…') };
            return t;
          },
        }),
  ];
}

/** Under a project group's row: the roles the group holds in the project (one read, then as the store keeps it). */
export function projectGroupRoles(store: OrgStore, p: Project, groupId: string, parent: TreeNode): Promise<TreeNode[]> {
  const parentId = parent.id;
  return makeChildren(
    parentId,
    async () => {
      const held =
        store.rolesHeldLoaded({ type: 'group', id: groupId, projectId: p.id }) ?? (await store.rolesHeld({ type: 'group', id: groupId, projectId: p.id }));
      return held.map((r) =>
        plain(
          `${parentId}/roles/${r.id}`,
          r.name || r.id,
          'shield',
          r.predefined_role ? vscode.l10n.t('predefined') : vscode.l10n.t('custom'),
          r.permissions.join('\n'),
        ),
      );
    },
    { empty: vscode.l10n.t('No roles.'), retry: { command: COMMANDS.refreshNode, title: vscode.l10n.t('Retry'), arguments: [parent] } },
  );
}
