// A bulk change is first a plan: every change (project, object, before → after) and everything
// skipped with the reason, shown rendered in its panel with Apply on it (and as Markdown on request).
// Apply sends the writes one at a time (each paced by the client), never resending one; Stop or a
// cancel ends it before the next write. Each change reports done, refused (the API's words) or not
// run, in the panel and the document.
import * as l10n from '@vscode/l10n';
import { errorText, ProjectsApiError, redact, type Project } from '../client';
import { reportError } from '../kit/register';
import type { Ctx } from '../kit/context';
import type { PlanContent } from '../kit/planPanel';
import { projectName } from '../shared/projectInfo';

export interface Change {
  project: Project;
  object: string;
  before: string;
  after: string;
  /** Sends the write and patches the tree and index from its answer; what it says goes in the outcome. */
  apply(): Promise<string | undefined>;
}

export interface Skip {
  project: Project;
  object: string;
  why: string;
}

/** What follows from the changes without a write of its own (a removed member's keys stop working). */
export interface Consequence {
  project: Project;
  object: string;
  what: string;
}

export interface Plan {
  title: string;
  changes: Change[];
  skipped: Skip[];
  consequences?: Consequence[];
  /** Lines under the title: what the plan rests on (which lists, how fresh), what to know. */
  notes: string[];
}

export type Result = 'done' | 'refused' | 'not run';

export interface Outcome {
  change: Change;
  result: Result;
  message?: string;
}

export interface ApplyResult {
  outcomes: Outcome[];
  cancelled: boolean;
}

/**
 * The API's text (names, emails, refusals) as text in Markdown Preview: redacted, on one line, and
 * with what Markdown would read as markup escaped, so no name becomes a link, an image, an element or
 * a broken table: the markup characters, and the `@`, `://` and dots that would make it a link.
 */
export const mdText = (s: string) =>
  redact(s)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]<>()#+!|~&@]/g, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(?<=[A-Za-z0-9])\.(?=[A-Za-z0-9])/g, '\\.');
const cell = mdText;

