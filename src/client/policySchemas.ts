// The shapes of a project's and the organization's policy: spend limits and alerts, model and hosted-
// tool permissions, data retention, service tiers (test/fixtures/openai-policy-openapi.json and the
// SDK's types in test/fixtures/openai-sdk-policy-shapes.json). Loose like the rest: a new enum value
// or field is kept, never a reason to refuse an answer.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { HOSTED_TOOLS, type HostedTool } from './fields';
import { listOf, maybe } from './schemas';

const str = z.string();
const num = z.custom<number>((v) => typeof v === 'number', { error: () => l10n.t('expected {0}', 'number') });

/** A hard monthly cap, in cents. `threshold_amount` may be missing where an API answers "none" with 200 rather than 404. */
export const SpendLimit = z.looseObject({
  object: str,
  threshold_amount: maybe(num),
  currency: maybe(str),
  interval: maybe(str),
  /** `inactive` or `enforcing`; other values may appear. */
  enforcement: maybe(z.looseObject({ status: maybe(str) })),
});
export const PolicyDeleted = z.looseObject({ object: str, deleted: z.boolean() });

export const SpendAlert = z.looseObject({
  id: str,
  object: str,
  threshold_amount: num,
  currency: maybe(str),
  interval: maybe(str),
  notification_channel: z.looseObject({ type: maybe(str), recipients: z.array(str), subject_prefix: maybe(str) }),
});
export const SpendAlertList = listOf(SpendAlert);
export const SpendAlertDeleted = z.looseObject({ id: str, object: str, deleted: z.boolean() });

export const ModelPermissions = z.looseObject({
  object: str,
  /** `allow_list` or `deny_list`. */
  mode: str,
  model_ids: z.array(str),
});

export { HOSTED_TOOLS, type HostedTool };
const toolState = z.looseObject({ enabled: z.boolean() });
// The spec requires all five; a tool retired one day may be missing, so at least one known tool must be
// there: an answer with none (a proxy's `{}`, another endpoint's body) is not these permissions.
export const HostedToolPermissions = z
  .looseObject(Object.fromEntries(HOSTED_TOOLS.map((t) => [t, z.optional(toolState)])) as Record<HostedTool, z.ZodMiniOptional<typeof toolState>>)
  .check(z.refine((v) => HOSTED_TOOLS.some((t) => v[t] !== undefined), { error: () => l10n.t('expected {0}', 'hosted tool permissions') }));

export const DataRetention = z.looseObject({ object: str, type: str });

export const ServiceTierSettings = z.looseObject({
  object: str,
  default: str,
  /** `all`, or the optional tiers turned on. */
  enabled_tiers: z.union([str, z.array(str)]),
});

// Request bodies, checked before they are sent.
const nonEmpty = z.string().check(z.trim(), z.minLength(1, l10n.t('must not be empty')));
const cents = (min: number) =>
  z.number().check(z.int(l10n.t('must be a whole number of cents')), z.gte(min, min ? l10n.t('must be at least 1 cent') : l10n.t('must not be negative')));
const email = z.string().check(z.trim(), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, l10n.t('must be an email address')));

export const SpendLimitRequest = z.object({ threshold_amount: cents(1), currency: z.literal('USD'), interval: z.literal('month') });
export const SpendAlertRequest = z.object({
  threshold_amount: cents(0),
  currency: z.literal('USD'),
  interval: z.literal('month'),
  notification_channel: z.object({
    type: z.literal('email'),
    recipients: z.array(email).check(z.minLength(1, l10n.t('needs at least one recipient'))),
    subject_prefix: maybe(str),
  }),
});
export const ModelPermissionsRequest = z.object({ mode: z.enum(['allow_list', 'deny_list']), model_ids: z.array(nonEmpty) });
export const HostedToolPermissionsRequest = z.object(
  Object.fromEntries(HOSTED_TOOLS.map((t) => [t, z.optional(z.object({ enabled: z.boolean() }))])) as Record<
    HostedTool,
    z.ZodMiniOptional<z.ZodMiniObject<{ enabled: z.ZodMiniBoolean }>>
  >,
);
export const DataRetentionRequest = z.object({ retention_type: nonEmpty });
export const ServiceTierRequest = z.object({ default: z.optional(nonEmpty), enabled_tiers: z.optional(z.union([z.literal('all'), z.array(nonEmpty)])) });
export const ServiceAccountUpdateRequest = z.object({ name: z.optional(nonEmpty), role: z.optional(z.enum(['member', 'owner'])) });
export const ServiceAccountKeyRequest = z.object({ name: z.optional(nonEmpty), scopes: z.optional(z.array(nonEmpty)) });
export const ApiKeyUpdateRequest = z
  .object({
    scopes: z.optional(z.array(nonEmpty)),
    expires_in_seconds: z.optional(
      z.number().check(z.int(l10n.t('must be a whole number')), z.gte(1, l10n.t('must be at least 1')), z.lte(31_536_000, l10n.t('must be at most a year'))),
    ),
  })
  .check(
    z.refine((r) => r.scopes !== undefined || r.expires_in_seconds !== undefined, { message: l10n.t('scopes or an expiry is required'), path: ['scopes'] }),
  );

export type SpendLimit = z.infer<typeof SpendLimit>;
export type SpendAlert = z.infer<typeof SpendAlert>;
export type ModelPermissions = z.infer<typeof ModelPermissions>;
export type HostedToolPermissions = z.infer<typeof HostedToolPermissions>;
export type DataRetention = z.infer<typeof DataRetention>;
export type ServiceTierSettings = z.infer<typeof ServiceTierSettings>;
export type SpendLimitRequest = z.input<typeof SpendLimitRequest>;
export type SpendAlertRequest = z.input<typeof SpendAlertRequest>;
export type ModelPermissionsRequest = z.input<typeof ModelPermissionsRequest>;
export type HostedToolPermissionsRequest = z.input<typeof HostedToolPermissionsRequest>;
export type ServiceTierRequest = z.input<typeof ServiceTierRequest>;
export type ServiceAccountUpdateRequest = z.input<typeof ServiceAccountUpdateRequest>;
export type ServiceAccountKeyRequest = z.input<typeof ServiceAccountKeyRequest>;
export type ApiKeyUpdateRequest = z.input<typeof ApiKeyUpdateRequest>;
