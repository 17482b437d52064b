// The policy writes (spend limits and alerts, models, tools, retention, tiers) and the service-account
// and key writes that came with them. Part of the one writer (OrgWriter.policy): each is sent once, an
// answer lost on the way is settled by reading the facet back, and the store is told what it is now.
import * as l10n from '@vscode/l10n';
import {
  collect,
  serverNow,
  type ApiKeyUpdateRequest,
  type HostedToolPermissionsRequest,
  type ProjectApiKey,
  type ProjectServiceAccount,
  type ProjectServiceAccountApiKey,
  type ProjectsClient,
  type ServiceAccountUpdateRequest,
  type ServiceTierRequest,
  type SpendAlert,
  type SpendAlertRequest,
} from '../client';
import { FACETS, type FacetValues, type Scope } from './facets';
import { gone, present, settleWrite, type Outcome, type WriteLog, type Written } from './outcome';
import type { OrgStore } from './store';

const where = (s: Scope) => ('projectId' in s ? l10n.t('project {0}', s.projectId) : l10n.t('the organization'));
const written = <T>(answered: T | undefined, readBack: T | undefined): Written<T> => ({ value: (answered ?? readBack)!, lost: answered === undefined });
const sameAlert = (a: SpendAlert, r: SpendAlertRequest) =>
  a.threshold_amount === r.threshold_amount && [...a.notification_channel.recipients].sort().join() === [...r.notification_channel.recipients].sort().join();

export class PolicyWrites {
  constructor(
    private readonly client: () => Promise<ProjectsClient>,
    private readonly store: OrgStore,
    private readonly log: WriteLog,
  ) {}

  private settle<T>(what: string, write: () => Promise<T>, check: () => Promise<Outcome>): Promise<T | undefined> {
    return settleWrite({ log: this.log }, what, write, check);
  }

  /** Sets the hard monthly cap (cents), or removes it (`null`). */
  async setSpendLimit(scope: Scope, cents: number | null, what?: string): Promise<Written<FacetValues['spendLimit']>> {
    const c = await this.client();
    let now: FacetValues['spendLimit'] | undefined;
    const readBack = async () => (now = await FACETS.spendLimit.read(c, scope));
    let answer: FacetValues['spendLimit'] | undefined;
    if (cents === null) {
      const deleted = await this.settle(
        what ?? l10n.t('removing the hard spend limit of {0}', where(scope)),
        () => ('projectId' in scope ? c.deleteProjectSpendLimit(scope) : c.deleteOrganizationSpendLimit()),
        async () => ((await readBack()) === null ? 'done' : 'not done'),
      );
      answer = deleted ? null : undefined;
    } else {
      const request = { threshold_amount: cents, currency: 'USD' as const, interval: 'month' as const };
      answer = await this.settle(
        what ?? l10n.t('setting the hard spend limit of {0}', where(scope)),
        () => ('projectId' in scope ? c.updateProjectSpendLimit({ ...scope, request }) : c.updateOrganizationSpendLimit({ request })),
        async () => ((await readBack())?.threshold_amount === cents ? 'done' : 'not done'),
      );
    }
    const w = { value: answer !== undefined ? answer : (now ?? null), lost: answer === undefined };
    this.store.facetWritten(scope, 'spendLimit', w.value);
    return w;
  }

  async createAlert(scope: Scope, request: SpendAlertRequest, what?: string): Promise<Written<SpendAlert>> {
    const c = await this.client();
    const list = () =>
      collect((after) =>
        'projectId' in scope ? c.listProjectSpendAlerts({ ...scope, limit: 100, after }) : c.listOrganizationSpendAlerts({ limit: 100, after }),
      );
    // What was there before, so the read-back of a lost answer finds only the new one.
    const before = new Set((this.store.facetLoaded(scope, 'spendAlerts') ?? (await list())).map((a) => a.id));
    let found: SpendAlert | undefined;
    const made = await this.settle(
      what ?? l10n.t('adding a spend alert to {0}', where(scope)),
      () => ('projectId' in scope ? c.createProjectSpendAlert({ ...scope, request }) : c.createOrganizationSpendAlert({ request })),
      () => present(async () => !!(found = (await list()).find((a) => !before.has(a.id) && sameAlert(a, request)))),
    );
    const w = written(made, found);
    this.patchAlerts(scope, (as) => [...as.filter((a) => a.id !== w.value.id), w.value]);
    return w;
  }

