// The rate-limit form's messages, both ways, checked with zod at each end: the webview trusts nothing
// the extension sends it and the extension nothing the webview sends.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';

import { RATE_LIMIT_FIELDS as FIELDS, type RateLimitField as Field } from '../client/fields';
import { groupSeparator, whole } from '../shared/locale';

export { FIELDS, type Field };

/** The largest value the form accepts: far above any real limit, far below float trouble. */
export const MAX_LIMIT = 1e12;

/**
 * A field's text → its value, or why it is not one. Digit groups may be written as the display
 * language writes them ("30,000", "30.000" in German, "30 000"), never as decimals.
 */
export function parseLimit(text: string): { value: number } | { error: string } {
  const t = text
    .trim()
    .replace(/[\s_']/g, '')
    .split(groupSeparator())
    .join('');
  if (!t) return { error: l10n.t('Required.') };
  if (!/^\d+$/.test(t)) return { error: l10n.t('A whole number, 0 or more.') };
  const value = Number(t);
  if (value > MAX_LIMIT) return { error: l10n.t('At most {0}.', whole(MAX_LIMIT)) };
  return { value };
}

const values = z.partialRecord(z.enum(FIELDS), z.number());
const Row = z.object({ id: z.string(), model: z.string(), values });
export type Row = z.infer<typeof Row>;

const Change = z.object({ id: z.string(), model: z.string(), fields: values, loaded: values });
export type Change = z.infer<typeof Change>;

export const ToWebview = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    projectName: z.string(),
    rows: z.array(Row),
    focusModel: z.optional(z.string()),
    /** Edits kept from a panel that was closed unsaved. */
    edits: z.optional(z.record(z.string(), z.partialRecord(z.enum(FIELDS), z.string()))),
  }),
  z.object({ type: z.literal('focus'), model: z.string() }),
  z.object({
    type: z.literal('saved'),
    results: z.array(
      z.union([z.object({ id: z.string(), ok: z.literal(true), row: Row }), z.object({ id: z.string(), ok: z.literal(false), error: z.string() })]),
    ),
  }),
  z.object({
    type: z.literal('conflict'),
    conflicts: z.array(
      z.object({ id: z.string(), model: z.string(), field: z.enum(FIELDS), loaded: z.optional(z.number()), server: z.optional(z.number()), mine: z.number() }),
    ),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type ToWebview = z.infer<typeof ToWebview>;

export const FromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('save'), changes: z.array(Change), overwrite: z.boolean() }),
  z.object({ type: z.literal('reload') }),
  /** What is typed but not saved, so closing the panel loses nothing. */
  z.object({ type: z.literal('edits'), edits: z.record(z.string(), z.partialRecord(z.enum(FIELDS), z.string())) }),
]);
export type FromWebview = z.infer<typeof FromWebview>;
