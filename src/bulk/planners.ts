// The three bulk changes, each planned from the index (lists missing or older than an hour are
// fetched first, paced) and applied through the client, patching the tree and index from each answer.
import * as l10n from '@vscode/l10n';
import type { Project, ProjectRateLimit, RateLimitField } from '../client';
import type { Ctx } from '../kit/context';
import { fillIndex } from '../index/indexer';
import { RATE_LIMIT_LABELS, compact, rateLimitFields } from '../shared/format';
import { dateTime } from '../shared/locale';
import { isArchived, isDefaultProject, projectName } from '../shared/projectInfo';
import type { FolderItems, FolderKind } from '../store/store';
import type { Change, Plan, Skip } from './plan';
import { planWrites } from './writes';

export interface UserRef {
  id: string;
  label: string;
  email?: string | null;
}

const time = (ms: number) => dateTime(ms / 1000);

/**
 * Each project's `kind` list, fetched first where missing or stale (a cancellable progress). A list
 * that could not be read is returned as its error: the plan skips that project and says why.
 */
export async function lists<K extends FolderKind>(
  ctx: Ctx,
  kind: K,
  projects: Project[],
  what: string,
): Promise<{ lists: Map<string, FolderItems[K] | Error>; note: string }> {
  const r = await ctx.ui.progress(l10n.t('Reading {0}', what), (report, token) =>
    fillIndex(ctx.store, ctx.index, { kinds: [kind], projects, token, report: (d, t) => report(l10n.t('{0} of {1} projects', d, t)) }),
  );
  if (r.cancelled) throw new Error(l10n.t('Stopped before {0} of every project were known: nothing was changed.', what));
  const out = new Map<string, FolderItems[K] | Error>();
  let oldest = Date.now();
  for (const p of projects) {
    const failed = r.failed.find((f) => f.project.id === p.id);
    const items = ctx.store.loaded(p.id, kind) ?? ctx.index.folder(p.id, kind)?.items;
    if (failed || !items) {
      out.set(p.id, failed?.error instanceof Error ? failed.error : new Error(l10n.t('its list could not be read')));
      continue;
    }
    oldest = Math.min(oldest, ctx.index.folder(p.id, kind)?.at ?? Date.now());
    out.set(p.id, items);
  }
  return {
    lists: out,
    note: l10n.t('Based on {0} as listed since {1} ({2} list{3} fetched for this plan).', what, time(oldest), r.fetched, r.fetched === 1 ? '' : 's'),
  };
}

export const unreadable = (p: Project, object: string, e: Error): Skip => ({ project: p, object, why: l10n.t('could not be read: {0}', e.message) });

export async function planRemoveEverywhere(ctx: Ctx, user: UserRef): Promise<Plan> {
  const write = planWrites(ctx);
  const all = await ctx.store.projects(true);
  const active = all.filter((p) => !isArchived(p));
  const { lists: members, note } = await lists(ctx, 'users', active, l10n.t('the members'));
  const changes: Change[] = [];
  const skipped: Skip[] = [];
  const object = l10n.t('user {0}', user.label);
  let notMember = 0;
  for (const p of active) {
    const m = members.get(p.id)!;
    if (m instanceof Error) {
      skipped.push(unreadable(p, object, m));
      continue;
    }
    const membership = m.find((u) => u.id === user.id);
    if (!membership) {
      notMember++;
      continue;
    }
    if (isDefaultProject(p)) {
      skipped.push({
        project: p,
        object,
        why: l10n.t('default project: its members follow the organization (remove the person from the organization instead)'),
      });
      continue;
    }
    changes.push({
      project: p,
      object,
      before: membership.role,
      after: 'removed',
      apply: () => write.removeMember(p.id, user.id),
    });
  }
  const archived = all.length - active.length;
  return {
    title: l10n.t('Remove {0} from all projects', user.label),
    changes,
    skipped,
    notes: [
      note,
      l10n.t(
        'Not a member of {0} other project{1}.{2}',
        notMember,
        notMember === 1 ? '' : 's',
        archived === 1
          ? l10n.t(' 1 archived project is not changed (archived projects take no changes).')
          : archived
            ? l10n.t(' {0} archived projects are not changed (archived projects take no changes).', archived)
            : '',
      ),
      l10n.t('Their API keys in these projects stop working. They stay in the organization.'),
    ],
  };
}

