// Commands on the organization's groups: create, rename, delete, their members, and a group's access to
// a project. A group the identity provider owns (SCIM) keeps its name and members there: those are
// refused here with the reason, before any request; its project access is ours to change.
import * as vscode from 'vscode';
import type { Group, GroupUser, OrganizationUser, Project, Role } from '../client';
import type { ApplyResult } from '../bulk/plan';
import { showAndApply } from '../bulk/plan';
import { planGrantGroup, planRevokeGroupEverywhere } from '../bulk/groupPlans';
import { pickProjects } from './bulk';
import { Cancelled, confirmPassed, done, targetProject, withViewProgress, type Ctx } from '../kit/context';
import { ORG_VIEW_ID } from '../kit/ids';
import { isLeafNode } from '../kit/node';
import { iconless } from '../kit/ui';
import { isGroupMemberNode, isOrgLeafNode } from '../tree/organizationTree';
import { isDefaultProject, projectName } from '../shared/projectInfo';
import type { ProjectGroupRow } from '../store/kinds';
import { memberLabel } from '../store/orgKinds';

const MAX_NAME = 255;
const groupLabel = (g: Pick<Group, 'id' | 'name'>) => g.name || g.id;
const inOrgView = <T>(title: string, task: () => Promise<T>) => Promise.resolve(vscode.window.withProgress({ location: { viewId: ORG_VIEW_ID }, title }, task));

