// Costs, usage and the audit log (OpenAI's admin API, shapes in test/fixtures/openai-usage-openapi.json).
// Parsed loosely like the rest: unknown fields are kept, enum-like fields are plain strings, numbers a
// result may lack are optional, so a new usage field or event type never breaks a chart.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { ProjectsApiError } from './errors';
import type { CallOptions, Query, Read } from './http';

const str = z.string();
// Any number JSON can spell (1e400 is Infinity): the reports drop what is out of range, and say so.
const num = z.custom<number>((v) => typeof v === 'number', { error: () => l10n.t('expected {0}', 'number') });
const maybe = <T extends z.core.SomeType>(s: T) => z.optional(z.nullable(s));

/** One result of a bucket: a usage result or a costs result, told apart by `object`. */
export const ReportResult = z.looseObject({
  object: str,
  amount: maybe(z.looseObject({ value: maybe(num), currency: maybe(str) })),
  line_item: maybe(str),
  project_id: maybe(str),
  api_key_id: maybe(str),
  user_id: maybe(str),
  model: maybe(str),
  input_tokens: maybe(num),
  output_tokens: maybe(num),
  input_cached_tokens: maybe(num),
  num_model_requests: maybe(num),
});
export const ReportBucket = z.looseObject({ object: str, start_time: num, end_time: num, results: z.array(ReportResult) });
export const ReportPage = z.looseObject({ object: str, data: z.array(ReportBucket), has_more: z.boolean(), next_page: maybe(str) });

const Actor = z.looseObject({
  type: maybe(str),
  session: maybe(z.looseObject({ user: maybe(z.looseObject({ id: maybe(str), email: maybe(str) })), ip_address: maybe(str) })),
  api_key: maybe(
    z.looseObject({
      id: maybe(str),
      type: maybe(str),
      user: maybe(z.looseObject({ id: maybe(str), email: maybe(str) })),
      service_account: maybe(z.looseObject({ id: maybe(str) })),
    }),
  ),
});
export const AuditLog = z.looseObject({
  id: str,
  /** One of the spec's event types; new ones appear, so any string. */
  type: str,
  effective_at: num,
  project: maybe(z.looseObject({ id: maybe(str), name: maybe(str) })),
  actor: maybe(Actor),
});
export const AuditLogList = z.looseObject({ object: str, data: z.array(AuditLog), first_id: maybe(str), last_id: maybe(str), has_more: z.boolean() });

export type ReportResult = z.infer<typeof ReportResult>;
export type ReportBucket = z.infer<typeof ReportBucket>;
export type ReportPage = z.infer<typeof ReportPage>;
export type AuditLog = z.infer<typeof AuditLog>;
export type AuditLogList = z.infer<typeof AuditLogList>;

/** The usage endpoints the extension reads. */
export type UsageKind = 'completions' | 'embeddings';

export interface ReportRequest {
  /** Unix seconds, inclusive. */
  startTime: number;
  endTime?: number;
  projectIds?: string[];
  groupBy?: string[];
  /** Buckets a page: costs up to 180, usage (daily) up to 31. */
  limit?: number;
  page?: string;
}

export interface AuditLogRequest {
  projectIds?: string[];
  eventTypes?: string[];
  actorEmails?: string[];
  resourceIds?: string[];
  limit?: number;
  after?: string;
}

const list = (v: string[] | undefined) => (v?.length ? v : undefined);

export function reportOperations(read: Read) {
  const reportQuery = (r: ReportRequest): Query => ({
    start_time: r.startTime,
    end_time: r.endTime,
    bucket_width: '1d',
    project_ids: list(r.projectIds),
    group_by: list(r.groupBy),
    limit: r.limit,
    page: r.page,
  });
  return {
    listCosts: async (r: ReportRequest, o?: CallOptions) => read('/organization/costs', {}, l10n.t('the organization’s costs'), ReportPage, reportQuery(r), o),
    listUsage: async (kind: UsageKind, r: ReportRequest, o?: CallOptions) =>
      read(`/organization/usage/${kind}`, {}, l10n.t('the organization’s {0} usage', kind), ReportPage, reportQuery(r), o),
    listAuditLogs: async (r: AuditLogRequest = {}, o?: CallOptions) =>
      read(
        '/organization/audit_logs',
        {},
        l10n.t('the audit log'),
        AuditLogList,
        {
          'project_ids[]': list(r.projectIds),
          'event_types[]': list(r.eventTypes),
          'actor_emails[]': list(r.actorEmails),
          'resource_ids[]': list(r.resourceIds),
          limit: r.limit,
          after: r.after,
        },
        o,
      ),
  };
}

/** Every bucket of a report, following `next_page`; a cursor seen twice or too many pages is an error, never a loop. */
export async function collectBuckets(
  fetchPage: (page: string | undefined) => Promise<ReportPage>,
  opts: { maxPages?: number; subject?: string } = {},
): Promise<ReportBucket[]> {
  const { maxPages = 20, subject } = opts;
  const out: ReportBucket[] = [];
  const seen = new Set<string>();
  // A bucket a proxy repeats on a later page would be counted twice: each day is taken once.
  const days = new Set<number>();
  let page: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const p = await fetchPage(page);
    for (const b of p.data) {
      if (days.has(b.start_time)) continue;
      days.add(b.start_time);
      out.push(b);
    }
    if (!p.has_more) return out;
    if (!p.next_page || seen.has(p.next_page)) {
      throw new ProjectsApiError('pagination', l10n.t('The API said there is more, but gave no new page to continue from.'), {
        endpoint: 'pagination',
        subject,
      });
    }
    seen.add(p.next_page);
    page = p.next_page;
  }
  throw new ProjectsApiError('pagination', l10n.t('The report did not end after {0} pages; stopped reading it.', maxPages), {
    endpoint: 'pagination',
    subject,
  });
}
