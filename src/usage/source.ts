// Where the usage views get their numbers: costs and usage through the client (so through the pacer),
// cached for a few minutes by request, and added up into reports. A report asks for as little as it
// can: costs in one request (up to 180 days a page), usage at 31 days a page, labels from the tree's
// own cached lists.
import * as l10n from '@vscode/l10n';
import { collectBuckets, errorText, type Project, type ProjectsClient, type ReportBucket, type ReportResult, type SpendLimit, type UsageKind } from '../client';
import { ORG_SCOPE, type Scope } from '../store/facets';
import type { OrgStore } from '../store/store';
import { keyOwner } from '../shared/format';
import { isArchived, projectName } from '../shared/projectInfo';
import type { Range, Report } from '../webview/usageProtocol';
import {
  costByProject,
  costSince,
  costValue,
  currencyOf,
  DAY,
  modelName,
  monthStart,
  outlook,
  rangeDays,
  requestValue,
  stack,
  tokenValue,
  top,
} from './report';

const TTL_MS = 5 * 60_000;

export class UsageSource {
  private readonly cache = new Map<string, { at: number; buckets: Promise<ReportBucket[]> }>();

  constructor(
    private readonly client: () => Promise<ProjectsClient>,
    private readonly store: OrgStore,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {}

  /** Forget every report: the next view or tree refresh asks again. */
  clear(): void {
    this.cache.clear();
  }

  private buckets(key: string, load: (c: ProjectsClient) => Promise<ReportBucket[]>): Promise<ReportBucket[]> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.buckets;
    const buckets = this.client().then(load);
    this.cache.set(key, { at: Date.now(), buckets });
    // A failure is not kept: the next look asks again.
    buckets.catch(() => this.cache.get(key)?.buckets === buckets && this.cache.delete(key));
    return buckets;
  }

  /** Daily costs from `start` to now, optionally for some projects, grouped as asked. One request up to 180 days. */
  costs(start: number, groupBy: string[], projectIds?: string[]): Promise<ReportBucket[]> {
    const limit = Math.min(180, Math.ceil((this.now() - start) / DAY) + 1);
    return this.buckets(`costs|${start}|${groupBy.join()}|${projectIds?.join() ?? ''}`, (c) =>
      collectBuckets((page) => c.listCosts({ startTime: start, groupBy, projectIds, limit, page }), { subject: l10n.t('the organization’s costs') }),
    );
  }

  usage(kind: UsageKind, start: number, groupBy: string[], projectIds?: string[]): Promise<ReportBucket[]> {
    return this.buckets(`${kind}|${start}|${groupBy.join()}|${projectIds?.join() ?? ''}`, (c) =>
      collectBuckets((page) => c.listUsage(kind, { startTime: start, groupBy, projectIds, limit: 31, page }), {
        subject: l10n.t('the organization’s {0} usage', kind),
      }),
    );
  }

  /** Each project's cost since the first of the month, and its currency: one request for the whole organization. */
  async monthToDate(): Promise<{ byProject: Map<string, number>; currency: string }> {
    const from = monthStart(this.now());
    const buckets = await this.costs(from, ['project_id']);
    return { byProject: costByProject(buckets, from), currency: currencyOf(buckets) };
  }

  /** `fresh`: the view's Refresh, which reads the limit and alerts again too (the reports were cleared). */
  async projectReport(p: Project, range: Range, fresh = false): Promise<Report> {
    const ids = [p.id];
    // The labels load beside the reports (from the tree's cache, or one list request each).
    const labels = Promise.allSettled([this.store.folder(p.id, 'apiKeys'), this.store.folder(p.id, 'users')]);
    const r = await this.read(range, ['line_item'], ['model', 'api_key_id', 'user_id'], (x) => x.line_item ?? 'other', { projectId: p.id }, fresh, ids);
    const [keys, users] = await labels;
    const keyList = keys.status === 'fulfilled' ? keys.value : [];
    const userList = users.status === 'fulfilled' ? users.value : [];
    return {
      ...r.report,
      scope: 'project',
      title: projectName(p),
      topKeys: top(r.usage, r.from, 'api_key_id', (id) => {
        const k = keyList.find((x) => x.id === id);
        return k ? { label: k.name || k.id, detail: `${k.redacted_value} · ${keyOwner(k)}` } : { label: id, detail: l10n.t('no longer in the project') };
      }),
      topUsers: top(r.usage, r.from, 'user_id', (id) =>
        personLabel(
          id,
          userList.find((x) => x.id === id),
          'project',
        ),
      ),
    };
  }

  /**
   * The whole organization: costs by project (one request), usage by model and user. Project names
   * come from whatever list the tree or the index already holds (`known`): no project listing first.
   */
  async organizationReport(range: Range, known: Project[], fresh = false): Promise<Report> {
    const byId = new Map(known.map((p) => [p.id, p]));
    const name = (id: string) => (byId.get(id) ? projectName(byId.get(id)!) : id);
    const people = Promise.allSettled([this.store.orgUsers()]);
    const r = await this.read(range, ['project_id'], ['model', 'user_id'], (x) => name(x.project_id ?? l10n.t('unknown project')), ORG_SCOPE, fresh);
    const [users] = await people;
    const person = new Map((users.status === 'fulfilled' ? users.value : []).map((u) => [u.id, u]));
    const inRange = costByProject(r.cost, r.from);
    const mtd = costByProject(r.cost, r.month);
    // Every known project gets a line, those with no cost too; projects only the costs name come after.
    const ids = new Set([...known.map((p) => p.id), ...inRange.keys()]);
    const projects = [...ids]
      .map((id) => ({
        id,
        name: name(id),
        cost: inRange.get(id) ?? 0,
        monthToDate: mtd.get(id) ?? 0,
        archived: byId.has(id) ? isArchived(byId.get(id)!) : false,
      }))
      .sort((a, b) => b.cost - a.cost || a.name.localeCompare(b.name));
    return {
      ...r.report,
      scope: 'organization',
      title: l10n.t('Organization'),
      topKeys: [],
      topUsers: top(r.usage, r.from, 'user_id', (id) => personLabel(id, person.get(id), 'organization')),
      projects,
    };
  }

