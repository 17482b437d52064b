// The facets of a project's (or the organization's) policy, one entry each: how it is read, and what a
// read that finds nothing set means. A facet is one object (or one short list), not a folder of rows:
// it is read only when a form, a row or a question needs it (each is a request under the admin API's
// low rate limit), and cached like the folders.
import * as l10n from '@vscode/l10n';
import {
  collect,
  ProjectsApiError,
  type DataRetention,
  type HostedToolPermissions,
  type ModelPermissions,
  type ProjectsClient,
  type ServiceTierSettings,
  type SpendAlert,
  type SpendLimit,
} from '../client';

/** What each facet holds once read. `null`: nothing set (no limit; no retention arrangement). */
export interface FacetValues {
  spendLimit: SpendLimit | null;
  spendAlerts: SpendAlert[];
  models: ModelPermissions;
  hostedTools: HostedToolPermissions;
  dataRetention: DataRetention | null;
  serviceTiers: ServiceTierSettings;
}
export type Facet = keyof FacetValues;

/** Where a facet lives: a project, or the organization itself. */
export type Scope = { projectId: string } | { org: true };
export const ORG_SCOPE: Scope = { org: true };
export const scopeKey = (s: Scope) => ('projectId' in s ? s.projectId : '(organization)');

interface FacetSpec<F extends Facet> {
  /** The facet in a sentence ("the hard spend limit"). */
  label(): string;
  /** Which scopes have it (the organization has no model, tool or tier settings of its own). */
  org: boolean;
  read(c: ProjectsClient, s: Scope): Promise<FacetValues[F]>;
}

/**
 * A limit or arrangement never set: the emulator answers 404 (OpenAI's spec says nothing; see
 * CONTRIBUTING), another server may answer 200 without an amount. Both read as `null`.
 */
async function orNone<T>(read: () => Promise<T>, isNone: (v: T) => boolean = () => false): Promise<T | null> {
  try {
    const v = await read();
    return isNone(v) ? null : v;
  } catch (e) {
    if (e instanceof ProjectsApiError && e.status === 404) return null;
    throw e;
  }
}

const project = (s: Scope) => {
  if (!('projectId' in s)) throw new Error(l10n.t('The organization has no such setting of its own: it is a project’s.'));
  return { projectId: s.projectId };
};

export const FACETS: { readonly [F in Facet]: FacetSpec<F> } = {
  spendLimit: {
    label: () => l10n.t('the hard spend limit'),
    org: true,
    read: (c, s) =>
      orNone(
        () => ('projectId' in s ? c.retrieveProjectSpendLimit(project(s)) : c.retrieveOrganizationSpendLimit()),
        (v) => typeof v.threshold_amount !== 'number' || v.threshold_amount <= 0,
      ),
  },
  spendAlerts: {
    label: () => l10n.t('the spend alerts'),
    org: true,
    read: (c, s) =>
      collect((after) =>
        'projectId' in s ? c.listProjectSpendAlerts({ ...project(s), limit: 100, after }) : c.listOrganizationSpendAlerts({ limit: 100, after }),
      ),
  },
  models: { label: () => l10n.t('the model permissions'), org: false, read: (c, s) => c.retrieveProjectModelPermissions(project(s)) },
  hostedTools: { label: () => l10n.t('the hosted-tool permissions'), org: false, read: (c, s) => c.retrieveProjectHostedToolPermissions(project(s)) },
  dataRetention: {
    label: () => l10n.t('the data retention'),
    org: true,
    read: (c, s) => ('projectId' in s ? c.retrieveProjectDataRetention(project(s)) : orNone(() => c.retrieveOrganizationDataRetention())),
  },
  serviceTiers: { label: () => l10n.t('the service tiers'), org: false, read: (c, s) => c.retrieveProjectServiceTierSettings(project(s)) },
};

export const ALL_FACETS = Object.keys(FACETS) as Facet[];
/** The facets a scope has, in the form's order. */
export const facetsOf = (s: Scope): Facet[] => ALL_FACETS.filter((f) => 'projectId' in s || FACETS[f].org);
