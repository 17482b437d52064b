// The OpenAI admin API: the 19 project operations, the organization's members, invites and admin keys
// (./organization.ts), policy (./policy.ts), groups, roles and role assignments (./access.ts), and the costs, usage and audit-log reads (./reports.ts).
// Names and request shapes follow OpenAI's own `ProjectsApi`; fields stay snake_case as the API has them.
import * as l10n from '@vscode/l10n';
import type * as z from 'zod/mini';
import { accessOperations } from './access';
import { ProjectsApiError } from './errors';
import { createHttp, type CallOptions, type HttpOptions, type ListRequest, type Method, type Query, type Read, type Write } from './http';
import { organizationOperations } from './organization';
import { policyOperations } from './policy';
import { reportOperations } from './reports';
import * as S from './schemas';

export { ProjectsApiError, type ErrorKind } from './errors';
export type { CallOptions, HttpOptions as ProjectsClientOptions, RequestInfo } from './http';
export { collect, paginate, type Page, type PaginateOptions } from './paginate';
export { Pacer, type PacerState } from './pacer';
export { errorText, redact } from './redact';
export { ORGANIZATION_ID, serverNow } from './http';
export { RATE_LIMIT_FIELDS } from './schemas';
export type * from './schemas';
export type * from './policySchemas';
export type * from './accessSchemas';
export { HOSTED_TOOLS } from './policySchemas';
export { assignedTo } from './accessSchemas';
export {
  collectBuckets,
  type AuditLog,
  type AuditLogList,
  type AuditLogRequest,
  type ReportBucket,
  type ReportPage,
  type ReportRequest,
  type ReportResult,
  type UsageKind,
} from './reports';

export type ProjectsClient = ReturnType<typeof createProjectsClient>;

const P = '/organization/projects/{project_id}';
const USER = `${P}/users/{user_id}`;
const SA = `${P}/service_accounts/{service_account_id}`;
const KEY = `${P}/api_keys/{api_key_id}`;
const RL = `${P}/rate_limits/{rate_limit_id}`;

