// Where the usage views get their numbers: costs and usage through the client (so through the pacer),
// cached for a few minutes by request, and added up into reports. A report asks for as little as it
// can: costs in one request (up to 180 days a page), usage at 31 days a page, labels from the tree's
// own cached lists.
import { collectBuckets, errorText, type Project, type ProjectsClient, type ReportBucket, type UsageKind } from '../client';
import type { OrgStore } from '../tree/store';
import { keyOwner } from '../tree/format';
import { isArchived, projectName } from '../tree/projectInfo';
import type { Range, Report } from '../webview/usageProtocol';
import { costByProject, costSince, costValue, currencyOf, DAY, modelName, monthStart, rangeDays, requestValue, stack, tokenValue, top } from './report';

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
      collectBuckets((page) => c.listCosts({ startTime: start, groupBy, projectIds, limit, page })),
    );
  }

  usage(kind: UsageKind, start: number, groupBy: string[], projectIds?: string[]): Promise<ReportBucket[]> {
    return this.buckets(`${kind}|${start}|${groupBy.join()}|${projectIds?.join() ?? ''}`, (c) =>
      collectBuckets((page) => c.listUsage(kind, { startTime: start, groupBy, projectIds, limit: 31, page })),
    );
  }

  /** Each project's cost since the first of the month: one request for the whole organization. */
  async monthToDate(): Promise<Map<string, number>> {
    const from = monthStart(this.now());
    return costByProject(await this.costs(from, ['project_id']), from);
  }

  async projectReport(p: Project, range: Range): Promise<Report> {
    const now = this.now();
    const days = rangeDays(range, now);
    const from = days[0]!;
    const month = monthStart(now);
    const ids = [p.id];
    const by = ['model', 'api_key_id', 'user_id'];
    const [costs, completions, embeddings, keys, users] = await Promise.allSettled([
      this.costs(Math.min(from, month), ['line_item'], ids),
      this.usage('completions', from, by, ids),
      this.usage('embeddings', from, by, ids),
      this.store.folder(p.id, 'apiKeys'),
      this.store.folder(p.id, 'users'),
    ]);
    const problems = failures({ costs, 'completions usage': completions, 'embeddings usage': embeddings });
    if (costs.status === 'rejected' && completions.status === 'rejected') throw costs.reason;
    const cost = value(costs);
    const usage = [...value(completions), ...value(embeddings)];
    const keyList = keys.status === 'fulfilled' ? keys.value : [];
    const userList = users.status === 'fulfilled' ? users.value : [];
    return {
      scope: 'project',
      title: projectName(p),
      range,
      currency: currencyOf(cost),
      days,
      cost: stack(cost, days, (r) => r.line_item ?? 'other', costValue),
      costTotal: costSince(cost, from),
      monthToDate: costSince(cost, month),
      tokens: stack(usage, days, modelName, tokenValue, 8),
      requests: stack(usage, days, modelName, requestValue, 8),
      topKeys: top(usage, from, 'api_key_id', (id) => {
        const k = keyList.find((x) => x.id === id);
        return k ? { label: k.name || k.id, detail: `${k.redacted_value} · ${keyOwner(k)}` } : { label: id, detail: 'no longer in the project' };
      }),
      topUsers: top(usage, from, 'user_id', (id) => {
        const u = userList.find((x) => x.id === id);
        return u ? { label: u.name || u.email || u.id, detail: u.email ?? undefined } : { label: id, detail: 'no longer in the project' };
      }),
      problems,
      fetchedAt: Math.floor(now),
    };
  }

  /**
   * The whole organization: costs by project (one request), usage by model and user. Project names
   * come from whatever list the tree or the index already holds (`known`): no project listing first.
   */
  async organizationReport(range: Range, known: Project[]): Promise<Report> {
    const now = this.now();
    const days = rangeDays(range, now);
    const from = days[0]!;
    const month = monthStart(now);
    const [costs, completions, embeddings, people] = await Promise.allSettled([
      this.costs(Math.min(from, month), ['project_id']),
      this.usage('completions', from, ['model', 'user_id']),
      this.usage('embeddings', from, ['model', 'user_id']),
      this.store.orgUsers(),
    ]);
    const person = new Map((people.status === 'fulfilled' ? people.value : []).map((u) => [u.id, u]));
    const problems = failures({ costs, 'completions usage': completions, 'embeddings usage': embeddings });
    if (costs.status === 'rejected' && completions.status === 'rejected') throw costs.reason;
    const cost = value(costs);
    const usage = [...value(completions), ...value(embeddings)];
    const byId = new Map(known.map((p) => [p.id, p]));
    const name = (id: string) => (byId.get(id) ? projectName(byId.get(id)!) : id);
    const inRange = costByProject(cost, from);
    const mtd = costByProject(cost, month);
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
      scope: 'organization',
      title: 'Organization',
      range,
      currency: currencyOf(cost),
      days,
      cost: stack(cost, days, (r) => name(r.project_id ?? 'unknown project'), costValue),
      costTotal: costSince(cost, from),
      monthToDate: costSince(cost, month),
      tokens: stack(usage, days, modelName, tokenValue, 8),
      requests: stack(usage, days, modelName, requestValue, 8),
      topKeys: [],
      topUsers: top(usage, from, 'user_id', (id) => {
        const u = person.get(id);
        return u ? { label: u.name || u.email || id, detail: u.email ?? undefined } : { label: id, detail: 'no longer in the organization' };
      }),
      projects,
      problems,
      fetchedAt: Math.floor(now),
    };
  }
}

function value(r: PromiseSettledResult<ReportBucket[]>): ReportBucket[] {
  return r.status === 'fulfilled' ? r.value : [];
}

function failures(parts: Record<string, PromiseSettledResult<unknown>>): string[] {
  return Object.entries(parts).flatMap(([what, r]) => (r.status === 'rejected' ? [`Could not read the ${what}: ${errorText(r.reason)}`] : []));
}
