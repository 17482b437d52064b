// The emulator's organization: plain JSON-able data, so it can be persisted and dumped as it is.
export type RateLimitField =
  | 'max_requests_per_1_minute'
  | 'max_tokens_per_1_minute'
  | 'max_images_per_1_minute'
  | 'max_audio_megabytes_per_1_minute'
  | 'max_requests_per_1_day'
  | 'batch_1_day_max_input_tokens';

export interface OrgUser {
  id: string;
  name: string;
  email: string;
  role: 'owner' | 'reader';
  added_at: number;
  /** Managed by the identity provider (SCIM): removed here, it comes back from there. */
  is_scim_managed?: boolean;
  is_service_account?: boolean;
  api_key_last_used_at?: number | null;
}

/** An invitation to the organization, and the projects it grants on acceptance. */
export interface Invite {
  id: string;
  email: string;
  role: 'owner' | 'reader';
  status: 'pending' | 'accepted' | 'expired';
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  projects: { id: string; role: 'owner' | 'member' }[];
}

/** An admin key as the API lists it, with its secret (the emulator's own: the API shows it once). */
export interface AdminKeyRecord {
  id: string;
  name: string;
  secret: string;
  redacted_value: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  owner_id: string;
}

export interface Member {
  user_id: string;
  role: 'owner' | 'member';
  added_at: number;
}

export interface ServiceAccount {
  id: string;
  name: string;
  role: 'owner' | 'member' | 'none';
  created_at: number;
}

export interface ApiKey {
  id: string;
  name: string;
  redacted_value: string;
  /** The full key, the emulator's own (tests paste it as a leaked key); the API never shows it. */
  secret?: string;
  created_at: number;
  last_used_at: number | null;
  /** Set by an update (`expires_in_seconds`); the API shows it only when there is one. */
  expires_at?: number | null;
  /** What the key may do (the API never shows them; an update replaces them). Empty: everything. */
  scopes?: string[];
  owner: { type: 'user'; user_id: string; role: string } | { type: 'service_account'; service_account_id: string };
}

export interface RateLimit {
  id: string;
  model: string;
  limits: Partial<Record<RateLimitField, number>>;
}

export interface Project {
  id: string;
  name: string;
  created_at: number;
  archived_at: number | null;
  status: 'active' | 'archived';
  /** Not shown by the API (the real one has no such field); it only drives the rules. */
  is_default: boolean;
  residency?: string;
  /** Its name before its first rename here (not in the API): the seeded history's events carry it. */
  created_name?: string;
  members: Member[];
  service_accounts: ServiceAccount[];
  api_keys: ApiKey[];
  rate_limits: RateLimit[];
  /** Its policy (spend limit and alerts, models, tools, retention, tiers); absent parts are the defaults. */
  policy?: ProjectPolicy;
  /** Groups with access, each with the project role it was granted (a role id). */
  groups?: { group_id: string; role_id: string; created_at: number }[];
  /** Its custom roles. */
  roles?: RoleRecord[];
  /** Roles assigned beyond a member's own (`owner`/`member`) and beyond a group's grant. */
  assignments?: Assignment[];
}

/** A custom role (the predefined ones are fixed: see access.ts). */
export interface RoleRecord {
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  created_at: number;
  updated_at: number;
  created_by: string;
}

/** A role held by a user or a group, directly. */
export interface Assignment {
  principal_type: 'user' | 'group';
  principal_id: string;
  role_id: string;
  created_at: number;
}

export interface Group {
  id: string;
  name: string;
  created_at: number;
  /** Synced from an identity provider: its name and members are the provider's. */
  is_scim_managed?: boolean;
  /** User ids. */
  members: string[];
}

/** A spend alert: a monthly threshold in cents, mailed to its recipients. */
export interface SpendAlert {
  id: string;
  threshold_amount: number;
  recipients: string[];
  subject_prefix: string | null;
}

export type HostedTool = 'file_search' | 'web_search' | 'image_generation' | 'mcp' | 'code_interpreter';

export interface ProjectPolicy {
  /** The hard monthly cap in cents; absent: none. */
  spend_limit?: number;
  spend_alerts?: SpendAlert[];
  models?: { mode: 'allow_list' | 'deny_list'; model_ids: string[] };
  /** Tools turned off; every other is enabled. */
  tools_off?: HostedTool[];
  data_retention?: string;
  service_tiers?: { default: string; enabled_tiers: 'all' | string[] };
}

export interface Org {
  /** What the API reports in each answer's `openai-organization` header. */
  id?: string;
  /** The secrets the API accepts; `admin_key_records` describes each (made on first use for a seed's). */
  admin_keys: string[];
  admin_key_records?: AdminKeyRecord[];
  invites?: Invite[];
  users: OrgUser[];
  projects: Project[];
  /** The organization's own limit per model: a project may not be set above it. */
  org_limits: Record<string, Partial<Record<RateLimitField, number>>>;
  /** Off: the audit-log endpoint answers as for an organization that has not turned it on. */
  audit_logging?: boolean;
  /** The currency the costs are billed in (the API's lower-case ISO code); `usd` when unset. */
  currency?: string;
  /** The events of the changes made through the emulator, with the project each was about. */
  audit_events?: { project_id: string; event: AuditEvent }[];
  /** The organization's hard monthly cap in cents; absent: none. */
  spend_limit?: number;
  spend_alerts?: SpendAlert[];
  /** Its data-retention arrangement; absent: none agreed (reading it answers 404). */
  data_retention?: string;
  groups?: Group[];
  /** Custom organization roles. */
  roles?: RoleRecord[];
  /** Organization roles held beyond a member's own (`owner`/`reader`). */
  assignments?: Assignment[];
  /** Counter for ids minted at run time, so they stay unique and deterministic. */
  next_serial: number;
}

/** One audit-log entry as the API returns it: `type` names the field that holds its details. */
export interface AuditEvent {
  id: string;
  type: string;
  effective_at: number;
  project?: { id: string; name: string };
  actor: unknown;
  [details: string]: unknown;
}
