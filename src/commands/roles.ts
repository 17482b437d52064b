// Commands on roles: create, edit and delete a custom role (the organization's, or a project's), and
// assign or unassign a role to a person or a group, in the organization or in a project. Predefined
// roles and a member's own role are refused with the reason before any request.
import * as vscode from 'vscode';
import { assignedTo, type AssignedRole, type Group, type OrganizationUser, type Project, type ProjectUser, type Role } from '../client';
import { MEMBER_ROLES } from '../index/access';
import { showAndApply, type ApplyResult } from '../bulk/plan';
import { planAssignRole, projectRoles } from '../bulk/groupPlans';
import { pickProjects } from './bulk';
import { Cancelled, confirmPassed, done, withViewProgress, type Ctx } from '../kit/context';
import { isFolderNode, isLeafNode, isProjectNode } from '../kit/node';
import { iconless } from '../kit/ui';
import { isGroupMemberNode, isOrgLeafNode } from '../tree/organizationTree';
import { projectName } from '../shared/projectInfo';
import type { Principal, RoleScope } from '../store/accessWriter';
import type { ProjectGroupRow } from '../store/kinds';
import { memberLabel } from '../store/orgKinds';

const roleLabel = (r: Pick<Role, 'id' | 'name'>) => r.name || r.id;

interface Scoped {
  scope: RoleScope;
  /** "the organization" or "project "X"" in a sentence. */
  where: string;
  project?: Project;
}

/** A project's row, folder or item: that project; anything else: the organization. */
const scopeOf = (node: unknown): Scoped => (isProjectNode(node) || isFolderNode(node) || isLeafNode(node) ? projectScope(node.project) : orgScope());

const orgScope = (): Scoped => ({ scope: {}, where: vscode.l10n.t('the organization') });
const projectScope = (p: Project): Scoped => ({ scope: { projectId: p.id }, where: vscode.l10n.t('project "{0}"', projectName(p)), project: p });

async function rolesOf(ctx: Ctx, s: Scoped): Promise<Role[]> {
  if (!s.project) return ctx.store.orgList('roles');
  const projectId = s.project.id;
  return withViewProgress(vscode.l10n.t('Loading the roles of {0}…', projectName(s.project)), () => ctx.store.projectRoles(projectId));
}

