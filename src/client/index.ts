// The OpenAI Projects admin API: all 19 operations, plus the organization-users list for the user picker.
// Names and request shapes follow OpenAI's own `ProjectsApi`; fields stay snake_case as the API has them.
import type * as z from 'zod/mini';
import { ProjectsApiError } from './errors';
import { createHttp, type CallOptions, type HttpOptions, type Operation } from './http';
import * as S from './schemas';

export { ProjectsApiError, type ErrorKind } from './errors';
export type { CallOptions, HttpOptions as ProjectsClientOptions, RequestInfo } from './http';
export { collect, paginate, type Page, type PaginateOptions } from './paginate';
export { redact } from './redact';
export { RATE_LIMIT_FIELDS } from './schemas';
export type * from './schemas';

interface ListRequest {
  limit?: number;
  after?: string;
}

export type ProjectsClient = ReturnType<typeof createProjectsClient>;

export function createProjectsClient(options: HttpOptions) {
  const { send } = createHttp(options);
  const P = '/organization/projects/{project_id}';

  /** Validates a request body here, so a bad value never costs a request. */
  function body<T extends z.core.SomeType>(schema: T, value: unknown, endpoint: string): z.output<T> {
    const r = (schema as unknown as z.ZodMiniType).safeParse(value ?? {});
    if (r.success) return r.data as z.output<T>;
    const issue = r.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new ProjectsApiError('invalid_request', `Invalid ${field}: ${issue?.message ?? 'invalid value'}.`, {
      endpoint,
      param: field,
    });
  }
  const call = <T extends z.core.SomeType>(op: Operation<T>, o?: CallOptions) => send(op, o);

  return {
    listProjects: async (r: ListRequest & { includeArchived?: boolean } = {}, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: '/organization/projects',
          query: { limit: r.limit, after: r.after, include_archived: r.includeArchived },
          subject: 'the projects list',
          response: S.ProjectList,
        },
        o,
      ),
    createProject: async (r: { projectCreateRequest: S.ProjectCreateRequest }, o?: CallOptions) =>
      call(
        {
          method: 'POST',
          path: '/organization/projects',
          body: body(S.ProjectCreateRequest, r.projectCreateRequest, 'POST /organization/projects'),
          subject: 'a new project',
          response: S.Project,
        },
        o,
      ),
    retrieveProject: async (r: { projectId: string }, o?: CallOptions) =>
      call(
        { method: 'GET', path: P, params: { project_id: r.projectId }, subject: `project ${r.projectId}`, response: S.Project },
        o,
      ),
    modifyProject: async (r: { projectId: string; projectUpdateRequest: S.ProjectUpdateRequest }, o?: CallOptions) =>
      call(
        {
          method: 'POST',
          path: P,
          params: { project_id: r.projectId },
          body: body(S.ProjectUpdateRequest, r.projectUpdateRequest, `POST ${P}`),
          subject: `project ${r.projectId}`,
          response: S.Project,
        },
        o,
      ),
    archiveProject: async (r: { projectId: string }, o?: CallOptions) =>
      call(
        {
          method: 'POST',
          path: `${P}/archive`,
          params: { project_id: r.projectId },
          subject: `project ${r.projectId}`,
          response: S.Project,
        },
        o,
      ),

    listProjectUsers: async (r: ListRequest & { projectId: string }, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: `${P}/users`,
          params: { project_id: r.projectId },
          query: { limit: r.limit, after: r.after },
          subject: `the users of project ${r.projectId}`,
          response: S.ProjectUserList,
        },
        o,
      ),
    createProjectUser: async (r: { projectId: string; projectUserCreateRequest: S.ProjectUserCreateRequest }, o?: CallOptions) =>
      call(
        {
          method: 'POST',
          path: `${P}/users`,
          params: { project_id: r.projectId },
          body: body(S.ProjectUserCreateRequest, r.projectUserCreateRequest, `POST ${P}/users`),
          subject: `a new member of project ${r.projectId}`,
          response: S.ProjectUser,
        },
        o,
      ),
    retrieveProjectUser: async (r: { projectId: string; userId: string }, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: `${P}/users/{user_id}`,
          params: { project_id: r.projectId, user_id: r.userId },
          subject: `user ${r.userId} in project ${r.projectId}`,
          response: S.ProjectUser,
        },
        o,
      ),
    modifyProjectUser: async (
      r: { projectId: string; userId: string; projectUserUpdateRequest: S.ProjectUserUpdateRequest },
      o?: CallOptions,
    ) =>
      call(
        {
          method: 'POST',
          path: `${P}/users/{user_id}`,
          params: { project_id: r.projectId, user_id: r.userId },
          body: body(S.ProjectUserUpdateRequest, r.projectUserUpdateRequest, `POST ${P}/users/{user_id}`),
          subject: `user ${r.userId} in project ${r.projectId}`,
          response: S.ProjectUser,
        },
        o,
      ),
    deleteProjectUser: async (r: { projectId: string; userId: string }, o?: CallOptions) =>
      call(
        {
          method: 'DELETE',
          path: `${P}/users/{user_id}`,
          params: { project_id: r.projectId, user_id: r.userId },
          subject: `user ${r.userId} in project ${r.projectId}`,
          response: S.Deleted,
        },
        o,
      ),

    listProjectServiceAccounts: async (r: ListRequest & { projectId: string }, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: `${P}/service_accounts`,
          params: { project_id: r.projectId },
          query: { limit: r.limit, after: r.after },
          subject: `the service accounts of project ${r.projectId}`,
          response: S.ProjectServiceAccountList,
        },
        o,
      ),
    createProjectServiceAccount: async (
      r: { projectId: string; projectServiceAccountCreateRequest: S.ProjectServiceAccountCreateRequest },
      o?: CallOptions,
    ) =>
      call(
        {
          method: 'POST',
          path: `${P}/service_accounts`,
          params: { project_id: r.projectId },
          body: body(S.ProjectServiceAccountCreateRequest, r.projectServiceAccountCreateRequest, `POST ${P}/service_accounts`),
          subject: `a new service account in project ${r.projectId}`,
          response: S.ProjectServiceAccountCreateResponse,
        },
        o,
      ),
    retrieveProjectServiceAccount: async (r: { projectId: string; serviceAccountId: string }, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: `${P}/service_accounts/{service_account_id}`,
          params: { project_id: r.projectId, service_account_id: r.serviceAccountId },
          subject: `service account ${r.serviceAccountId} in project ${r.projectId}`,
          response: S.ProjectServiceAccount,
        },
        o,
      ),
    deleteProjectServiceAccount: async (r: { projectId: string; serviceAccountId: string }, o?: CallOptions) =>
      call(
        {
          method: 'DELETE',
          path: `${P}/service_accounts/{service_account_id}`,
          params: { project_id: r.projectId, service_account_id: r.serviceAccountId },
          subject: `service account ${r.serviceAccountId} in project ${r.projectId}`,
          response: S.Deleted,
        },
        o,
      ),

    listProjectApiKeys: async (r: ListRequest & { projectId: string }, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: `${P}/api_keys`,
          params: { project_id: r.projectId },
          query: { limit: r.limit, after: r.after },
          subject: `the API keys of project ${r.projectId}`,
          response: S.ProjectApiKeyList,
        },
        o,
      ),
    retrieveProjectApiKey: async (r: { projectId: string; keyId: string }, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: `${P}/api_keys/{api_key_id}`,
          params: { project_id: r.projectId, api_key_id: r.keyId },
          subject: `API key ${r.keyId} in project ${r.projectId}`,
          response: S.ProjectApiKey,
        },
        o,
      ),
    deleteProjectApiKey: async (r: { projectId: string; keyId: string }, o?: CallOptions) =>
      call(
        {
          method: 'DELETE',
          path: `${P}/api_keys/{api_key_id}`,
          params: { project_id: r.projectId, api_key_id: r.keyId },
          subject: `API key ${r.keyId} in project ${r.projectId}`,
          response: S.Deleted,
        },
        o,
      ),

    listProjectRateLimits: async (r: ListRequest & { projectId: string; before?: string }, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: `${P}/rate_limits`,
          params: { project_id: r.projectId },
          query: { limit: r.limit, after: r.after, before: r.before },
          subject: `the rate limits of project ${r.projectId}`,
          response: S.ProjectRateLimitList,
        },
        o,
      ),
    updateProjectRateLimits: async (
      r: { projectId: string; rateLimitId: string; projectRateLimitUpdateRequest: S.ProjectRateLimitUpdateRequest },
      o?: CallOptions,
    ) =>
      call(
        {
          method: 'POST',
          path: `${P}/rate_limits/{rate_limit_id}`,
          params: { project_id: r.projectId, rate_limit_id: r.rateLimitId },
          body: body(S.ProjectRateLimitUpdateRequest, r.projectRateLimitUpdateRequest, `POST ${P}/rate_limits/{rate_limit_id}`),
          subject: `rate limit ${r.rateLimitId} of project ${r.projectId}`,
          response: S.ProjectRateLimit,
        },
        o,
      ),

    listOrganizationUsers: async (r: ListRequest & { emails?: string[] } = {}, o?: CallOptions) =>
      call(
        {
          method: 'GET',
          path: '/organization/users',
          query: { limit: r.limit, after: r.after, emails: r.emails },
          subject: 'the organization members',
          response: S.OrganizationUserList,
        },
        o,
      ),
  };
}
