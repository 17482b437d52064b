// Response schemas are loose on purpose: unknown fields are kept, enums are plain strings,
// and only what the API reference marks required (and the tree relies on) is enforced.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';

/**
 * Parses `value` with `schema`; on failure, the first problem as a field path and a phrase
 * (zod/mini ships no message locale, so the phrase is ours).
 */
export function check<T extends z.core.SomeType>(
  schema: T,
  value: unknown,
  root: string,
): { ok: true; data: z.output<T> } | { ok: false; field: string; what: string } {
  const r = (schema as unknown as z.ZodMiniType).safeParse(value);
  if (r.success) return { ok: true, data: r.data as z.output<T> };
  const issue = r.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : root;
  const what = issue?.code === 'invalid_type' ? l10n.t('expected {0}', issue.expected) : (issue?.message ?? 'invalid');
  return { ok: false, field, what };
}

const str = z.string();
// Any number JSON can spell, 1e400 (Infinity) included: what is shown makes it readable, and one odd
// value must not make a whole list unreadable.
const num = z.custom<number>((v) => typeof v === 'number', { error: () => l10n.t('expected {0}', 'number') });
export const maybe = <T extends z.core.SomeType>(s: T) => z.optional(z.nullable(s));

export function listOf<T extends z.core.SomeType>(item: T) {
  return z.looseObject({
    object: str,
    data: z.array(item),
    first_id: maybe(str),
    last_id: maybe(str),
    has_more: z.boolean(),
  });
}

export const Project = z.looseObject({
  id: str,
  object: str,
  name: maybe(str),
  created_at: num,
  archived_at: maybe(num),
  /** `active` or `archived`; other values may appear. */
  status: maybe(str),
  external_key_id: maybe(str),
  residency: maybe(str),
});
export const ProjectList = listOf(Project);

export const ProjectUser = z.looseObject({
  object: str,
  id: str,
  name: maybe(str),
  email: maybe(str),
  /** `owner` or `member`; other values may appear. */
  role: str,
  added_at: num,
});
export const ProjectUserList = listOf(ProjectUser);

export const ProjectServiceAccount = z.looseObject({
  object: str,
  id: str,
  name: str,
  role: str,
  created_at: num,
});
export const ProjectServiceAccountList = listOf(ProjectServiceAccount);

export const ProjectServiceAccountApiKey = z.looseObject({
  object: str,
  value: str,
  name: str,
  created_at: num,
  id: str,
});
export const ProjectServiceAccountCreateResponse = z.looseObject({
  object: str,
  id: str,
  name: str,
  role: str,
  created_at: num,
  api_key: maybe(ProjectServiceAccountApiKey),
});

export const ProjectApiKey = z.looseObject({
  object: str,
  redacted_value: str,
  name: maybe(str),
  created_at: num,
  last_used_at: maybe(num),
  id: str,
  owner_project_access: maybe(str),
  /** Only when the key expires (the SDK's types; newer than the public spec). */
  expires_at: maybe(num),
  owner: z.looseObject({
    type: maybe(str),
    user: z.optional(z.looseObject({ id: str, email: maybe(str), name: maybe(str), created_at: maybe(num), role: maybe(str) })),
    service_account: z.optional(z.looseObject({ id: str, name: maybe(str), created_at: maybe(num), role: maybe(str) })),
  }),
});
export const ProjectApiKeyList = listOf(ProjectApiKey);

export { RATE_LIMIT_FIELDS, type RateLimitField } from './fields';

export const ProjectRateLimit = z.looseObject({
  object: str,
  id: str,
  model: str,
  max_requests_per_1_minute: num,
  max_tokens_per_1_minute: num,
  max_images_per_1_minute: z.optional(num),
  max_audio_megabytes_per_1_minute: z.optional(num),
  max_requests_per_1_day: z.optional(num),
  batch_1_day_max_input_tokens: z.optional(num),
});
export const ProjectRateLimitList = listOf(ProjectRateLimit);

export const OrganizationUser = z.looseObject({
  object: str,
  id: str,
  name: maybe(str),
  email: maybe(str),
  /** `owner` or `reader`; other values may appear. */
  role: maybe(str),
  added_at: num,
  /** Managed by the identity provider: removed here, the next sync brings them back. */
  is_scim_managed: maybe(z.boolean()),
  is_service_account: maybe(z.boolean()),
  api_key_last_used_at: maybe(num),
});
export const OrganizationUserList = listOf(OrganizationUser);

export const Invite = z.looseObject({
  object: str,
  id: str,
  email: str,
  /** `owner` or `reader`; other values may appear. */
  role: str,
  /** `pending`, `accepted` or `expired`; other values may appear. */
  status: str,
  created_at: num,
  expires_at: maybe(num),
  accepted_at: maybe(num),
  projects: maybe(z.array(z.looseObject({ id: str, role: str }))),
});
export const InviteList = listOf(Invite);

