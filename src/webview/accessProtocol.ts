// The access view's messages, both ways, checked with zod at each end. The extension sends what a
// person (or a project) holds as lines of text; a line's `target` names a row the extension itself
// listed, and the page can only ask to show one of those.
import * as z from 'zod/mini';

const Line = z.object({ text: z.string(), via: z.string(), target: z.optional(z.string()) });
const Section = z.object({ heading: z.string(), target: z.optional(z.string()), lines: z.array(Line), error: z.optional(z.string()) });

export const AccessView = z.object({ title: z.string(), summary: z.string(), sections: z.array(Section), notes: z.array(z.string()) });
export type AccessView = z.infer<typeof AccessView>;
export type AccessSection = z.infer<typeof Section>;
export type AccessLine = z.infer<typeof Line>;

export const ToAccessView = z.discriminatedUnion('type', [z.object({ type: z.literal('access'), view: AccessView })]);
export type ToAccessView = z.infer<typeof ToAccessView>;

export const FromAccessView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('reveal'), target: z.string().check(z.maxLength(600)) }),
  z.object({ type: z.literal('refresh') }),
]);
export type FromAccessView = z.infer<typeof FromAccessView>;
