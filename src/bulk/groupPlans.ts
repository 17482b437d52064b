// Access to many projects at once, as a plan: grant a group the projects picked with one role, revoke
// it everywhere it has access, or give a person a project role by name in many projects. Planned from each project's Groups list (the index's copy,
// read first where missing or stale), applied one write a project.
import * as l10n from '@vscode/l10n';
import type { Group, Project, Role } from '../client';
import type { Ctx } from '../kit/context';
import { isArchived, isDefaultProject } from '../shared/projectInfo';
import type { Change, Plan, Skip } from './plan';
import { lists, unreadable } from './planners';
import { planWrites } from './writes';

const groupName = (g: Pick<Group, 'id' | 'name'>) => g.name || g.id;

export async function planGrantGroup(ctx: Ctx, group: Group, targets: Project[], role: Role): Promise<Plan> {
  const write = planWrites(ctx);
  const open = targets.filter((p) => !isArchived(p) && !isDefaultProject(p));
  const { lists: granted, note } = await lists(ctx, 'groups', open, l10n.t('the groups with access'));
  const changes: Change[] = [];
  const skipped: Skip[] = [];
  const object = l10n.t('group {0}', groupName(group));
  for (const p of targets) {
    if (isArchived(p)) {
      skipped.push({ project: p, object, why: l10n.t('archived project: it takes no changes') });
      continue;
    }
    if (isDefaultProject(p)) {
      skipped.push({ project: p, object, why: l10n.t('default project: every organization member is in it already') });
      continue;
    }
    const g = granted.get(p.id)!;
    if (g instanceof Error) {
      skipped.push(unreadable(p, object, g));
      continue;
    }
    if (g.some((x) => x.id === group.id)) {
      skipped.push({ project: p, object, why: l10n.t('has access already') });
      continue;
    }
    changes.push({
      project: p,
      object,
      before: l10n.t('no access'),
      after: role.name || role.id,
      apply: () => write.grantGroup(p.id, group.id, role.id),
    });
  }
  return {
    title: l10n.t('Give {0} access to {1} project(s) as {2}', groupName(group), targets.length, role.name || role.id),
    changes,
    skipped,
    notes: [note, l10n.t('Every member of the group gets the role in each project; what they hold there otherwise stays.')],
  };
}

export async function planRevokeGroupEverywhere(ctx: Ctx, group: Group): Promise<Plan> {
  const write = planWrites(ctx);
  const active = (await ctx.store.projects(true)).filter((p) => !isArchived(p) && !isDefaultProject(p));
  const { lists: granted, note } = await lists(ctx, 'groups', active, l10n.t('the groups with access'));
  const changes: Change[] = [];
  const skipped: Skip[] = [];
  const object = l10n.t('group {0}', groupName(group));
  for (const p of active) {
    const g = granted.get(p.id)!;
    if (g instanceof Error) {
      skipped.push(unreadable(p, object, g));
      continue;
    }
    if (!g.some((x) => x.id === group.id)) continue;
    changes.push({
      project: p,
      object,
      before: l10n.t('has access'),
      after: l10n.t('no access'),
      apply: () => write.revokeGroup(p.id, group.id),
    });
  }
  return {
    title: l10n.t('Revoke the access of {0} to every project', groupName(group)),
    changes,
    skipped,
    notes: [note, l10n.t('The group itself stays, with its members and its organization roles. Its project roles go with its access.')],
  };
}

/** Each project's roles (one read each, in turn, cancellable), or why they could not be read. */
export async function projectRoles(ctx: Ctx, projects: Project[]): Promise<Map<string, Role[] | Error>> {
  const rolesOf = new Map<string, Role[] | Error>();
  await ctx.ui.progress(l10n.t('Reading the projects’ roles'), async (report, token) => {
    let done = 0;
    for (const p of projects) {
      if (token.isCancellationRequested) throw new Error(l10n.t('Stopped before every project’s roles were read: nothing was changed.'));
      try {
        rolesOf.set(p.id, await ctx.store.projectRoles(p.id));
      } catch (e) {
        rolesOf.set(p.id, e instanceof Error ? e : new Error(String(e)));
      }
      report(l10n.t('{0} of {1} projects', ++done, projects.length));
    }
  });
  return rolesOf;
}

/**
 * A project role, by name, for one person in many projects: each project's own role of that name (a
 * custom role is one project's), where the person is a member. A role they hold already is the API's
 * to say (the outcome shows it).
 */
export async function planAssignRole(
  ctx: Ctx,
  user: { id: string; label: string },
  roleName: string,
  targets: Project[],
  rolesOf: Map<string, Role[] | Error>,
): Promise<Plan> {
  const write = planWrites(ctx);
  const open = targets.filter((p) => !isArchived(p));
  const { lists: members, note } = await lists(ctx, 'users', open, l10n.t('the members'));
  const changes: Change[] = [];
  const skipped: Skip[] = [];
  const object = l10n.t('user {0}', user.label);
  const wanted = roleName.toLowerCase();
  for (const p of targets) {
    if (isArchived(p)) {
      skipped.push({ project: p, object, why: l10n.t('archived project: it takes no changes') });
      continue;
    }
    const m = members.get(p.id)!;
    const roles = rolesOf.get(p.id) ?? new Error(l10n.t('its roles were not read'));
    if (m instanceof Error) {
      skipped.push(unreadable(p, object, m));
      continue;
    }
    if (roles instanceof Error) {
      skipped.push(unreadable(p, object, roles));
      continue;
    }
    const role = roles.find((r) => r.name.toLowerCase() === wanted);
    if (!role) {
      skipped.push({ project: p, object, why: l10n.t('the project has no role "{0}"', roleName) });
      continue;
    }
    if (!m.some((u) => u.id === user.id)) {
      skipped.push({ project: p, object, why: l10n.t('not a member: add them to the project first') });
      continue;
    }
    changes.push({
      project: p,
      object,
      before: l10n.t('without "{0}"', role.name),
      after: role.name,
      apply: () => write.assignRole(p.id, { type: 'user', id: user.id }, role.id),
    });
  }
  return {
    title: l10n.t('Give {0} the role "{1}" in {2} project(s)', user.label, roleName, targets.length),
    changes,
    skipped,
    notes: [note, l10n.t('Each project’s own role of that name; their membership and other roles stay.')],
  };
}
