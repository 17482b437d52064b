// Policy questions in Find in Organization ("no spend limit", "allows gpt-5", "web_search on"),
// answered from the index alone, and Index Organization Policy…, which reads what the index lacks of
// every active project's policy, once the person has seen how many requests that is and how long it
// takes at the rate the API has shown.
import * as vscode from 'vscode';
import { errorText } from '../client';
import { fillPolicy, policyTasks, type PolicyFillResult } from '../index/indexer';
import { answer, facetOf, parseQuestion, POLICY_FACETS, questionText, type PolicyFacet, type PolicyFacts, type Question } from '../index/policy';
import { buildRecords, type IndexRecord } from '../index/records';
import { projectName } from '../shared/projectInfo';
import { Cancelled, type Ctx } from '../kit/context';
import { reportError } from '../kit/register';
import { iconless } from '../kit/ui';
import { usd } from '../webview/settingsProtocol';

const INFO = new vscode.ThemeIcon('info');

export type PolicyItem = vscode.QuickPickItem & { record?: IndexRecord; indexPolicy?: true };

/** What the fact says, in a few words, beside the project it answers for. */
function factText(q: Question, facts: PolicyFacts): string {
  if (q.kind === 'noLimit') {
    const l = facts.spendLimit!.items;
    return l ? vscode.l10n.t('limit {0} a month', usd(l.threshold_amount ?? 0)) : vscode.l10n.t('no hard spend limit');
  }
  if (q.kind === 'allows') {
    const m = facts.models!.items;
    if (m.mode === 'allow_list') return vscode.l10n.t('only {0}', m.model_ids.join(', '));
    return m.model_ids.length ? vscode.l10n.t('every model but {0}', m.model_ids.join(', ')) : vscode.l10n.t('every model');
  }
  return `${q.tool} ${q.on ? vscode.l10n.t('on') : vscode.l10n.t('off')}`;
}

/**
 * Find's rows for a query that is a policy question, else undefined: a line saying what was asked and
 * how much of the organization it could answer for, a row per project that answers yes, and, when some
 * projects' facts were never read, a row that reads them.
 */
export function policyItems(ctx: Ctx, query: string, ago: (ms: number) => string): PolicyItem[] | undefined {
  const q = parseQuestion(query);
  if (!q) return undefined;
  const projects = ctx.index.activeProjects();
  const a = answer(q, projects, (id) => ctx.index.factsOf(id));
  const known = projects.length - a.unknown.length;
  const items: PolicyItem[] = [
    {
      label: vscode.l10n.t('{0} {1}', a.yes.length, questionText(q)),
      description: knownText(facetOf(q), known) + (a.unclear.length ? vscode.l10n.t('; {0} in a form this extension cannot read', a.unclear.length) : ''),
      iconPath: INFO,
    },
    ...a.yes.map(({ project, at }) => ({
      label: iconless(projectName(project)),
      description: vscode.l10n.t('{0} · read {1}', factText(q, ctx.index.factsOf(project.id)!), ago(at)),
      record: buildRecords.project(project),
    })),
  ];
  if (a.unknown.length)
    items.push({
      label: vscode.l10n.t('Read the policy of the other {0} project{1}…', a.unknown.length, a.unknown.length === 1 ? '' : 's'),
      iconPath: new vscode.ThemeIcon('sync'),
      description: vscode.l10n.t('paced to the API’s rate limit; ask again after'),
      indexPolicy: true,
    });
  return items;
}

/** How many projects an answer rests on, in its facet's words. */
function knownText(f: PolicyFacet, n: number): string {
  const s = n === 1 ? '' : 's';
  if (f === 'spendLimit') return vscode.l10n.t('of the {0} project{1} whose hard spend limit is known', n, s);
  if (f === 'models') return vscode.l10n.t('of the {0} project{1} whose model permissions are known', n, s);
  return vscode.l10n.t('of the {0} project{1} whose hosted-tool permissions are known', n, s);
}

/** What an index run did, said once: a notification, or the error with the first failure (every one is in the log). */
export function tellIndexed(ctx: Ctx, what: string, fetched: number, cancelled: boolean, failed: { where: string; error: unknown }[]): void {
  const summary = vscode.l10n.t('{0}: {1} read, {2} could not be read{3}.', what, fetched, failed.length, cancelled ? vscode.l10n.t(', stopped') : '');
  if (failed.length)
    void reportError(new Error(`${summary} ${vscode.l10n.t('First, of {0}: {1}', failed[0]!.where, errorText(failed[0]!.error))}`), ctx.log, ctx.ui);
  else {
    ctx.log.info(summary);
    void ctx.ui.notify('info', summary);
  }
}

/** How long `n` requests take at the rate the API has shown (or that it is not known yet). */
export function estimate(ctx: Ctx, n: number): string {
  const limit = ctx.pacer()?.state.limit;
  if (limit === undefined)
    return vscode.l10n.t(
      'The API has not shown its rate limit yet: they go 4 at a time, and wait where it says to (a few a minute, at worst, on some organizations).',
    );
  const minutes = Math.max(1, Math.ceil(n / limit));
  return vscode.l10n.t('At the {0} requests a minute the API allows this key, about {1} minute{2}.', limit, minutes, minutes === 1 ? '' : 's');
}

export function policyCommands(ctx: Ctx) {
  return {
    /** Every active project's spend limit, model and hosted-tool permissions the index lacks or holds from over an hour ago. */
    async indexOrganizationPolicy(): Promise<PolicyFillResult | undefined> {
      await ctx.indexReady();
      const projects = (await ctx.store.projects(false)).filter((p) => p.status !== 'archived');
      const tasks = policyTasks(ctx.index, projects);
      const what = vscode.l10n.t('Index Organization Policy');
      if (!tasks.length) {
        void ctx.ui.notify('info', vscode.l10n.t('{0}: the policy of all {1} projects was read within the hour; nothing to read.', what, projects.length));
        return undefined;
      }
      const many = new Set(tasks.map((t) => t.project.id)).size;
      const go = await ctx.ui.confirm(
        vscode.l10n.t('Read the policy of {0} project{1}: {2} requests?', many, many === 1 ? '' : 's', tasks.length),
        vscode.l10n.t(
          'Each project’s hard spend limit, model permissions and hosted-tool permissions ({0} requests a project), for Find’s questions. {1}',
          POLICY_FACETS.length,
          estimate(ctx, tasks.length),
        ),
        vscode.l10n.t('Read Policy'),
      );
      if (!go) throw new Cancelled();
      const r = await ctx.ui.progress(vscode.l10n.t('Reading the organization’s policy'), (report, token) =>
        fillPolicy(ctx.store, ctx.index, {
          projects,
          token,
          report: (done, total) => {
            const limit = ctx.pacer()?.state.limit;
            report(vscode.l10n.t('{0} / {1} requests{2}', done, total, limit !== undefined ? vscode.l10n.t(' · paced at {0} requests a minute', limit) : ''));
          },
        }),
      );
      await ctx.index.flush();
      for (const f of r.failed) ctx.log.error(`Indexing ${f.facet} of ${f.project.id}: ${errorText(f.error)}`);
      tellIndexed(
        ctx,
        what,
        r.fetched,
        r.cancelled,
        r.failed.map((f) => ({ where: `"${projectName(f.project)}"`, error: f.error })),
      );
      return r;
    },
  };
}
