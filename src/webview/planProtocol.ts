// The plan view's messages, both ways, checked with zod at each end. The extension sends the whole
// plan each time it changes (reviewed, applying, applied); the webview draws it and answers with a
// person's click.
import * as z from 'zod/mini';

const Outcome = z.object({ result: z.enum(['done', 'refused', 'not run']), message: z.optional(z.string()) });
const ChangeRow = z.object({ project: z.string(), object: z.string(), before: z.string(), after: z.string(), outcome: z.optional(Outcome) });
const SkipRow = z.object({ project: z.string(), object: z.string(), why: z.string() });
const ConsequenceRow = z.object({ project: z.string(), object: z.string(), what: z.string() });

export const PlanView = z.object({
  /** Which showing of a plan this is: each new plan in a panel has a new one. */
  seq: z.number(),
  title: z.string(),
  summary: z.string(),
  notes: z.array(z.string()),
  changes: z.array(ChangeRow),
  skipped: z.array(SkipRow),
  /** What follows from the changes without a write of its own. */
  consequences: z.optional(z.array(ConsequenceRow)),
  /**
   * review: Apply and Cancel offered; preview: shown beside a comparison, Apply runs the file's Apply;
   * applying: each change's outcome as it comes, Stop offered; done: the outcomes; closed: nothing
   * more to do here (nothing to change, not applied).
   */
  phase: z.enum(['review', 'preview', 'applying', 'done', 'closed']),
  progress: z.optional(z.string()),
});
export type PlanView = z.infer<typeof PlanView>;
export type PlanChangeRow = z.infer<typeof ChangeRow>;

export const ToPlanView = z.discriminatedUnion('type', [z.object({ type: z.literal('plan'), plan: PlanView })]);
export type ToPlanView = z.infer<typeof ToPlanView>;

export const FromPlanView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** `seq`: the plan the person saw when they clicked (a click on an older one does nothing). */
  z.object({ type: z.literal('apply'), seq: z.number() }),
  z.object({ type: z.literal('cancel'), seq: z.number() }),
  z.object({ type: z.literal('stop'), seq: z.number() }),
  /** The plan as a Markdown document (to save, copy or print). */
  z.object({ type: z.literal('markdown') }),
]);
export type FromPlanView = z.infer<typeof FromPlanView>;
