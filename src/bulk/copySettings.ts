// Copy Settings to Projects: the sections a person picks, as one project holds them, made so in
// others, as a plan. Each section is read fresh from every project (a cancellable progress, paced by
// the client's pool); a change is what differs, written by the one writer as a file's Apply writes it.
import * as l10n from '@vscode/l10n';
import type { Project } from '../client';
import type { Ctx } from '../kit/context';
import { holds } from '../files/policyFile';
import { isArchived, projectName } from '../shared/projectInfo';
import { loadedOf } from '../settings/sections';
import { sectionLabel, wantedOf, wantedText, type Loaded, type Section, type Wanted } from '../webview/settingsProtocol';
import type { Change, Plan, Skip } from './plan';
import { planWrites } from './writes';

/** One project's sections as read now: each its value, or the error that kept it from being read. */
export type Held = Partial<{ [S in Section]: Loaded[S] | Error }>;

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** The sections of one project, read fresh at once (one round trip). */
export async function readSections(ctx: Ctx, projectId: string, sections: readonly Section[]): Promise<Held> {
  const got = await Promise.all(
    sections.map(<S extends Section>(s: S) =>
      ctx.store.facet({ projectId }, s, true).then(
        (v) => loadedOf(s, v),
        (e: unknown) => asError(e),
      ),
    ),
  );
  const held: Held = Object.fromEntries(sections.map((s, i) => [s, got[i]]));
  return held;
}

/**
 * A section the source holds in a form another project can take; else why not (not readable, no
 * retention arrangement set, a model mode newer than this extension).
 */
export function copyable<S extends Section>(s: S, held: Loaded[S] | Error | undefined): { want: Wanted[S] } | { why: string } {
  if (held === undefined) return { why: l10n.t('not read') };
  if (held instanceof Error) return { why: l10n.t('could not be read: {0}', held.message) };
  const want = wantedOf(s, held);
  if (want !== undefined) return { want };
  return s === 'dataRetention'
    ? { why: l10n.t('no arrangement is set (it follows the organization)') }
    : { why: l10n.t('"{0}" is a mode this extension does not know', (held as Loaded['models']).mode) };
}

export async function planCopySettings(ctx: Ctx, source: Project, from: Held, sections: Section[], targets: Project[]): Promise<Plan> {
  const write = planWrites(ctx);
  const wants = new Map(sections.map((s) => [s, copyable(s, from[s])]));
  const copied = sections.filter((s) => 'want' in wants.get(s)!);
  if (!copied.length) throw new Error(l10n.t('"{0}" has none of these settings in a form another project can take.', projectName(source)));
  const open = targets.filter((p) => !isArchived(p) && p.id !== source.id);
  const read = await ctx.ui.progress(l10n.t('Reading the settings of {0} project{1}', open.length, open.length === 1 ? '' : 's'), async (report, token) => {
    const out = new Map<string, Held>();
    for (const [i, p] of open.entries()) {
      if (token.isCancellationRequested) return undefined;
      report(l10n.t('{0} of {1} projects', i + 1, open.length));
      out.set(p.id, await readSections(ctx, p.id, copied));
    }
    return out;
  });
  if (!read) throw new Error(l10n.t('Stopped before the settings of every project were known: nothing was changed.'));
  const changes: Change[] = [];
  const skipped: Skip[] = [];
  for (const p of targets) {
    const skipAll = (why: string) => copied.forEach((s) => skipped.push({ project: p, object: sectionLabel(s), why }));
    if (p.id === source.id) {
      skipAll(l10n.t('the source project itself'));
      continue;
    }
    if (isArchived(p)) {
      skipAll(l10n.t('archived project: it takes no changes'));
      continue;
    }
    const theirs = read.get(p.id)!;
    for (const s of copied) {
      const want = (wants.get(s) as { want: Wanted[typeof s] }).want;
      const now = theirs[s];
      const object = sectionLabel(s);
      if (!now || now instanceof Error) {
        skipped.push({ project: p, object, why: l10n.t('could not be read: {0}', now?.message ?? '') });
        continue;
      }
      if (holds(s, want, now)) {
        skipped.push({ project: p, object, why: l10n.t('already the same') });
        continue;
      }
      const before = wantedOf(s, now);
      changes.push({
        project: p,
        object,
        before: before === undefined && s === 'models' ? (now as Loaded['models']).mode : wantedText(s, before),
        after: wantedText(s, want),
        apply: () => write.policySection(p.id, s, want),
      });
    }
  }
  const left = sections.filter((s) => !copied.includes(s));
  return {
    title: l10n.t(
      'Copy {0} from {1} to {2} project{3}',
      copied.map(sectionLabel).join(', '),
      projectName(source),
      targets.length,
      targets.length === 1 ? '' : 's',
    ),
    changes,
    skipped,
    notes: [
      l10n.t('Based on the settings as read just now; each change reads its section again before it writes, and says so if it is already so.'),
      ...left.map((s) => l10n.t('{0} is not copied: in "{1}" it is {2}.', sectionLabel(s), projectName(source), (wants.get(s) as { why: string }).why)),
      ...(copied.includes('spendAlerts')
        ? [l10n.t('A project’s alerts become the source’s: an alert at an amount the source has no alert for is removed.')]
        : []),
    ],
  };
}