  async updateAlert(scope: Scope, alertId: string, request: SpendAlertRequest, what?: string): Promise<Written<SpendAlert>> {
    const c = await this.client();
    let now: SpendAlert | undefined;
    const r = { alertId, request };
    const saved = await this.settle(
      what ?? l10n.t('changing the spend alert {0} of {1}', alertId, where(scope)),
      () => ('projectId' in scope ? c.updateProjectSpendAlert({ ...scope, ...r }) : c.updateOrganizationSpendAlert(r)),
      () =>
        present(async () =>
          sameAlert(
            (now = await ('projectId' in scope ? c.retrieveProjectSpendAlert({ ...scope, alertId }) : c.retrieveOrganizationSpendAlert({ alertId }))),
            request,
          ),
        ),
    );
    const w = written(saved, now);
    this.patchAlerts(scope, (as) => as.map((a) => (a.id === alertId ? w.value : a)));
    return w;
  }

  async deleteAlert(scope: Scope, alertId: string, what?: string): Promise<Written<string>> {
    const c = await this.client();
    const deleted = await this.settle(
      what ?? l10n.t('removing the spend alert {0} of {1}', alertId, where(scope)),
      () => ('projectId' in scope ? c.deleteProjectSpendAlert({ ...scope, alertId }) : c.deleteOrganizationSpendAlert({ alertId })),
      () => gone(() => ('projectId' in scope ? c.retrieveProjectSpendAlert({ ...scope, alertId }) : c.retrieveOrganizationSpendAlert({ alertId }))),
    );
    this.patchAlerts(scope, (as) => as.filter((a) => a.id !== alertId));
    return { value: alertId, lost: deleted === undefined };
  }

  private patchAlerts(scope: Scope, update: (as: SpendAlert[]) => SpendAlert[]): void {
    const held = this.store.facetLoaded(scope, 'spendAlerts');
    if (held) this.store.facetWritten(scope, 'spendAlerts', update(held));
    else this.store.facetStale(scope, 'spendAlerts');
  }

  /** An allow or deny list of models; `null` puts the project back to the default (every model). */
  async setModels(
    projectId: string,
    value: { mode: 'allow_list' | 'deny_list'; model_ids: string[] } | null,
    what?: string,
  ): Promise<Written<FacetValues['models']>> {
    const c = await this.client();
    const scope = { projectId };
    let now: FacetValues['models'] | undefined;
    const want = value ?? { mode: 'deny_list', model_ids: [] };
    const same = (m: FacetValues['models']) => m.mode === want.mode && [...m.model_ids].sort().join('\n') === [...new Set(want.model_ids)].sort().join('\n');
    const check = () => present(async () => same((now = await c.retrieveProjectModelPermissions(scope))));
    let answer: FacetValues['models'] | undefined;
    if (value) {
      answer = await this.settle(
        what ?? l10n.t('setting the models of project {0}', projectId),
        () => c.updateProjectModelPermissions({ projectId, request: value }),
        check,
      );
    } else {
      const reset = await this.settle(what ?? l10n.t('allowing every model in project {0}', projectId), () => c.deleteProjectModelPermissions(scope), check);
      answer = reset ? { object: 'project.model_permissions', mode: 'deny_list', model_ids: [] } : undefined;
    }
    const w = written(answer, now);
    this.store.facetWritten(scope, 'models', w.value);
    return w;
  }

  async setHostedTools(projectId: string, request: HostedToolPermissionsRequest, what?: string): Promise<Written<FacetValues['hostedTools']>> {
    const c = await this.client();
    let now: FacetValues['hostedTools'] | undefined;
    const saved = await this.settle(
      what ?? l10n.t('setting the hosted tools of project {0}', projectId),
      () => c.updateProjectHostedToolPermissions({ projectId, request }),
      () =>
        present(async () => {
          const t = (now = await c.retrieveProjectHostedToolPermissions({ projectId })) as Record<string, { enabled?: boolean } | undefined>;
          return (Object.entries(request) as [string, { enabled: boolean } | undefined][]).every(([k, v]) => !v || t[k]?.enabled === v.enabled);
        }),
    );
    const w = written(saved, now);
    this.store.facetWritten({ projectId }, 'hostedTools', w.value);
    return w;
  }

  async setRetention(scope: Scope, retentionType: string, what?: string): Promise<Written<FacetValues['dataRetention']>> {
    const c = await this.client();
    let now: FacetValues['dataRetention'] | undefined;
    const saved = await this.settle(
      what ?? l10n.t('setting the data retention of {0}', where(scope)),
      () => ('projectId' in scope ? c.updateProjectDataRetention({ ...scope, retentionType }) : c.updateOrganizationDataRetention({ retentionType })),
      () => present(async () => (now = await FACETS.dataRetention.read(c, scope))?.type === retentionType),
    );
    const w = written(saved, now);
    this.store.facetWritten(scope, 'dataRetention', w.value);
    return w;
  }