export function createProjectsClient(options: HttpOptions) {
  const { send, organization } = createHttp(options);

  /** A GET: `params` fill the path, `query` is sent as is. */
  const read: Read = <T extends z.core.SomeType>(path: string, params: Record<string, string>, subject: string, response: T, query?: Query, o?: CallOptions) =>
    send({ method: 'GET', path, params, query, subject, response }, o);

  /** A write: its body is checked here first, so a bad value never costs a request. */
  const write: Write = <T extends z.core.SomeType>(
    method: Method,
    path: string,
    params: Record<string, string>,
    subject: string,
    response: T,
    body?: { schema: z.core.SomeType; value: unknown },
    o?: CallOptions,
  ) => send({ method, path, params, subject, response, body: body && checkBody(body.schema, body.value, `${method} ${path}`) }, o);

  const project = (r: { projectId: string }) => ({ project_id: r.projectId });
  const inProject = (what: string, id: string, r: { projectId: string }) => l10n.t('{0} {1} in project {2}', what, id, r.projectId);

  return {
    /** The organization the key belongs to, once an answer has said (its `openai-organization` header). */
    organizationId: organization,
    listProjects: async (r: ListRequest & { includeArchived?: boolean } = {}, o?: CallOptions) =>
      read(
        '/organization/projects',
        {},
        l10n.t('the projects list'),
        S.ProjectList,
        { limit: r.limit, after: r.after, include_archived: r.includeArchived },
        o,
      ),
    createProject: async (r: { projectCreateRequest: S.ProjectCreateRequest }, o?: CallOptions) =>
      write(
        'POST',
        '/organization/projects',
        {},
        l10n.t('the new project "{0}"', r.projectCreateRequest.name),
        S.Project,
        { schema: S.ProjectCreateRequest, value: r.projectCreateRequest },
        o,
      ),
    retrieveProject: async (r: { projectId: string }, o?: CallOptions) => read(P, project(r), l10n.t('project {0}', r.projectId), S.Project, undefined, o),
    modifyProject: async (r: { projectId: string; projectUpdateRequest: S.ProjectUpdateRequest }, o?: CallOptions) =>
      write('POST', P, project(r), l10n.t('project {0}', r.projectId), S.Project, { schema: S.ProjectUpdateRequest, value: r.projectUpdateRequest }, o),
    archiveProject: async (r: { projectId: string }, o?: CallOptions) =>
      write('POST', `${P}/archive`, project(r), l10n.t('project {0}', r.projectId), S.Project, undefined, o),

    listProjectUsers: async (r: ListRequest & { projectId: string }, o?: CallOptions) =>
      read(`${P}/users`, project(r), l10n.t('the users of project {0}', r.projectId), S.ProjectUserList, { limit: r.limit, after: r.after }, o),
    createProjectUser: async (r: { projectId: string; projectUserCreateRequest: S.ProjectUserCreateRequest }, o?: CallOptions) =>
      write(
        'POST',
        `${P}/users`,
        project(r),
        l10n.t('a new member of project {0}', r.projectId),
        S.ProjectUser,
        { schema: S.ProjectUserCreateRequest, value: r.projectUserCreateRequest },
        o,
      ),
    retrieveProjectUser: async (r: { projectId: string; userId: string }, o?: CallOptions) =>
      read(USER, { ...project(r), user_id: r.userId }, inProject('user', r.userId, r), S.ProjectUser, undefined, o),
    modifyProjectUser: async (r: { projectId: string; userId: string; projectUserUpdateRequest: S.ProjectUserUpdateRequest }, o?: CallOptions) =>
      write(
        'POST',
        USER,
        { ...project(r), user_id: r.userId },
        inProject('user', r.userId, r),
        S.ProjectUser,
        { schema: S.ProjectUserUpdateRequest, value: r.projectUserUpdateRequest },
        o,
      ),
    deleteProjectUser: async (r: { projectId: string; userId: string }, o?: CallOptions) =>
      write('DELETE', USER, { ...project(r), user_id: r.userId }, inProject('user', r.userId, r), S.Deleted, undefined, o),

    listProjectServiceAccounts: async (r: ListRequest & { projectId: string }, o?: CallOptions) =>
      read(
        `${P}/service_accounts`,
        project(r),
        l10n.t('the service accounts of project {0}', r.projectId),
        S.ProjectServiceAccountList,
        { limit: r.limit, after: r.after },
        o,
      ),
    createProjectServiceAccount: async (r: { projectId: string; projectServiceAccountCreateRequest: S.ProjectServiceAccountCreateRequest }, o?: CallOptions) =>
      write(
        'POST',
        `${P}/service_accounts`,
        project(r),
        l10n.t('a new service account in project {0}', r.projectId),
        S.ProjectServiceAccountCreateResponse,
        { schema: S.ProjectServiceAccountCreateRequest, value: r.projectServiceAccountCreateRequest },
        o,
      ),
    retrieveProjectServiceAccount: async (r: { projectId: string; serviceAccountId: string }, o?: CallOptions) =>
      read(
        SA,
        { ...project(r), service_account_id: r.serviceAccountId },
        inProject(l10n.t('service account'), r.serviceAccountId, r),
        S.ProjectServiceAccount,
        undefined,
        o,
      ),
    deleteProjectServiceAccount: async (r: { projectId: string; serviceAccountId: string }, o?: CallOptions) =>
      write(
        'DELETE',
        SA,
        { ...project(r), service_account_id: r.serviceAccountId },
        inProject(l10n.t('service account'), r.serviceAccountId, r),
        S.Deleted,
        undefined,
        o,
      ),

    listProjectApiKeys: async (r: ListRequest & { projectId: string; ownerProjectAccess?: 'active' | 'inactive' }, o?: CallOptions) =>
      read(
        `${P}/api_keys`,
        project(r),
        l10n.t('the API keys of project {0}', r.projectId),
        S.ProjectApiKeyList,
        { limit: r.limit, after: r.after, owner_project_access: r.ownerProjectAccess },
        o,
      ),
    retrieveProjectApiKey: async (r: { projectId: string; keyId: string }, o?: CallOptions) =>
      read(KEY, { ...project(r), api_key_id: r.keyId }, inProject(l10n.t('API key'), r.keyId, r), S.ProjectApiKey, undefined, o),
    deleteProjectApiKey: async (r: { projectId: string; keyId: string }, o?: CallOptions) =>
      write('DELETE', KEY, { ...project(r), api_key_id: r.keyId }, inProject(l10n.t('API key'), r.keyId, r), S.Deleted, undefined, o),

    listProjectRateLimits: async (r: ListRequest & { projectId: string; before?: string }, o?: CallOptions) =>
      read(
        `${P}/rate_limits`,
        project(r),
        l10n.t('the rate limits of project {0}', r.projectId),
        S.ProjectRateLimitList,
        { limit: r.limit, after: r.after, before: r.before },
        o,
      ),
    updateProjectRateLimits: async (
      r: { projectId: string; rateLimitId: string; projectRateLimitUpdateRequest: S.ProjectRateLimitUpdateRequest },
      o?: CallOptions,
    ) =>
      write(
        'POST',
        RL,
        { ...project(r), rate_limit_id: r.rateLimitId },
        l10n.t('rate limit {0} of project {1}', r.rateLimitId, r.projectId),
        S.ProjectRateLimit,
        { schema: S.ProjectRateLimitUpdateRequest, value: r.projectRateLimitUpdateRequest },
        o,
      ),

    ...reportOperations(read),

    ...organizationOperations(read, write),

    ...policyOperations(read, write),

    ...accessOperations(read, write),
  };
}

function checkBody(schema: z.core.SomeType, value: unknown, endpoint: string): unknown {
  const r = S.check(schema, value ?? {}, 'body');
  if (r.ok) return r.data;
  throw new ProjectsApiError('invalid_request', l10n.t('Invalid {0}: {1}.', r.field, r.what), { endpoint, param: r.field });
}
