// The Usage & Cost view's messages, both ways, checked with zod at each end. The extension sends a
// report already added up; the webview draws it and asks for another range.
import * as z from 'zod/mini';

export const RANGES = [7, 30, 90] as const;
export type Range = (typeof RANGES)[number];
const range = z.union([z.literal(7), z.literal(30), z.literal(90)]);

const Series = z.object({ name: z.string(), values: z.array(z.number()) });
const Ranked = z.object({ id: z.string(), label: z.string(), detail: z.optional(z.string()), requests: z.number(), tokens: z.number() });
const ProjectRow = z.object({ id: z.string(), name: z.string(), cost: z.number(), monthToDate: z.number(), archived: z.boolean() });

/** The month so far against its limit: what the "This month" chart draws. */
const Outlook = z.object({
  /** Every day of the month (UTC midnights). */
  days: z.array(z.number()),
  /** Spend so far by the end of each day, to today; null after. */
  spent: z.array(z.nullable(z.number())),
  /** The month so far over the days gone (today counted as far as it has gone, at least one day). */
  dailyRate: z.number(),
  /** The month's end at that rate. */
  forecast: z.number(),
  limit: z.optional(z.object({ amount: z.number(), enforcing: z.boolean() })),
  /** Spend-alert thresholds, in the report's currency, lowest first. */
  alerts: z.array(z.number()),
  /** The day the forecast reaches the limit, when it does this month (and has not yet). */
  limitDay: z.optional(z.number()),
});

export const Report = z.object({
  scope: z.enum(['project', 'organization']),
  title: z.string(),
  range,
  currency: z.string(),
  /** Each day's start (Unix seconds, UTC), oldest first; every series has one value a day. */
  days: z.array(z.number()),
  /** Cost a day, stacked: by line item for a project, by project for the organization. */
  cost: z.array(Series),
  costTotal: z.number(),
  monthToDate: z.number(),
  /** Tokens (input + output) and requests a day, by model. */
  tokens: z.array(Series),
  requests: z.array(Series),
  topKeys: z.array(Ranked),
  topUsers: z.array(Ranked),
  /** The organization overview: one row a project, by cost. */
  projects: z.optional(z.array(ProjectRow)),
  /** This month, its hard spend limit, alerts and forecast. */
  month: z.optional(Outlook),
  /** Parts that could not be read, in the API's words; the rest is shown. */
  problems: z.array(z.string()),
  fetchedAt: z.number(),
});
export type Report = z.infer<typeof Report>;
export type Series = z.infer<typeof Series>;
export type Ranked = z.infer<typeof Ranked>;
export type Outlook = z.infer<typeof Outlook>;
export type ProjectRow = z.infer<typeof ProjectRow>;

export const ToUsageView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loading'), range }),
  z.object({ type: z.literal('report'), report: Report }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type ToUsageView = z.infer<typeof ToUsageView>;

export const FromUsageView = z.discriminatedUnion('type', [
  /** The range the view showed last (kept in its state). */
  z.object({ type: z.literal('ready'), range }),
  z.object({ type: z.literal('range'), range }),
  /** A report is on screen: the charts are drawn. */
  z.object({ type: z.literal('drawn'), fetchedAt: z.number() }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('openProject'), id: z.string() }),
  z.object({ type: z.literal('activity') }),
]);
export type FromUsageView = z.infer<typeof FromUsageView>;
