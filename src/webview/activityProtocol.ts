// The Activity view's messages, both ways, checked with zod at each end.
import * as z from 'zod/mini';

export const ActivityRow = z.object({
  id: z.string(),
  /** Unix seconds. */
  at: z.number(),
  type: z.string(),
  actor: z.string(),
  object: z.string(),
  project: z.optional(z.string()),
  /** What the event changed, as `role: owner`-style text. */
  details: z.optional(z.string()),
});
export type ActivityRow = z.infer<typeof ActivityRow>;

const Filter = z.object({ eventType: z.optional(z.string()), actor: z.optional(z.string()) });
export type ActivityFilter = z.infer<typeof Filter>;

export const ToActivityView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), title: z.string(), scope: z.string(), eventTypes: z.array(z.string()), filter: Filter }),
  /** Rows to add (or, with `reset`, to start over with), newest first. */
  z.object({ type: z.literal('rows'), rows: z.array(ActivityRow), hasMore: z.boolean(), reset: z.boolean() }),
  /** A load failed: the API's words; `enableUrl` when the organization has no audit logging. */
  z.object({ type: z.literal('failed'), message: z.string(), enableUrl: z.optional(z.string()) }),
]);
export type ToActivityView = z.infer<typeof ToActivityView>;

export const FromActivityView = z.discriminatedUnion('type', [
  /** The filter the view had (kept in its state), so the first page is already filtered. */
  z.object({ type: z.literal('ready'), filter: Filter }),
  z.object({ type: z.literal('more') }),
  z.object({ type: z.literal('filter'), filter: Filter }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('openEnable') }),
]);
export type FromActivityView = z.infer<typeof FromActivityView>;
