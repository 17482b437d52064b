// A group's access to many projects at once, as a plan: grant it the projects picked with one role,
// or revoke it everywhere it has access. Planned from each project's Groups list (the index's copy,
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