  async setServiceTiers(projectId: string, request: ServiceTierRequest, what?: string): Promise<Written<FacetValues['serviceTiers']>> {
    const c = await this.client();
    let now: FacetValues['serviceTiers'] | undefined;
    const norm = (v: string | string[]) => JSON.stringify(Array.isArray(v) ? [...v].sort() : v);
    const same = (a: string | string[], b: string | string[]) => norm(a) === norm(b);
    const saved = await this.settle(
      what ?? l10n.t('setting the service tiers of project {0}', projectId),
      () => c.updateProjectServiceTierSettings({ projectId, request }),
      () =>
        present(async () => {
          const t = (now = await c.retrieveProjectServiceTierSettings({ projectId }));
          return (
            (request.default === undefined || t.default === request.default) &&
            (request.enabled_tiers === undefined || same(t.enabled_tiers, request.enabled_tiers))
          );
        }),
    );
    const w = written(saved, now);
    this.store.facetWritten({ projectId }, 'serviceTiers', w.value);
    return w;
  }

  async updateServiceAccount(
    projectId: string,
    serviceAccountId: string,
    request: ServiceAccountUpdateRequest,
    what?: string,
  ): Promise<Written<ProjectServiceAccount>> {
    const c = await this.client();
    let now: ProjectServiceAccount | undefined;
    const saved = await this.settle(
      what ?? l10n.t('changing the service account {0}', serviceAccountId),
      () => c.modifyProjectServiceAccount({ projectId, serviceAccountId, request }),
      () =>
        present(async () => {
          now = await c.retrieveProjectServiceAccount({ projectId, serviceAccountId });
          return (request.name === undefined || now.name === request.name.trim()) && (request.role === undefined || now.role === request.role);
        }),
    );
    const w = written(saved, now);
    this.store.written(projectId, 'serviceAccounts', (ss) => ss.map((s) => (s.id === serviceAccountId ? w.value : s)));
    // Its keys' rows carry its name and role.
    this.store.stale(projectId, 'apiKeys');
    return w;
  }

  /**
   * Another key for a service account. Its value comes only in the answer (shown once, kept nowhere);
   * `key` is undefined when that answer was lost (the key exists, its value cannot be had again).
   */
  async createServiceAccountKey(
    projectId: string,
    serviceAccountId: string,
    name: string,
    scopes?: string[],
  ): Promise<{ id: string; key?: ProjectServiceAccountApiKey; lost: boolean }> {
    const c = await this.client();
    const known = this.store.loaded(projectId, 'apiKeys');
    const before = known && new Set(known.map((k) => k.id));
    const since = Math.floor(serverNow() / 1000) - 5;
    let found: ProjectApiKey | undefined;
    const made = await this.settle(
      l10n.t('creating a key "{0}" for the service account {1}', name, serviceAccountId),
      () => c.createProjectServiceAccountApiKey({ projectId, serviceAccountId, request: { name, ...(scopes ? { scopes } : {}) } }),
      () =>
        present(
          async () =>
            !!(found = (await collect((after) => c.listProjectApiKeys({ projectId, limit: 100, after }))).find(
              (k) => k.owner.service_account?.id === serviceAccountId && k.name === name && (before ? !before.has(k.id) : k.created_at >= since),
            )),
        ),
    );
    // The answer has no redacted value for the row: the list is read again.
    this.store.reread(projectId, 'apiKeys');
    return { id: made?.id ?? found!.id, key: made, lost: !made };
  }

  /**
   * A key's scopes and expiry. Scopes cannot be read back (the API never shows them): a lost answer to
   * a change of scopes alone is said as unknown, not guessed.
   */
  async updateApiKey(projectId: string, keyId: string, request: ApiKeyUpdateRequest, what?: string): Promise<Written<ProjectApiKey>> {
    const c = await this.client();
    const sentAt = Math.floor(serverNow() / 1000);
    let now: ProjectApiKey | undefined;
    const saved = await this.settle(
      what ?? l10n.t('changing the API key {0}', keyId),
      () => c.modifyProjectApiKey({ projectId, keyId, request }),
      async () => {
        const secs = request.expires_in_seconds;
        if (secs === undefined) throw new Error(l10n.t('The API does not show a key’s scopes, so the change cannot be read back.'));
        now = await c.retrieveProjectApiKey({ projectId, keyId });
        return Math.abs((now.expires_at ?? 0) - (sentAt + secs)) <= 300 ? 'done' : 'not done';
      },
    );
    const w = written(saved, now);
    this.store.written(projectId, 'apiKeys', (ks) => ks.map((k) => (k.id === keyId ? w.value : k)));
    return w;
  }
}
