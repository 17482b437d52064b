// A project's and the organization's policy (30 operations): hard spend limits and spend alerts, model
// and hosted-tool permissions, data retention, service tiers; a service account's name and role, another
// key for it, and a project key's scopes and expiry. Shapes in ./policySchemas.ts.
import * as l10n from '@vscode/l10n';
import type { CallOptions, ListRequest, Read, Write } from './http';
import * as P from './policySchemas';
import * as S from './schemas';

const PROJECT = '/organization/projects/{project_id}';

type InProject = { projectId: string };
type Alert = { alertId: string };

export function policyOperations(syncRead: Read, syncWrite: Write) {
  // A body refused before sending is a rejected promise, as for every other operation, never a throw.
  const read: Read = async (...a) => syncRead(...a);
  const write: Write = async (...a) => syncWrite(...a);
  const pid = (r: InProject) => ({ project_id: r.projectId });
  const of = (what: string, r?: InProject) => (r ? l10n.t('{0} of project {1}', what, r.projectId) : l10n.t('{0} of the organization', what));

  /** The same five operations on the organization's alerts (`base` without a project) and on a project's. */
  const alerts = <R extends object>(base: string, params: (r: R) => Record<string, string>, project: (r: R) => InProject | undefined) => ({
    list: (r: R & ListRequest, o?: CallOptions) =>
      read(base, params(r), of(l10n.t('the spend alerts'), project(r)), P.SpendAlertList, { limit: r.limit, after: r.after }, o),
    create: (r: R & { request: P.SpendAlertRequest }, o?: CallOptions) =>
      write('POST', base, params(r), of(l10n.t('a new spend alert'), project(r)), P.SpendAlert, { schema: P.SpendAlertRequest, value: r.request }, o),
    retrieve: (r: R & Alert, o?: CallOptions) =>
      read(`${base}/{alert_id}`, { ...params(r), alert_id: r.alertId }, of(l10n.t('spend alert {0}', r.alertId), project(r)), P.SpendAlert, undefined, o),
    update: (r: R & Alert & { request: P.SpendAlertRequest }, o?: CallOptions) =>
      write(
        'POST',
        `${base}/{alert_id}`,
        { ...params(r), alert_id: r.alertId },
        of(l10n.t('spend alert {0}', r.alertId), project(r)),
        P.SpendAlert,
        { schema: P.SpendAlertRequest, value: r.request },
        o,
      ),
    delete: (r: R & Alert, o?: CallOptions) =>
      write(
        'DELETE',
        `${base}/{alert_id}`,
        { ...params(r), alert_id: r.alertId },
        of(l10n.t('spend alert {0}', r.alertId), project(r)),
        P.SpendAlertDeleted,
        undefined,
        o,
      ),
  });
  const orgAlerts = alerts<object>(
    '/organization/spend_alerts',
    () => ({}),
    () => undefined,
  );
  const projectAlerts = alerts<InProject>(`${PROJECT}/spend_alerts`, pid, (r) => r);

  const limit = l10n.t('the hard spend limit');
  const models = l10n.t('the model permissions');
  const tools = l10n.t('the hosted-tool permissions');
  const retention = l10n.t('the data retention');
  const tiers = l10n.t('the service tiers');
  const sa = (r: InProject & { serviceAccountId: string }) => ({ ...pid(r), service_account_id: r.serviceAccountId });

  return {
    retrieveOrganizationSpendLimit: (o?: CallOptions) => read('/organization/spend_limit', {}, of(limit), P.SpendLimit, undefined, o),
    updateOrganizationSpendLimit: (r: { request: P.SpendLimitRequest }, o?: CallOptions) =>
      write('POST', '/organization/spend_limit', {}, of(limit), P.SpendLimit, { schema: P.SpendLimitRequest, value: r.request }, o),
    deleteOrganizationSpendLimit: (o?: CallOptions) => write('DELETE', '/organization/spend_limit', {}, of(limit), P.PolicyDeleted, undefined, o),
    listOrganizationSpendAlerts: orgAlerts.list,
    createOrganizationSpendAlert: orgAlerts.create,
    retrieveOrganizationSpendAlert: orgAlerts.retrieve,
    updateOrganizationSpendAlert: orgAlerts.update,
    deleteOrganizationSpendAlert: orgAlerts.delete,
    retrieveOrganizationDataRetention: (o?: CallOptions) => read('/organization/data_retention', {}, of(retention), P.DataRetention, undefined, o),
    updateOrganizationDataRetention: (r: { retentionType: string }, o?: CallOptions) =>
      write(
        'POST',
        '/organization/data_retention',
        {},
        of(retention),
        P.DataRetention,
        { schema: P.DataRetentionRequest, value: { retention_type: r.retentionType } },
        o,
      ),

    retrieveProjectSpendLimit: (r: InProject, o?: CallOptions) => read(`${PROJECT}/spend_limit`, pid(r), of(limit, r), P.SpendLimit, undefined, o),
    updateProjectSpendLimit: (r: InProject & { request: P.SpendLimitRequest }, o?: CallOptions) =>
      write('POST', `${PROJECT}/spend_limit`, pid(r), of(limit, r), P.SpendLimit, { schema: P.SpendLimitRequest, value: r.request }, o),
    deleteProjectSpendLimit: (r: InProject, o?: CallOptions) => write('DELETE', `${PROJECT}/spend_limit`, pid(r), of(limit, r), P.PolicyDeleted, undefined, o),
    listProjectSpendAlerts: projectAlerts.list,
    createProjectSpendAlert: projectAlerts.create,
    retrieveProjectSpendAlert: projectAlerts.retrieve,
    updateProjectSpendAlert: projectAlerts.update,
    deleteProjectSpendAlert: projectAlerts.delete,

    retrieveProjectModelPermissions: (r: InProject, o?: CallOptions) =>
      read(`${PROJECT}/model_permissions`, pid(r), of(models, r), P.ModelPermissions, undefined, o),
    updateProjectModelPermissions: (r: InProject & { request: P.ModelPermissionsRequest }, o?: CallOptions) =>
      write('POST', `${PROJECT}/model_permissions`, pid(r), of(models, r), P.ModelPermissions, { schema: P.ModelPermissionsRequest, value: r.request }, o),
    deleteProjectModelPermissions: (r: InProject, o?: CallOptions) =>
      write('DELETE', `${PROJECT}/model_permissions`, pid(r), of(models, r), P.PolicyDeleted, undefined, o),
    retrieveProjectHostedToolPermissions: (r: InProject, o?: CallOptions) =>
      read(`${PROJECT}/hosted_tool_permissions`, pid(r), of(tools, r), P.HostedToolPermissions, undefined, o),
    updateProjectHostedToolPermissions: (r: InProject & { request: P.HostedToolPermissionsRequest }, o?: CallOptions) =>
      write(
        'POST',
        `${PROJECT}/hosted_tool_permissions`,
        pid(r),
        of(tools, r),
        P.HostedToolPermissions,
        { schema: P.HostedToolPermissionsRequest, value: r.request },
        o,
      ),
    retrieveProjectDataRetention: (r: InProject, o?: CallOptions) => read(`${PROJECT}/data_retention`, pid(r), of(retention, r), P.DataRetention, undefined, o),
    updateProjectDataRetention: (r: InProject & { retentionType: string }, o?: CallOptions) =>
      write(
        'POST',
        `${PROJECT}/data_retention`,
        pid(r),
        of(retention, r),
        P.DataRetention,
        { schema: P.DataRetentionRequest, value: { retention_type: r.retentionType } },
        o,
      ),
    retrieveProjectServiceTierSettings: (r: InProject, o?: CallOptions) =>
      read(`${PROJECT}/service_tier_settings`, pid(r), of(tiers, r), P.ServiceTierSettings, undefined, o),
    updateProjectServiceTierSettings: (r: InProject & { request: P.ServiceTierRequest }, o?: CallOptions) =>
      write('POST', `${PROJECT}/service_tier_settings`, pid(r), of(tiers, r), P.ServiceTierSettings, { schema: P.ServiceTierRequest, value: r.request }, o),

    modifyProjectServiceAccount: (r: InProject & { serviceAccountId: string; request: P.ServiceAccountUpdateRequest }, o?: CallOptions) =>
      write(
        'POST',
        `${PROJECT}/service_accounts/{service_account_id}`,
        sa(r),
        of(l10n.t('service account {0}', r.serviceAccountId), r),
        S.ProjectServiceAccount,
        { schema: P.ServiceAccountUpdateRequest, value: r.request },
        o,
      ),
    /** Another key for a service account: its value comes only in this answer (shown once, kept nowhere). */
    createProjectServiceAccountApiKey: (r: InProject & { serviceAccountId: string; request: P.ServiceAccountKeyRequest }, o?: CallOptions) =>
      write(
        'POST',
        `${PROJECT}/service_accounts/{service_account_id}/api_keys`,
        sa(r),
        of(l10n.t('a new key of service account {0}', r.serviceAccountId), r),
        S.ProjectServiceAccountApiKey,
        { schema: P.ServiceAccountKeyRequest, value: r.request },
        o,
      ),
    modifyProjectApiKey: (r: InProject & { keyId: string; request: P.ApiKeyUpdateRequest }, o?: CallOptions) =>
      write(
        'POST',
        `${PROJECT}/api_keys/{api_key_id}`,
        { ...pid(r), api_key_id: r.keyId },
        of(l10n.t('API key {0}', r.keyId), r),
        S.ProjectApiKey,
        { schema: P.ApiKeyUpdateRequest, value: r.request },
        o,
      ),
  };
}
