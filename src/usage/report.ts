// Adds the API's buckets up into what the view draws. Pure: buckets in, a report out, so it is tested
// without a host and the webview gets numbers it only has to draw.
import * as l10n from '@vscode/l10n';
import type { ReportBucket, ReportResult } from '../client';
import type { Outlook, Ranked, Series } from '../webview/usageProtocol';

export const DAY = 86_400;
/** How many series a stacked chart shows before the rest is "Other". */
const STACK = 6;
const TOP = 10;

/** UTC midnight of `t` (seconds). */
export const dayOf = (t: number) => Math.floor(t / DAY) * DAY;

export function monthStart(now: number): number {
  const d = new Date(now * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

/** The days a range shows, oldest first, ending today. */
export function rangeDays(range: number, now: number): number[] {
  const today = dayOf(now);
  return Array.from({ length: range }, (_, i) => today - (range - 1 - i) * DAY);
}

const cost = (r: ReportResult) => r.amount?.value ?? 0;
const tokens = (r: ReportResult) => (r.input_tokens ?? 0) + (r.output_tokens ?? 0);

/** One series per name, one value per day, largest total first; past `STACK`, the rest is one "Other". */
export function stack(
  buckets: ReportBucket[],
  days: number[],
  nameOf: (r: ReportResult) => string,
  valueOf: (r: ReportResult) => number,
  limit = STACK,
): Series[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const byName = new Map<string, number[]>();
  for (const b of buckets) {
    const i = index.get(dayOf(b.start_time));
    if (i === undefined) continue;
    for (const r of b.results) {
      const v = valueOf(r);
      if (!v) continue;
      const name = nameOf(r);
      const values =
        byName.get(name) ??
        byName
          .set(
            name,
            days.map(() => 0),
          )
          .get(name)!;
      values[i]! += v;
    }
  }
  const total = (v: number[]) => v.reduce((a, b) => a + b, 0);
  const sorted = [...byName].map(([name, values]) => ({ name, values })).sort((a, b) => total(b.values) - total(a.values) || a.name.localeCompare(b.name));
  if (sorted.length <= limit) return sorted;
  const rest = sorted.slice(limit - 1);
  return [...sorted.slice(0, limit - 1), { name: l10n.t('Other ({0})', rest.length), values: days.map((_, i) => rest.reduce((n, s) => n + s.values[i]!, 0)) }];
}

/** Cost over the buckets that start at or after `from`. */
export function costSince(buckets: ReportBucket[], from: number): number {
  return buckets.filter((b) => b.start_time >= from).reduce((n, b) => n + b.results.reduce((m, r) => m + cost(r), 0), 0);
}

/** Cost per project over the buckets from `from` on. */
export function costByProject(buckets: ReportBucket[], from: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of buckets) {
    if (b.start_time < from) continue;
    for (const r of b.results) if (r.project_id) out.set(r.project_id, (out.get(r.project_id) ?? 0) + cost(r));
  }
  return out;
}

/** The first currency the costs name (the API reports one per organization). */
export function currencyOf(buckets: ReportBucket[]): string {
  for (const b of buckets) for (const r of b.results) if (r.amount?.currency) return r.amount.currency;
  return 'usd';
}

/** The biggest users of a field (`api_key_id`, `user_id`) by tokens, with their labels. */
export function top(
  buckets: ReportBucket[],
  from: number,
  field: 'api_key_id' | 'user_id',
  label: (id: string) => { label: string; detail?: string },
): Ranked[] {
  const acc = new Map<string, { requests: number; tokens: number }>();
  for (const b of buckets) {
    if (b.start_time < from) continue;
    for (const r of b.results) {
      const id = r[field];
      if (!id) continue;
      const a = acc.get(id) ?? acc.set(id, { requests: 0, tokens: 0 }).get(id)!;
      a.requests += r.num_model_requests ?? 0;
      a.tokens += tokens(r);
    }
  }
  return [...acc]
    .map(([id, a]) => ({ id, ...label(id), ...a }))
    .sort((a, b) => b.tokens - a.tokens || b.requests - a.requests)
    .slice(0, TOP);
}

export const costValue = cost;
export const tokenValue = tokens;
export const requestValue = (r: ReportResult) => r.num_model_requests ?? 0;
export const modelName = (r: ReportResult) => r.model ?? l10n.t('unknown model');

/**
 * Cumulative spend from the first of the month and its forecast. `limit` and `alerts` in cents (as
 * the API gives them); none known is none drawn.
 */
export function outlook(buckets: ReportBucket[], now: number, limit: { cents: number; enforcing: boolean } | undefined, alertCents: number[]): Outlook {
  const month = monthStart(now);
  const d = new Date(month * 1000);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
  const days = Array.from({ length: Math.round((next - month) / DAY) }, (_, i) => month + i * DAY);
  const today = dayOf(now);
  const daily = new Map<number, number>();
  for (const b of buckets) {
    // A bucket the API dates after today (a clock ahead of this one) still is this month's spend: today's.
    const day = Math.min(dayOf(b.start_time), today);
    if (b.start_time < month || b.start_time >= next) continue;
    daily.set(day, (daily.get(day) ?? 0) + b.results.reduce((n, r) => n + cost(r), 0));
  }
  let running = 0;
  const spent = days.map((day) => (day > today ? null : (running += daily.get(day) ?? 0)));
  const dailyRate = running / Math.max(1, (now - month) / DAY);
  const forecast = running + dailyRate * Math.max(0, (next - now) / DAY);
  const amount = limit ? limit.cents / 100 : undefined;
  let limitDay: number | undefined;
  if (amount !== undefined && running < amount && forecast >= amount && dailyRate > 0) limitDay = dayOf(now + ((amount - running) / dailyRate) * DAY);
  return {
    days,
    spent,
    dailyRate,
    forecast,
    ...(limit ? { limit: { amount: amount!, enforcing: limit.enforcing } } : {}),
    alerts: [...new Set(alertCents)].sort((a, b) => a - b).map((c) => c / 100),
    ...(limitDay !== undefined ? { limitDay } : {}),
  };
}
