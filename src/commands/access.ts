// Show Access… (a person: every role they hold and where it comes from) and Who Has Access… (a
// project: every person and through what), each in its own readable view with a jump per line.
import * as vscode from 'vscode';
import { groupAccess, personAccess, projectAccess, type AccessReport } from '../access/read';
import type { AccessPanels } from '../access/panel';
import { Cancelled, targetProject, type Ctx } from '../kit/context';
import { isLeafNode } from '../kit/node';
import { iconless } from '../kit/ui';
import { isGroupMemberNode, isOrgLeafNode } from '../tree/organizationTree';
import { memberLabel } from '../store/orgKinds';

/** The person a row is about: an organization member, a member under a group, a project's user; else picked. */
async function targetPerson(ctx: Ctx, node: unknown): Promise<{ id: string }> {
  if (isOrgLeafNode(node) && node.orgKind === 'members') return node.orgItem;
  if (isGroupMemberNode(node)) return node.groupMember;
  if (isLeafNode(node) && node.kind === 'users') return node.item as { id: string };
  const members = await ctx.store.orgList('members');
  const picked = await ctx.ui.pick(
    members.map((u) => ({ label: iconless(memberLabel(u)), description: u.email ?? undefined, detail: u.id, u })),
    { title: vscode.l10n.t('Show whose access?'), matchOnDescription: true },
  );
  if (!picked) throw new Cancelled();
  return picked.u;
}

export function accessCommands(ctx: Ctx, panels: AccessPanels) {
  return {
    /** A person's access, or (on a group's row, in the organization or a project) the group's. */
    async showAccess(node?: unknown): Promise<AccessReport> {
      const groupId =
        isOrgLeafNode(node) && node.orgKind === 'groups'
          ? node.orgItem.id
          : isLeafNode(node) && node.kind === 'groups'
            ? (node.item as { id: string }).id
            : undefined;
      if (groupId) return panels.show(`group:${groupId}`, vscode.l10n.t('Access'), () => groupAccess(ctx, groupId));
      const u = await targetPerson(ctx, node);
      return panels.show(`person:${u.id}`, vscode.l10n.t('Access'), () => personAccess(ctx, u.id));
    },
    async whoHasAccess(node?: unknown): Promise<AccessReport> {
      const p = await targetProject(ctx, node, { forChange: false, title: vscode.l10n.t('Who has access to which project?') });
      return panels.show(`project:${p.id}`, vscode.l10n.t('Access'), () => projectAccess(ctx, p));
    },
  };
}