  /**
   * What both reports read and draw alike: the range's days, costs from the earlier of the range's
   * start and the month's (one request), completions and embeddings usage, their charts and totals.
   * Beside them, the scope's hard spend limit and alerts (cached by the store like any facet) for the
   * month's outlook. A part that fails is named in `problems`; with neither costs nor completions
   * there is no report.
   */
  private async read(
    range: Range,
    costBy: string[],
    usageBy: string[],
    costName: (r: ReportResult) => string,
    scope: Scope,
    fresh: boolean,
    projectIds?: string[],
  ) {
    const now = this.now();
    const days = rangeDays(range, now);
    const from = days[0]!;
    const month = monthStart(now);
    const [costs, completions, embeddings, limit, alerts] = await Promise.allSettled([
      this.costs(Math.min(from, month), costBy, projectIds),
      this.usage('completions', from, usageBy, projectIds),
      this.usage('embeddings', from, usageBy, projectIds),
      this.store.facet(scope, 'spendLimit', fresh),
      this.store.facet(scope, 'spendAlerts', fresh),
    ]);
    if (costs.status === 'rejected' && completions.status === 'rejected') throw costs.reason;
    const odd: string[] = [];
    const cost = sane(value(costs), l10n.t('costs'), odd);
    const usage = [...sane(value(completions), l10n.t('completions usage'), odd), ...sane(value(embeddings), l10n.t('embeddings usage'), odd)];
    return {
      from,
      month,
      cost,
      usage,
      report: {
        range,
        currency: currencyOf(cost),
        days,
        cost: stack(cost, days, costName, costValue),
        costTotal: costSince(cost, from),
        monthToDate: costSince(cost, month),
        tokens: stack(usage, days, modelName, tokenValue, 8),
        requests: stack(usage, days, modelName, requestValue, 8),
        month: outlook(cost, now, limitOf(limit), alerts.status === 'fulfilled' ? alerts.value.map((a) => a.threshold_amount) : []),
        problems: [
          ...failures({ costs, 'completions usage': completions, 'embeddings usage': embeddings, 'hard spend limit': limit, 'spend alerts': alerts }),
          ...odd,
        ],
        fetchedAt: Math.floor(now),
      },
    };
  }
}

/** A person in the top users: their name (or email), or their id if they have left. */
function personLabel(id: string, u: { name?: string | null; email?: string | null } | undefined, where: string): { label: string; detail?: string } {
  return u ? { label: u.name || u.email || id, detail: u.email ?? undefined } : { label: id, detail: l10n.t('no longer in the {0}', where) };
}

/** Larger than any real figure (tokens, requests, dollars): a value past it would sum to Infinity. */
const MAX_FIGURE = 1e15;
const FIGURES = ['input_tokens', 'output_tokens', 'input_cached_tokens', 'num_model_requests'] as const;
const figureOk = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_FIGURE);

/**
 * Buckets whose day and figures make sense; the rest are left out and said in `odd` (a negative,
 * NaN or absurdly large value, a time out of range), so the charts and totals stay numbers.
 */
function sane(buckets: ReportBucket[], what: string, odd: string[]): ReportBucket[] {
  let dropped = 0;
  const out = buckets.flatMap((b) => {
    if (!Number.isFinite(b.start_time) || b.start_time < 0 || b.start_time > 1e11) {
      dropped += b.results.length || 1;
      return [];
    }
    const results = b.results.filter((r) => figureOk(r.amount?.value) && FIGURES.every((f) => figureOk(r[f])));
    dropped += b.results.length - results.length;
    return [results.length === b.results.length ? b : { ...b, results }];
  });
  if (dropped)
    odd.push(
      l10n.t(
        'The {0} had {1} value{2} out of range (negative, not a number, or too large); left out of the charts and totals.',
        what,
        dropped,
        dropped === 1 ? '' : 's',
      ),
    );
  return out;
}

function limitOf(r: PromiseSettledResult<SpendLimit | null>): { cents: number; enforcing: boolean } | undefined {
  const cents = r.status === 'fulfilled' ? r.value?.threshold_amount : undefined;
  if (typeof cents !== 'number' || cents <= 0 || r.status !== 'fulfilled') return undefined;
  return { cents, enforcing: r.value?.enforcement?.status === 'enforcing' };
}

function value(r: PromiseSettledResult<ReportBucket[]>): ReportBucket[] {
  return r.status === 'fulfilled' ? r.value : [];
}

function failures(parts: Record<string, PromiseSettledResult<unknown>>): string[] {
  return Object.entries(parts).flatMap(([what, r]) => (r.status === 'rejected' ? [l10n.t('Could not read the {0}: {1}', what, errorText(r.reason))] : []));
}