export const AdminApiKey = z.looseObject({
  object: str,
  id: str,
  name: maybe(str),
  redacted_value: str,
  created_at: num,
  expires_at: maybe(num),
  last_used_at: maybe(num),
  owner: maybe(z.looseObject({ id: maybe(str), name: maybe(str), type: maybe(str), role: maybe(str) })),
});
export const AdminApiKeyList = listOf(AdminApiKey);
/** The new key's value comes only in this answer: shown once, kept nowhere. */
export const AdminApiKeyCreated = z.looseObject({ ...AdminApiKey.shape, value: str });

export const Deleted = z.looseObject({ object: str, id: str, deleted: z.boolean() });

export const ErrorBody = z.looseObject({
  error: z.looseObject({ message: maybe(str), type: maybe(str), param: maybe(str), code: maybe(z.union([str, num])) }),
});

// Request bodies: checked before anything is sent, so a bad value never reaches the API.
const nonEmpty = z.string().check(z.trim(), z.minLength(1, l10n.t('must not be empty')));
const count = z.number().check(z.int(l10n.t('must be a whole number')), z.gte(0, l10n.t('must not be negative')));

export const ProjectCreateRequest = z.object({
  name: nonEmpty,
  residency: maybe(str),
  external_key_id: maybe(str),
});
export const ProjectUpdateRequest = z.object({ name: z.optional(nonEmpty), external_key_id: maybe(str) });
export const ProjectUserCreateRequest = z
  .object({ user_id: maybe(nonEmpty), email: maybe(nonEmpty), role: nonEmpty })
  .check(z.refine((r) => !!(r.user_id || r.email), { message: l10n.t('user_id or email is required'), path: ['user_id'] }));
export const ProjectUserUpdateRequest = z.object({ role: nonEmpty });
export const ProjectServiceAccountCreateRequest = z.object({
  name: nonEmpty,
  create_service_account_only: maybe(z.boolean()),
});
export const InviteRequest = z.object({
  email: z.string().check(z.trim(), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, l10n.t('must be an email address'))),
  role: nonEmpty,
  projects: z.optional(z.array(z.object({ id: nonEmpty, role: nonEmpty }))),
});
export const UserRoleUpdateRequest = z.object({ role: z.optional(nonEmpty), role_id: z.optional(nonEmpty) });
/** Up to a year, the API's longest; no expiry when left out. */
export const AdminApiKeyCreateRequest = z.object({
  name: nonEmpty,
  expires_in_seconds: z.optional(
    z.number().check(z.int(l10n.t('must be a whole number')), z.gte(1, l10n.t('must be at least 1')), z.lte(31_536_000, l10n.t('must be at most a year'))),
  ),
});
export const ProjectRateLimitUpdateRequest = z.object({
  max_requests_per_1_minute: z.optional(count),
  max_tokens_per_1_minute: z.optional(count),
  max_images_per_1_minute: z.optional(count),
  max_audio_megabytes_per_1_minute: z.optional(count),
  max_requests_per_1_day: z.optional(count),
  batch_1_day_max_input_tokens: z.optional(count),
});

export type Project = z.infer<typeof Project>;
export type ProjectList = z.infer<typeof ProjectList>;
export type ProjectUser = z.infer<typeof ProjectUser>;
export type ProjectUserList = z.infer<typeof ProjectUserList>;
export type ProjectServiceAccount = z.infer<typeof ProjectServiceAccount>;
export type ProjectServiceAccountList = z.infer<typeof ProjectServiceAccountList>;
export type ProjectServiceAccountCreateResponse = z.infer<typeof ProjectServiceAccountCreateResponse>;
export type ProjectApiKey = z.infer<typeof ProjectApiKey>;
export type ProjectServiceAccountApiKey = z.infer<typeof ProjectServiceAccountApiKey>;
export type ProjectApiKeyList = z.infer<typeof ProjectApiKeyList>;
export type ProjectRateLimit = z.infer<typeof ProjectRateLimit>;
export type ProjectRateLimitList = z.infer<typeof ProjectRateLimitList>;
export type OrganizationUser = z.infer<typeof OrganizationUser>;
export type OrganizationUserList = z.infer<typeof OrganizationUserList>;
export type Deleted = z.infer<typeof Deleted>;
export type Invite = z.infer<typeof Invite>;
export type AdminApiKey = z.infer<typeof AdminApiKey>;
export type AdminApiKeyCreated = z.infer<typeof AdminApiKeyCreated>;
export type InviteRequest = z.input<typeof InviteRequest>;
export type UserRoleUpdateRequest = z.input<typeof UserRoleUpdateRequest>;
export type AdminApiKeyCreateRequest = z.input<typeof AdminApiKeyCreateRequest>;
export type ProjectCreateRequest = z.input<typeof ProjectCreateRequest>;
export type ProjectUpdateRequest = z.input<typeof ProjectUpdateRequest>;
export type ProjectUserCreateRequest = z.input<typeof ProjectUserCreateRequest>;
export type ProjectUserUpdateRequest = z.input<typeof ProjectUserUpdateRequest>;
export type ProjectServiceAccountCreateRequest = z.input<typeof ProjectServiceAccountCreateRequest>;
export type ProjectRateLimitUpdateRequest = z.input<typeof ProjectRateLimitUpdateRequest>;