export async function planAddToProjects(ctx: Ctx, user: UserRef, targets: Project[], role: string): Promise<Plan> {
  const write = planWrites(ctx);
  const open = targets.filter((p) => !isArchived(p) && !isDefaultProject(p));
  const { lists: members, note } = await lists(ctx, 'users', open, l10n.t('the members'));
  const changes: Change[] = [];
  const skipped: Skip[] = [];
  const object = l10n.t('user {0}', user.label);
  for (const p of targets) {
    if (isArchived(p)) {
      skipped.push({ project: p, object, why: l10n.t('archived project: it takes no changes') });
      continue;
    }
    if (isDefaultProject(p)) {
      skipped.push({ project: p, object, why: l10n.t('default project: its members follow the organization') });
      continue;
    }
    const m = members.get(p.id)!;
    if (m instanceof Error) {
      skipped.push(unreadable(p, object, m));
      continue;
    }
    const there = m.find((u) => u.id === user.id);
    if (there) {
      skipped.push({ project: p, object, why: l10n.t('already there, as {0}', there.role) });
      continue;
    }
    changes.push({
      project: p,
      object,
      before: l10n.t('not a member'),
      after: role,
      apply: () => write.addMember(p.id, user.id, role),
    });
  }
  return {
    title: l10n.t('Add {0} to {1} project{2} as {3}', user.label, targets.length, targets.length === 1 ? '' : 's', role),
    changes,
    skipped,
    notes: [note],
  };
}

const limitsText = (r: ProjectRateLimit, fields: RateLimitField[]) => fields.map((f) => `${compact(r[f] as number)} ${RATE_LIMIT_LABELS[f].short}`).join(' · ');

export async function planCopyRateLimits(ctx: Ctx, source: Project, targets: Project[], model?: string): Promise<Plan> {
  const write = planWrites(ctx);
  const open = targets.filter((p) => !isArchived(p) && p.id !== source.id);
  const { lists: limits, note } = await lists(ctx, 'rateLimits', [source, ...open], l10n.t('the rate limits'));
  const from = limits.get(source.id)!;
  if (from instanceof Error) throw new Error(l10n.t('The rate limits of "{0}" could not be read: {1}', projectName(source), from.message));
  const models = model ? from.filter((r) => r.model === model) : from;
  if (!models.length) throw new Error(l10n.t('"{0}" has no rate limits{1} to copy.', projectName(source), model ? l10n.t(' for {0}', model) : ''));
  const changes: Change[] = [];
  const skipped: Skip[] = [];
  for (const p of targets) {
    const what = model ? l10n.t('model {0}', model) : l10n.t('rate limits');
    if (p.id === source.id) {
      skipped.push({ project: p, object: what, why: l10n.t('the source project itself') });
      continue;
    }
    if (isArchived(p)) {
      skipped.push({ project: p, object: what, why: l10n.t('archived project: it takes no changes') });
      continue;
    }
    const theirs = limits.get(p.id)!;
    if (theirs instanceof Error) {
      skipped.push(unreadable(p, what, theirs));
      continue;
    }
    for (const src of models) {
      const object = l10n.t('model {0}', src.model);
      const target = theirs.find((r) => r.model === src.model);
      if (!target) {
        skipped.push({ project: p, object, why: l10n.t('the project has no limits for this model') });
        continue;
      }
      // Only the fields both have; the source's values were accepted in the same organization, so
      // they are within what it allows, and the API says so if not.
      const fields = rateLimitFields(src).filter((f) => typeof target[f] === 'number' && target[f] !== src[f]);
      if (!fields.length) {
        skipped.push({ project: p, object, why: l10n.t('already the same') });
        continue;
      }
      changes.push({
        project: p,
        object,
        before: limitsText(target, fields),
        after: limitsText(src, fields),
        apply: () => write.updateLimits(p.id, target.id, Object.fromEntries(fields.map((f) => [f, src[f]]))),
      });
    }
  }
  return {
    title: l10n.t(
      'Copy {0} from {1} to {2} project{3}',
      model ? l10n.t("{0}'s limits", model) : l10n.t('rate limits'),
      projectName(source),
      targets.length,
      targets.length === 1 ? '' : 's',
    ),
    changes,
    skipped,
    notes: [note, l10n.t('Only models both projects have, and only the fields both have, are copied.')],
  };
}
