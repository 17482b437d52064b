// Find in Organization and Find Leaked Key over the organization's own lists (members, invites,
// admin keys): what matches, what each row offers, and its reveal in the Organization view.
import * as vscode from 'vscode';
import type { AdminApiKey, Group, Role } from '../client';
import { Cancelled, type Ctx } from '../kit/context';
import { COMMANDS, ORG_VIEW_ID } from '../kit/ids';
import type { TreeNode } from '../kit/node';
import { iconless } from '../kit/ui';
import { day } from '../shared/format';
import { ORG_KIND_LIST, ORG_KINDS, type OrgItemOf, type OrgKind, type OrgKindSpec } from '../store/orgKinds';

/** An item of the organization's own lists, found by Find in Organization. */
export interface OrgHit {
  kind: OrgKind;
  item: OrgItemOf<OrgKind>;
  label: string;
  description: string;
}

/** The organization's members, invites, admin keys, groups and roles matching every word of the query. */
export function orgHits(ctx: Ctx, query: string): OrgHit[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const out: OrgHit[] = [];
  for (const kind of ORG_KIND_LIST) {
    const spec = ORG_KINDS[kind] as OrgKindSpec<OrgKind>;
    for (const item of ctx.store.orgLoaded(kind) ?? []) {
      const look = spec.search(item);
      const hay = [look.label, ...look.text].filter(Boolean).join('\n').toLowerCase();
      if (words.every((w) => hay.includes(w))) out.push({ kind, item, label: look.label, description: look.description });
    }
  }
  return out.slice(0, 50);
}

export function orgActions(h: OrgHit): { label: string; command: string }[] {
  switch (h.kind) {
    case 'members':
      return [
        { label: vscode.l10n.t('Change Organization Role…'), command: COMMANDS.changeOrganizationRole },
        { label: vscode.l10n.t('Remove from Organization…'), command: COMMANDS.removeFromOrganization },
        { label: vscode.l10n.t('Offboard Person…'), command: COMMANDS.offboardPerson },
        { label: vscode.l10n.t('Show Access…'), command: COMMANDS.showAccess },
        { label: vscode.l10n.t('Assign Role…'), command: COMMANDS.assignRole },
      ];
    case 'invites':
      return [{ label: vscode.l10n.t('Cancel Invite…'), command: COMMANDS.cancelInvite }];
    case 'adminKeys':
      return [{ label: vscode.l10n.t('Delete Admin Key…'), command: COMMANDS.deleteAdminKey }];
    case 'groups': {
      // A group the identity provider owns keeps its name and members there.
      const scim = !!(h.item as Group).is_scim_managed;
      return [
        ...(scim ? [] : [{ label: vscode.l10n.t('Add Members to Group…'), command: COMMANDS.addGroupMembers }]),
        { label: vscode.l10n.t('Grant Group Access to Project…'), command: COMMANDS.grantGroupAccess },
        { label: vscode.l10n.t('Grant Group Access to Projects…'), command: COMMANDS.grantGroupToProjects },
        { label: vscode.l10n.t('Revoke Group Everywhere…'), command: COMMANDS.revokeGroupEverywhere },
        ...(scim
          ? []
          : [
              { label: vscode.l10n.t('Rename Group…'), command: COMMANDS.renameGroup },
              { label: vscode.l10n.t('Delete Group…'), command: COMMANDS.deleteGroup },
            ]),
      ];
    }
    case 'roles':
      return (h.item as Role).predefined_role
        ? []
        : [
            { label: vscode.l10n.t('Edit Role…'), command: COMMANDS.editRole },
            { label: vscode.l10n.t('Delete Role…'), command: COMMANDS.deleteRole },
          ];
  }
}

/** Shows an organization row in the Organization view (opened first if hidden). */
export async function revealOrg(ctx: Ctx, kind: OrgKind, item: OrgItemOf<OrgKind>): Promise<TreeNode> {
  const node = await ctx.orgTree.leaf(kind, item);
  const view = ctx.orgView();
  if (!view) return node;
  if (!view.visible) await shown(view, ORG_VIEW_ID);
  await view.reveal(node, { select: true, focus: true, expand: false });
  return node;
}

/** Opens a hidden tree view and resolves once VS Code says it is visible (or after 3 s: the reveal then opens it). */
export function shown(view: vscode.TreeView<unknown>, id: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(finish, 3000);
    const sub = view.onDidChangeVisibility((e) => e.visible && finish());
    function finish() {
      clearTimeout(timer);
      sub.dispose();
      // A moment for its first getChildren to come back before the reveal asks for the path.
      setTimeout(resolve, 100);
    }
    void vscode.commands.executeCommand(`${id}.focus`);
  });
}

/** A pasted key that is an admin key: which one, shown in the Organization view, and Delete Admin Key offered. */
export async function triageAdminKeys(ctx: Ctx, keys: AdminApiKey[], tail: string): Promise<void> {
  const picked = await ctx.ui.pick(
    keys.map((k) => ({
      label: iconless(k.name || k.id),
      description: `${k.redacted_value} · ${k.owner?.name ?? ''}`,
      detail: vscode.l10n.t('admin key · created {0} · last used {1} · {2}', day(k.created_at), day(k.last_used_at), k.id),
      k,
    })),
    { title: vscode.l10n.t('{0} admin key(s) match the key ending in …{1}', keys.length, tail) },
  );
  if (!picked) throw new Cancelled();
  const node = await revealOrg(ctx, 'adminKeys', picked.k);
  const del = vscode.l10n.t('Delete Admin Key…');
  const go = await ctx.ui.pick([{ label: del, description: vscode.l10n.t('Whatever uses it stops working at once.') }], {
    title: vscode.l10n.t('"{0}", an admin key of this organization', picked.k.name || picked.k.id),
  });
  if (go?.label === del) await vscode.commands.executeCommand(COMMANDS.deleteAdminKey, node);
}