/** The custom role a row stands for (the Organization view's Roles), or one picked. */
async function targetRole(ctx: Ctx, node: unknown, title: string): Promise<{ role: Role; at: Scoped }> {
  if (isOrgLeafNode(node) && node.orgKind === 'roles') return { role: node.orgItem as Role, at: orgScope() };
  const at = scopeOf(node);
  const custom = (await rolesOf(ctx, at)).filter((r) => !r.predefined_role);
  if (!custom.length) throw new Error(vscode.l10n.t('{0} has no custom role.', upper(at.where)));
  const picked = await ctx.ui.pick(
    custom.map((r) => ({ label: iconless(roleLabel(r)), description: r.description ?? undefined, detail: r.permissions.join(', '), r })),
    { title, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return { role: picked.r, at };
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function refusePredefined(r: Role, what: string): void {
  if (r.predefined_role) throw new Error(vscode.l10n.t('{0}: "{1}" is a predefined role, which cannot be changed or deleted.', what, roleLabel(r)));
}

/** The permissions a role at this level can hold, as the level's roles show them, picked. */
async function pickPermissions(ctx: Ctx, roles: Role[], title: string, current: readonly string[], passed: unknown): Promise<string[]> {
  if (Array.isArray(passed) && passed.length && passed.every((x) => typeof x === 'string')) return passed;
  const known = [...new Set([...roles.flatMap((r) => r.permissions), ...current])].sort();
  const picked = await ctx.ui.pickMany(
    known.map((p) => ({ label: p, picked: current.includes(p) })),
    { title, placeHolder: vscode.l10n.t('Pick its permissions (Space to tick, Enter when done)') },
  );
  if (!picked?.length) throw new Cancelled();
  return picked.map((x) => x.label);
}

function nameProblem(name: string, roles: readonly Role[], self?: Role): string | undefined {
  const n = name.trim();
  if (!n) return vscode.l10n.t('Type a name.');
  const other = roles.find((r) => r.id !== self?.id && r.name.toLowerCase() === n.toLowerCase());
  return other ? vscode.l10n.t('There is a role called "{0}" already.', other.name) : undefined;
}

/** The person or group a row stands for, and where (the organization, or the row's project). */
async function targetPrincipal(ctx: Ctx, node: unknown, title: string): Promise<{ p: Principal; label: string; at: Scoped }> {
  if (isOrgLeafNode(node)) {
    if (node.orgKind === 'members') {
      const u = node.orgItem as OrganizationUser;
      return { p: { type: 'user', id: u.id }, label: memberLabel(u), at: orgScope() };
    }
    if (node.orgKind === 'groups') {
      const g = node.orgItem as Group;
      return { p: { type: 'group', id: g.id }, label: g.name || g.id, at: orgScope() };
    }
  }
  if (isGroupMemberNode(node)) {
    const u = node.groupMember;
    return { p: { type: 'user', id: u.id }, label: memberLabel(u), at: orgScope() };
  }
  if (isLeafNode(node)) {
    const project = node.project;
    if (node.kind === 'users') {
      const u = node.item as ProjectUser;
      return { p: { type: 'user', id: u.id, projectId: project.id }, label: memberLabel(u), at: projectScope(project) };
    }
    if (node.kind === 'groups') {
      const g = node.item as ProjectGroupRow;
      return { p: { type: 'group', id: g.group_id, projectId: project.id }, label: g.group_name || g.group_id, at: projectScope(project) };
    }
  }
  const members = await ctx.store.orgList('members');
  const picked = await ctx.ui.pick(
    members.map((u) => ({ label: iconless(memberLabel(u)), description: u.email ?? undefined, detail: u.id, u })),
    { title, matchOnDescription: true },
  );
  if (!picked) throw new Cancelled();
  return { p: { type: 'user', id: picked.u.id }, label: memberLabel(picked.u), at: orgScope() };
}

/** A member's own role (their organization or project role): changed with their role, not unassigned. */
function ownRole(ctx: Ctx, t: { p: Principal; at: Scoped }): string | undefined {
  if (t.p.type !== 'user') return undefined;
  if (!t.at.project) return MEMBER_ROLES[`org:${ctx.store.orgLoaded('members')?.find((u) => u.id === t.p.id)?.role ?? ''}`];
  return MEMBER_ROLES[`project:${ctx.store.loaded(t.at.project.id, 'users')?.find((u) => u.id === t.p.id)?.role ?? ''}`];
}

const direct = (r: AssignedRole, p: Principal) => assignedTo(r, p.id);

export function roleCommands(ctx: Ctx) {
  return {
    /** A custom role: the organization's (from the Roles folder or the palette) or a project's (from its row). */
    async createRole(node?: unknown, name?: unknown, permissions?: unknown): Promise<Role> {
      const at = scopeOf(node);
      const roles = await rolesOf(ctx, at);
      const n =
        typeof name === 'string'
          ? name
          : await ctx.ui.input({ title: vscode.l10n.t('New role in {0}', at.where), ignoreFocusOut: true, validateInput: (v) => nameProblem(v, roles) });
      if (n === undefined) throw new Cancelled();
      const problem = nameProblem(n, roles);
      if (problem) throw new Error(problem);
      const perms = await pickPermissions(ctx, roles, vscode.l10n.t('Permissions of "{0}"', n.trim()), [], permissions);
      const description =
        typeof name === 'string' ? undefined : await ctx.ui.input({ title: vscode.l10n.t('Description of "{0}" (optional)', n.trim()), ignoreFocusOut: true });
      if (typeof name === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Create the role "{0}" in {1} with {2}?', n.trim(), at.where, perms.join(', ')), vscode.l10n.t('Create Role'));
      const w = await withViewProgress(vscode.l10n.t('Creating the role…'), () =>
        ctx.writer.access.roles.createRole(
          at.scope,
          { role_name: n.trim(), permissions: perms, ...(description ? { description } : {}) },
          vscode.l10n.t('creating the role "{0}" in {1}', n.trim(), at.where),
        ),
      );
      done(ctx, vscode.l10n.t('Role "{0}" created in {1}.', n.trim(), at.where), { lost: w.lost });
      return w.value;
    },

    /** A custom role's permissions (and description); its name stays. */
    async editRole(node?: unknown, permissions?: unknown): Promise<void> {
      const { role, at } = await targetRole(ctx, node, vscode.l10n.t('Edit which role?'));
      refusePredefined(role, vscode.l10n.t('Not changed'));
      const roles = await rolesOf(ctx, at);
      const perms = await pickPermissions(ctx, roles, vscode.l10n.t('Permissions of "{0}"', roleLabel(role)), role.permissions, permissions);
      if ([...perms].sort().join() === [...role.permissions].sort().join()) return;
      if (Array.isArray(permissions))
        await confirmPassed(ctx, vscode.l10n.t('Give the role "{0}" the permissions {1}?', roleLabel(role), perms.join(', ')), vscode.l10n.t('Change Role'));
      const w = await withViewProgress(vscode.l10n.t('Changing the role…'), () =>
        ctx.writer.access.roles.updateRole(
          at.scope,
          role.id,
          { permissions: perms },
          vscode.l10n.t('changing the role "{0}" in {1}', roleLabel(role), at.where),
        ),
      );
      done(ctx, vscode.l10n.t('Role "{0}" now has {1}.', roleLabel(role), perms.join(', ')), { lost: w.lost });
    },

    async deleteRole(node?: unknown): Promise<void> {
      const { role, at } = await targetRole(ctx, node, vscode.l10n.t('Delete which role?'));
      refusePredefined(role, vscode.l10n.t('Not deleted'));
      if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Delete the role "{0}" of {1}?', roleLabel(role), at.where),
          vscode.l10n.t('The API refuses while anyone holds it: unassign it first. This cannot be undone.'),
          vscode.l10n.t('Delete Role'),
        ))
      )
        return;
      const w = await withViewProgress(vscode.l10n.t('Deleting the role…'), () =>
        ctx.writer.access.roles.deleteRole(at.scope, role.id, vscode.l10n.t('deleting the role "{0}" of {1}', roleLabel(role), at.where)),
      );
      done(ctx, vscode.l10n.t('Role "{0}" deleted.', roleLabel(role)), { lost: w.lost });
    },

    /** A role for a person or a group, in the organization or (from a project's row of theirs) the project. */
    async assignRole(node?: unknown, roleId?: unknown): Promise<void> {
      const t = await targetPrincipal(ctx, node, vscode.l10n.t('Assign a role to whom?'));
      const [roles, held] = await withViewProgress(vscode.l10n.t('Loading the roles…'), () =>
        Promise.all([rolesOf(ctx, t.at), ctx.writer.access.roles.held(t.p)]),
      );
      const mine = new Set(held.filter((r) => direct(r, t.p)).map((r) => r.id));
      let role: Role;
      if (typeof roleId === 'string') {
        const r = roles.find((x) => x.id === roleId || x.name === roleId);
        if (!r) throw new Error(vscode.l10n.t('"{0}" is not a role of {1}.', roleId, t.at.where));
        role = r;
      } else {
        const choices = roles.filter((r) => !mine.has(r.id));
        if (!choices.length) throw new Error(vscode.l10n.t('{0} holds every role of {1} already.', t.label, t.at.where));
        const picked = await ctx.ui.pick(
          choices.map((r) => ({
            label: iconless(roleLabel(r)),
            description: held.some((h) => h.id === r.id) ? vscode.l10n.t('held through a group') : r.predefined_role ? vscode.l10n.t('predefined') : undefined,
            detail: r.permissions.join(', '),
            r,
          })),
          { title: vscode.l10n.t('Role for {0} in {1}', t.label, t.at.where), matchOnDetail: true },
        );
        if (!picked) throw new Cancelled();
        role = picked.r;
      }
      if (mine.has(role.id)) throw new Error(vscode.l10n.t('{0} holds "{1}" in {2} already.', t.label, roleLabel(role), t.at.where));
      if (typeof roleId === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Give {0} the role "{1}" in {2}?', t.label, roleLabel(role), t.at.where), vscode.l10n.t('Assign Role'));
      const w = await withViewProgress(vscode.l10n.t('Assigning the role…'), () =>
        ctx.writer.access.roles.assign(t.p, role.id, vscode.l10n.t('giving {0} the role "{1}" in {2}', t.label, roleLabel(role), t.at.where)),
      );
      done(ctx, vscode.l10n.t('{0} holds "{1}" in {2}.', t.label, roleLabel(role), t.at.where), { lost: w.lost });
    },

    /** A project role by name for a person in many projects, as a plan (each project's own role of that name). */
    async assignRoleInProjects(node?: unknown): Promise<ApplyResult | undefined> {
      const t = await targetPrincipal(ctx, node, vscode.l10n.t('Give whom a role in projects?'));
      if (t.p.type !== 'user') throw new Error(vscode.l10n.t('Assign Role in Projects is for a person: for a group, use Grant Group Access to Projects.'));
      const targets = await pickProjects(ctx, vscode.l10n.t('Give {0} a role in which projects?', t.label));
      const open = targets.filter((p) => p.status !== 'archived');
      const rolesOf = await projectRoles(ctx, open);
      const names = new Map<string, number>();
      for (const rs of rolesOf.values())
        if (!(rs instanceof Error)) for (const r of rs) if (!r.predefined_role) names.set(r.name, (names.get(r.name) ?? 0) + 1);
      if (!names.size) throw new Error(vscode.l10n.t('None of these projects has a custom role: create one with Create Role… on a project.'));
      const picked = await ctx.ui.pick(
        [...names].map(([name, n]) => ({ label: iconless(name), description: vscode.l10n.t('in {0} of {1} projects', n, open.length), name })),
        { title: vscode.l10n.t('Which role for {0}?', t.label) },
      );
      if (!picked) throw new Cancelled();
      const plan = await planAssignRole(ctx, { id: t.p.id, label: t.label }, picked.name, targets, rolesOf);
      return showAndApply(ctx, plan, vscode.l10n.t('give {0} a role in projects', t.label));
    },

    /** A role assigned to the person or group itself; one held through a group or as a member is refused with where it comes from. */
    async unassignRole(node?: unknown, roleId?: unknown): Promise<void> {
      const t = await targetPrincipal(ctx, node, vscode.l10n.t('Unassign a role of whom?'));
      const held = await withViewProgress(vscode.l10n.t('Loading their roles…'), () => ctx.writer.access.roles.held(t.p));
      const own = ownRole(ctx, t);
      const removable = held.filter((r) => direct(r, t.p) && r.id !== own);
      let role: AssignedRole;
      if (typeof roleId === 'string') {
        const r = held.find((x) => x.id === roleId || x.name === roleId);
        if (!r) throw new Error(vscode.l10n.t('{0} does not hold "{1}" in {2}.', t.label, roleId, t.at.where));
        role = r;
      } else {
        if (!removable.length)
          throw new Error(vscode.l10n.t('{0} holds no role assigned to them in {1}: their roles come with their membership or a group.', t.label, t.at.where));
        const picked = await ctx.ui.pick(
          removable.map((r) => ({ label: iconless(roleLabel(r)), detail: r.permissions.join(', '), r })),
          { title: vscode.l10n.t('Unassign which role of {0} in {1}?', t.label, t.at.where) },
        );
        if (!picked) throw new Cancelled();
        role = picked.r;
      }
      if (role.id === own) throw new Error(vscode.l10n.t('"{0}" is {1}’s own role in {2}: change their role instead.', roleLabel(role), t.label, t.at.where));
      if (!direct(role, t.p)) {
        // The groups by name (one read, cached; their ids if it fails).
        const groups = await ctx.store.orgList('groups').catch(() => []);
        const via = (role.assignment_sources ?? []).map((s) => groups.find((g) => g.id === s.principal_id)?.name ?? s.principal_id);
        throw new Error(
          vscode.l10n.t('{0} holds "{1}" through {2}: remove them from the group, or the role from the group.', t.label, roleLabel(role), via.join(', ')),
        );
      }
      if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Unassign "{0}" from {1} in {2}?', roleLabel(role), t.label, t.at.where),
          vscode.l10n.t('What they hold otherwise (their membership, their groups) stays.'),
          vscode.l10n.t('Unassign Role'),
        ))
      )
        return;
      const w = await withViewProgress(vscode.l10n.t('Unassigning the role…'), () =>
        ctx.writer.access.roles.unassign(t.p, role.id, vscode.l10n.t('taking the role "{0}" from {1} in {2}', roleLabel(role), t.label, t.at.where)),
      );
      done(ctx, vscode.l10n.t('{0} no longer holds "{1}" in {2}.', t.label, roleLabel(role), t.at.where), { lost: w.lost });
    },
  };
}