/** The group a row stands for: a group's row, a member's row under it, a project's group row; else picked. */
async function targetGroup(ctx: Ctx, node: unknown, title: string, only?: (g: Group) => boolean): Promise<Group> {
  if (isOrgLeafNode(node) && node.orgKind === 'groups') return node.orgItem as Group;
  if (isGroupMemberNode(node)) return node.group;
  const groups = await inOrgView(vscode.l10n.t('Loading the groups…'), () => ctx.store.orgList('groups'));
  if (isLeafNode(node) && node.kind === 'groups') {
    const id = (node.item as ProjectGroupRow).group_id;
    const g = groups.find((x) => x.id === id);
    if (!g) throw new Error(vscode.l10n.t('The group {0} is no longer in the organization.', id));
    return g;
  }
  const choices = groups.filter((g) => only?.(g) ?? true);
  if (!choices.length) throw new Error(groups.length ? vscode.l10n.t('No group can take this change.') : vscode.l10n.t('The organization has no groups.'));
  const picked = await ctx.ui.pick(
    choices.map((g) => ({ label: iconless(groupLabel(g)), description: g.is_scim_managed ? 'SCIM' : undefined, detail: g.id, g })),
    { title, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return picked.g;
}

function refuseScim(g: Group, what: string): void {
  if (g.is_scim_managed)
    throw new Error(
      vscode.l10n.t('{0}: "{1}" is synced from the identity provider (SCIM), which owns its name and members. Change it there.', what, groupLabel(g)),
    );
}

/** A group name as typed: trimmed, not empty, within the API's length, not another group's. */
function nameProblem(name: string, groups: readonly Group[], self?: Group): string | undefined {
  const n = name.trim();
  if (!n) return vscode.l10n.t('Type a name.');
  if (n.length > MAX_NAME) return vscode.l10n.t('At most {0} characters.', MAX_NAME);
  const other = groups.find((g) => g.id !== self?.id && g.name.toLowerCase() === n.toLowerCase());
  return other ? vscode.l10n.t('There is a group called "{0}" already.', other.name) : undefined;
}

async function askName(ctx: Ctx, title: string, groups: readonly Group[], passed: unknown, self?: Group): Promise<string> {
  const name =
    typeof passed === 'string'
      ? passed
      : await ctx.ui.input({ title, value: self?.name, ignoreFocusOut: true, validateInput: (v) => nameProblem(v, groups, self) });
  if (name === undefined) throw new Cancelled();
  const problem = nameProblem(name, groups, self);
  if (problem) throw new Error(problem);
  return name.trim();
}

/** The project roles a group can be granted a project with (predefined first), picked. */
async function pickProjectRole(ctx: Ctx, p: Project, title: string, passed: unknown, predefinedOnly = false): Promise<Role> {
  const all = await withViewProgress(vscode.l10n.t('Loading the roles of {0}…', projectName(p)), () => ctx.store.projectRoles(p.id));
  // A custom role is one project's own: across projects only the predefined ones are the same.
  const roles = predefinedOnly ? all.filter((r) => r.predefined_role) : all;
  if (typeof passed === 'string') {
    const r = roles.find((x) => x.id === passed || x.name === passed);
    if (!r) throw new Error(vscode.l10n.t('"{0}" is not a role of project "{1}".', passed, projectName(p)));
    return r;
  }
  const sorted = [...roles].sort((a, b) => Number(b.predefined_role) - Number(a.predefined_role));
  const picked = await ctx.ui.pick(
    sorted.map((r) => ({
      label: iconless(r.name || r.id),
      description: r.predefined_role ? vscode.l10n.t('predefined') : vscode.l10n.t('custom'),
      detail: r.description ?? undefined,
      r,
    })),
    { title, placeHolder: vscode.l10n.t('The role its members get in the project') },
  );
  if (!picked) throw new Cancelled();
  return picked.r;
}

export function groupCommands(ctx: Ctx) {
  return {
    async createGroup(_node?: unknown, name?: unknown): Promise<Group> {
      const groups = await inOrgView(vscode.l10n.t('Loading the groups…'), () => ctx.store.orgList('groups'));
      const n = await askName(ctx, vscode.l10n.t('New group'), groups, name);
      if (typeof name === 'string') await confirmPassed(ctx, vscode.l10n.t('Create the group "{0}"?', n), vscode.l10n.t('Create Group'));
      const w = await inOrgView(vscode.l10n.t('Creating the group…'), () => ctx.writer.access.createGroup(n));
      done(ctx, vscode.l10n.t('Group "{0}" created.', n), { lost: w.lost });
      return w.value;
    },

    async renameGroup(node?: unknown, name?: unknown): Promise<void> {
      const g = await targetGroup(ctx, node, vscode.l10n.t('Rename which group?'), (x) => !x.is_scim_managed);
      refuseScim(g, vscode.l10n.t('Not renamed'));
      const groups = await ctx.store.orgList('groups');
      const n = await askName(ctx, vscode.l10n.t('Rename "{0}"', groupLabel(g)), groups, name, g);
      if (n === g.name) return;
      if (typeof name === 'string') await confirmPassed(ctx, vscode.l10n.t('Rename the group "{0}" to "{1}"?', groupLabel(g), n), vscode.l10n.t('Rename'));
      const w = await inOrgView(vscode.l10n.t('Renaming the group…'), () =>
        ctx.writer.access.renameGroup(g.id, n, vscode.l10n.t('renaming the group "{0}" to "{1}"', groupLabel(g), n)),
      );
      done(ctx, vscode.l10n.t('Group "{0}" is now "{1}".', groupLabel(g), n), { lost: w.lost });
    },

    async deleteGroup(node?: unknown): Promise<void> {
      const g = await targetGroup(ctx, node, vscode.l10n.t('Delete which group?'), (x) => !x.is_scim_managed);
      refuseScim(g, vscode.l10n.t('Not deleted'));
      const held = (ctx.store.loadedProjects ?? []).filter((p) => ctx.store.loaded(p.id, 'groups')?.some((x) => x.id === g.id));
      const members = ctx.store.groupMembersLoaded(g.id);
      const detail = [
        members
          ? vscode.l10n.t('Its {0} member(s) lose the access and roles they have only through it.', members.length)
          : vscode.l10n.t('Its members lose the access and roles they have only through it.'),
        held.length ? vscode.l10n.t('It has access to: {0}.', held.map(projectName).join(', ')) : '',
        vscode.l10n.t('This cannot be undone.'),
      ]
        .filter(Boolean)
        .join(' ');
      if (!(await ctx.ui.confirm(vscode.l10n.t('Delete the group "{0}"?', groupLabel(g)), detail, vscode.l10n.t('Delete Group')))) return;
      const w = await inOrgView(vscode.l10n.t('Deleting the group…'), () =>
        ctx.writer.access.deleteGroup(g.id, vscode.l10n.t('deleting the group "{0}"', groupLabel(g))),
      );
      done(ctx, vscode.l10n.t('Group "{0}" deleted.', groupLabel(g)), { lost: w.lost });
    },

    /** Adds organization members to a group, one write each; returns who was added. */
    async addGroupMembers(node?: unknown, userIds?: unknown): Promise<string[]> {
      const g = await targetGroup(ctx, node, vscode.l10n.t('Add members to which group?'), (x) => !x.is_scim_managed);
      refuseScim(g, vscode.l10n.t('Nobody added'));
      const [org, inGroup] = await inOrgView(vscode.l10n.t('Loading the members…'), () =>
        Promise.all([ctx.store.orgList('members'), ctx.store.groupMembers(g.id)]),
      );
      const already = new Set(inGroup.map((u) => u.id));
      let chosen: OrganizationUser[];
      if (Array.isArray(userIds) && userIds.every((x) => typeof x === 'string')) {
        const unknown = userIds.filter((id) => !org.some((u) => u.id === id));
        if (unknown.length) throw new Error(vscode.l10n.t('Not organization members: {0}.', unknown.join(', ')));
        chosen = org.filter((u) => userIds.includes(u.id) && !already.has(u.id));
        if (!chosen.length) throw new Error(vscode.l10n.t('They are in "{0}" already.', groupLabel(g)));
        await confirmPassed(ctx, vscode.l10n.t('Add {0} to the group "{1}"?', chosen.map(memberLabel).join(', '), groupLabel(g)), vscode.l10n.t('Add'));
      } else {
        const candidates = org.filter((u) => !already.has(u.id));
        if (!candidates.length) throw new Error(vscode.l10n.t('Every organization member is in "{0}" already.', groupLabel(g)));
        const picked = await ctx.ui.pickMany(
          candidates.map((u) => ({ label: iconless(memberLabel(u)), description: u.email ?? undefined, detail: u.id, u })),
          {
            title: vscode.l10n.t('Add to "{0}"', groupLabel(g)),
            placeHolder: vscode.l10n.t('Pick the members (Space to tick, Enter when done)'),
            matchOnDescription: true,
          },
        );
        if (!picked?.length) throw new Cancelled();
        chosen = picked.map((x) => x.u);
      }
      const added: string[] = [];
      const failed: string[] = [];
      let lost = false;
      await inOrgView(vscode.l10n.t('Adding to the group…'), async () => {
        for (const u of chosen) {
          const member: GroupUser = { id: u.id, name: u.name, email: u.email, is_service_account: u.is_service_account };
          try {
            lost ||= (await ctx.writer.access.addGroupMember(g.id, member, vscode.l10n.t('adding {0} to the group "{1}"', memberLabel(u), groupLabel(g)))).lost;
            added.push(u.id);
          } catch (e) {
            failed.push(`${memberLabel(u)}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      });
      const names = chosen.filter((u) => added.includes(u.id)).map(memberLabel);
      const message = names.length ? vscode.l10n.t('Added {0} to "{1}".', names.join(', '), groupLabel(g)) : vscode.l10n.t('Nobody was added.');
      if (failed.length) throw new Error(`${message} ${vscode.l10n.t('Not added: {0}', failed.join('; '))}`);
      done(ctx, message, { lost });
      return added;
    },

    async removeGroupMember(node?: unknown): Promise<void> {
      if (!isGroupMemberNode(node)) throw new Error(vscode.l10n.t('Run Remove from Group on a member’s row under a group.'));
      const g = node.group;
      const u = node.groupMember;
      refuseScim(g, vscode.l10n.t('Not removed'));
      const who = u.name || u.email || u.id;
      if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Remove {0} from the group "{1}"?', who, groupLabel(g)),
          vscode.l10n.t('They lose the access and roles they have only through the group.'),
          vscode.l10n.t('Remove'),
        ))
      )
        return;
      const w = await inOrgView(vscode.l10n.t('Removing from the group…'), () =>
        ctx.writer.access.removeGroupMember(g.id, u.id, vscode.l10n.t('removing {0} from the group "{1}"', who, groupLabel(g))),
      );
      done(ctx, vscode.l10n.t('{0} removed from "{1}".', who, groupLabel(g)), { lost: w.lost });
    },

    /**
     * Gives a group access to a project with a project role. From a project (its row or its Groups
     * folder) the group is picked; from a group's row the project is.
     */
    async grantGroupAccess(node?: unknown, groupId?: unknown, roleId?: unknown): Promise<void> {
      const fromGroup = isOrgLeafNode(node) && node.orgKind === 'groups';
      const p = await targetProject(ctx, fromGroup ? undefined : node, { forChange: true, title: vscode.l10n.t('Give a group access to which project?') });
      if (isDefaultProject(p)) throw new Error(vscode.l10n.t('The default project holds every organization member already: groups are not granted it.'));
      const granted = await withViewProgress(vscode.l10n.t('Loading the groups of {0}…', projectName(p)), () => ctx.store.folder(p.id, 'groups'));
      let g: Group;
      if (typeof groupId === 'string') {
        const all = await ctx.store.orgList('groups');
        g =
          all.find((x) => x.id === groupId) ??
          (() => {
            throw new Error(vscode.l10n.t('There is no group {0} in the organization.', groupId));
          })();
      } else
        g = await targetGroup(
          ctx,
          fromGroup ? node : undefined,
          vscode.l10n.t('Which group gets access to "{0}"?', projectName(p)),
          (x) => !granted.some((y) => y.id === x.id),
        );
      if (granted.some((x) => x.id === g.id)) throw new Error(vscode.l10n.t('"{0}" has access to "{1}" already.', groupLabel(g), projectName(p)));
      const role = await pickProjectRole(ctx, p, vscode.l10n.t('Role of "{0}" in "{1}"', groupLabel(g), projectName(p)), roleId);
      if (typeof groupId === 'string' || typeof roleId === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Give "{0}" access to "{1}" as {2}?', groupLabel(g), projectName(p), role.name), vscode.l10n.t('Grant Access'));
      const w = await withViewProgress(vscode.l10n.t('Granting access…'), () =>
        ctx.writer.access.grantGroup(p.id, g.id, role.id, vscode.l10n.t('giving the group "{0}" access to "{1}"', groupLabel(g), projectName(p))),
      );
      done(ctx, vscode.l10n.t('"{0}" has access to "{1}" as {2}.', groupLabel(g), projectName(p), role.name), { lost: w.lost });
    },

    /** One group to many projects, with one predefined role, as a plan. */
    async grantGroupToProjects(node?: unknown): Promise<ApplyResult | undefined> {
      const g = await targetGroup(ctx, node, vscode.l10n.t('Give which group access to projects?'));
      const targets = await pickProjects(ctx, vscode.l10n.t('Give "{0}" access to which projects?', groupLabel(g)));
      const first = targets.find((p) => !isDefaultProject(p) && p.status !== 'archived');
      if (!first) throw new Error(vscode.l10n.t('None of these projects takes a group: the default project and archived ones do not.'));
      const role = await pickProjectRole(ctx, first, vscode.l10n.t('Role of "{0}" in the {1} projects', groupLabel(g), targets.length), undefined, true);
      const plan = await planGrantGroup(ctx, g, targets, role);
      return showAndApply(ctx, plan, vscode.l10n.t('give {0} access to projects', groupLabel(g)));
    },

    /** Every project the group has access to, revoked, as a plan. */
    async revokeGroupEverywhere(node?: unknown): Promise<ApplyResult | undefined> {
      const g = await targetGroup(ctx, node, vscode.l10n.t('Revoke which group’s access everywhere?'));
      const plan = await planRevokeGroupEverywhere(ctx, g);
      return showAndApply(ctx, plan, vscode.l10n.t('revoke {0} everywhere', groupLabel(g)));
    },

    async revokeGroupAccess(node?: unknown): Promise<void> {
      let p: Project;
      let row: ProjectGroupRow;
      if (isLeafNode(node) && node.kind === 'groups') {
        p = node.project;
        row = node.item as ProjectGroupRow;
      } else {
        p = await targetProject(ctx, node, { forChange: true, title: vscode.l10n.t('Revoke a group’s access to which project?') });
        const granted = await withViewProgress(vscode.l10n.t('Loading the groups of {0}…', projectName(p)), () => ctx.store.folder(p.id, 'groups'));
        if (!granted.length) throw new Error(vscode.l10n.t('No group has access to "{0}".', projectName(p)));
        const picked = await ctx.ui.pick(
          granted.map((x) => ({ label: iconless(x.group_name || x.group_id), detail: x.group_id, x })),
          {
            title: vscode.l10n.t('Revoke which group’s access to "{0}"?', projectName(p)),
          },
        );
        if (!picked) throw new Cancelled();
        row = picked.x;
      }
      const name = row.group_name || row.group_id;
      if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Revoke the access of "{0}" to "{1}"?', name, projectName(p)),
          vscode.l10n.t('Its members lose the access and roles they have in the project only through the group. The group itself stays.'),
          vscode.l10n.t('Revoke Access'),
        ))
      )
        return;
      const w = await withViewProgress(vscode.l10n.t('Revoking access…'), () =>
        ctx.writer.access.revokeGroup(p.id, row.group_id, vscode.l10n.t('revoking the access of "{0}" to "{1}"', name, projectName(p))),
      );
      done(ctx, vscode.l10n.t('"{0}" no longer has access to "{1}".', name, projectName(p)), { lost: w.lost });
    },
  };
}