export function renderPlan(plan: Plan, outcomes?: Outcome[]): string {
  const lines = [`# ${mdText(plan.title)}`, ''];
  const n = plan.changes.length;
  if (outcomes) {
    const count = (r: Result) => outcomes.filter((o) => o.result === r).length;
    lines.push(l10n.t('Applied: {0} done, {1} refused, {2} not run, {3} skipped.', count('done'), count('refused'), count('not run'), plan.skipped.length));
  } else {
    lines.push(l10n.t('{0} change{1}, {2} skipped. Nothing has been changed yet.', n, n === 1 ? '' : 's', plan.skipped.length));
  }
  lines.push('', ...plan.notes.map((l) => `- ${mdText(l)}`), '');
  if (n) {
    lines.push(
      l10n.t('## Changes'),
      '',
      l10n.t('| # | project | object | before | after |{0}', outcomes ? l10n.t(' outcome |') : ''),
      `|---|---|---|---|---|${outcomes ? '---|' : ''}`,
    );
    plan.changes.forEach((c, i) => {
      const o = outcomes?.[i];
      const result = o ? ` ${cell(o.result + (o.message ? `: ${o.message}` : ''))} |` : '';
      lines.push(`| ${i + 1} | ${cell(projectName(c.project))} | ${cell(c.object)} | ${cell(c.before)} | ${cell(c.after)} |${result}`);
    });
    lines.push('');
  }
  if (plan.consequences?.length) {
    lines.push(l10n.t('## What goes with it'), '', l10n.t('| project | object | what happens |'), '|---|---|---|');
    for (const x of plan.consequences) lines.push(`| ${cell(projectName(x.project))} | ${cell(x.object)} | ${cell(x.what)} |`);
    lines.push('');
  }
  if (plan.skipped.length) {
    lines.push(l10n.t('## Skipped'), '', l10n.t('| project | object | why |'), '|---|---|---|');
    for (const s of plan.skipped) lines.push(`| ${cell(projectName(s.project))} | ${cell(s.object)} | ${cell(s.why)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The API's own words for a refusal (the log keeps the whole error). */
function refusal(e: unknown): string {
  // The API's own words with its status, as the rate-limit form shows them; else the whole message.
  if (e instanceof ProjectsApiError && e.apiMessage) return redact(l10n.t('Refused{0}: {1}', e.status ? ` (${e.status})` : '', e.apiMessage));
  if (e instanceof ProjectsApiError) return redact(e.message);
  return errorText(e);
}

/** The title of the plan being applied now, if one is. */
let running: string | undefined;

/** The title of the plan being applied now, if one is. */
export const applyingPlan = () => running;

function stillRunning(ctx: Ctx): void {
  const message = l10n.t('"{0}" is being applied: nothing more is sent until it has finished (or is cancelled).', running ?? '');
  ctx.log.warn(message);
  void ctx.ui.notify('warning', message);
}

/** The plan as its panel draws it: the API's text redacted (the panel writes it as text, never as markup). */
export function planContent(plan: Plan, phase: PlanContent['phase'], outcomes?: Outcome[], progress?: string, summary?: string): PlanContent {
  const n = plan.changes.length;
  const count = (r: Result) => outcomes?.filter((o) => o.result === r).length ?? 0;
  return {
    title: redact(plan.title),
    summary:
      summary ??
      (outcomes
        ? l10n.t('Applied: {0} done, {1} refused, {2} not run, {3} skipped.', count('done'), count('refused'), count('not run'), plan.skipped.length)
        : l10n.t('{0} change{1}, {2} skipped. Nothing has been changed yet.', n, n === 1 ? '' : 's', plan.skipped.length) +
          (phase === 'review'
            ? ` ${l10n.t("Apply sends the changes one at a time, paced to the API's rate limit; Stop ends it before the next one. A refused change is reported, never retried.")}`
            : '')),
    notes: plan.notes.map(redact),
    changes: plan.changes.map((c, i) => {
      const o = outcomes?.[i];
      return {
        project: redact(projectName(c.project)),
        object: redact(c.object),
        before: redact(c.before),
        after: redact(c.after),
        outcome: o && (phase !== 'applying' || o.result !== 'not run' || o.message) ? { result: o.result, message: o.message && redact(o.message) } : undefined,
      };
    }),
    skipped: plan.skipped.map((x) => ({ project: redact(projectName(x.project)), object: redact(x.object), why: redact(x.why) })),
    consequences: (plan.consequences ?? []).map((x) => ({ project: redact(projectName(x.project)), object: redact(x.object), what: redact(x.what) })),
    phase,
    progress,
  };
}

/** The plan's Markdown document (the panel's "Open as Markdown"), kept up to date with its outcomes. */
export const planDocument = (ctx: Ctx, name: string, plan: Plan, outcomes?: Outcome[]) =>
  ctx.docs.putText(l10n.t('Plan — {0}.md', name), renderPlan(plan, outcomes));

/**
 * Shows the plan rendered, with Apply on it; applies it when the person clicks Apply. Undefined if
 * there was nothing to do or it was not applied. `name` names the plan's panel and document.
 */
export async function showAndApply(ctx: Ctx, plan: Plan, name: string): Promise<ApplyResult | undefined> {
  // One plan at a time: a second run of the same changes (a double click, the palette while the
  // notification runs) would send them twice, and two plans would share the API's rate limit.
  if (running) {
    stillRunning(ctx);
    return undefined;
  }
  const n = plan.changes.length;
  const uri = planDocument(ctx, name, plan);
  const view = ctx.plans.show(name, planContent(plan, n ? 'review' : 'closed'), uri);
  if (!n) {
    void ctx.ui.notify('info', l10n.t('{0}: nothing to change ({1} skipped; see the plan).', plan.title, plan.skipped.length));
    return undefined;
  }
  if (!(await view.decision)) {
    view.update(
      planContent(
        plan,
        'closed',
        undefined,
        undefined,
        l10n.t('Not applied: {0} change{1}, {2} skipped; nothing was changed.', n, n === 1 ? '' : 's', plan.skipped.length),
      ),
    );
    return undefined;
  }
  if (running) {
    stillRunning(ctx);
    view.update(planContent(plan, 'review'));
    return undefined;
  }
  running = plan.title;
  const outcomes: Outcome[] = plan.changes.map((change) => ({ change, result: 'not run' }));
  view.update(planContent(plan, 'applying', outcomes));
  // Whether a cancel (the notification's, or Stop on the plan) stopped the run before its last change.
  const cancelled = await ctx.ui
    .progress(plan.title, async (report, token) => {
      for (const [i, o] of outcomes.entries()) {
        if (token.isCancellationRequested || view.stopped) return true;
        const step = l10n.t('{0} of {1}: {2}', i + 1, n, projectName(o.change.project));
        report(step);
        view.update(planContent(plan, 'applying', outcomes, redact(step)));
        const what = `${projectName(o.change.project)} (${o.change.project.id}) — ${o.change.object}: ${o.change.before} → ${o.change.after}`;
        try {
          o.message = await o.change.apply();
          o.result = 'done';
          ctx.log.info(`[${plan.title}] ${what}: done`);
        } catch (e) {
          o.result = 'refused';
          o.message = refusal(e);
          ctx.log.error(`[${plan.title}] ${what}: refused: ${errorText(e)}`);
        }
      }
      return false;
    })
    .finally(() => (running = undefined));
  planDocument(ctx, name, plan, outcomes);
  const count = (r: Result) => outcomes.filter((o) => o.result === r).length;
  const summary = l10n.t(
    '{0}: {1} done, {2} refused, {3} skipped{4}.',
    plan.title,
    count('done'),
    count('refused'),
    plan.skipped.length,
    cancelled ? l10n.t(', {0} not run (cancelled)', count('not run')) : '',
  );
  view.update(planContent(plan, 'done', outcomes, cancelled ? l10n.t('Stopped before the end.') : undefined));
  if (count('refused')) {
    void reportError(new Error(summary), ctx.log, ctx.ui);
  } else {
    ctx.log.info(summary);
    const showLog = l10n.t('Show Log');
    void ctx.ui.notify(cancelled ? 'warning' : 'info', summary, showLog).then((c) => c === showLog && ctx.log.show());
  }
  return { outcomes, cancelled };
}
