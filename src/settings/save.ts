// What the settings form's Save does, section by section: each section's fields become the writes that
// take the server from what it holds now to what the person asked for (an alert added, changed or
// removed; only the tools and tiers that differ), each through the one writer.
import * as vscode from 'vscode';
import { HOSTED_TOOLS, type HostedToolPermissionsRequest, type ServiceTierRequest } from '../client';
import type { Ctx } from '../kit/context';
import type { Scope } from '../store/facets';
import { type Draft, type Loaded, type Section, type Wanted } from '../webview/settingsProtocol';
import { loadedOf } from './sections';

/** A section saved in part: the fields to keep (new alerts with the ids they were given). */
export class PartlySaved extends Error {
  constructor(
    message: string,
    readonly draft: unknown,
  ) {
    super(message);
  }
}

const same = (a: string[], b: string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Writes one section that differs from `now` (the section as just read from the server; the caller
 * sends nothing for one that does not). Answers the section as it is after.
 */
export async function writeSection<S extends Section>(ctx: Ctx, scope: Scope, s: S, want: Wanted[S], now: Loaded[S], draft: Draft[S]): Promise<Loaded[S]> {
  const w = ctx.writer.policy;
  const projectId = 'projectId' in scope ? scope.projectId : undefined;
  const needProject = () => {
    if (!projectId) throw new Error(vscode.l10n.t('The organization has no such setting of its own: it is a project’s.'));
    return projectId;
  };
  switch (s) {
    case 'spendLimit': {
      const { cents } = want as Wanted['spendLimit'];
      return loadedOf('spendLimit', (await w.setSpendLimit(scope, cents)).value) as Loaded[S];
    }
    case 'spendAlerts':
      return (await writeAlerts(ctx, scope, want as Wanted['spendAlerts'], now as Loaded['spendAlerts'], draft as Draft['spendAlerts'])) as Loaded[S];
    case 'models': {
      const m = want as Wanted['models'];
      const written = await w.setModels(needProject(), m.mode === 'all' ? null : { mode: m.mode, model_ids: m.ids });
      return loadedOf('models', written.value) as Loaded[S];
    }
    case 'hostedTools': {
      const tools = (want as Wanted['hostedTools']).tools;
      const held = (now as Loaded['hostedTools']).tools;
      const request: HostedToolPermissionsRequest = {};
      for (const t of HOSTED_TOOLS) if (typeof tools[t] === 'boolean' && tools[t] !== held[t]) request[t] = { enabled: tools[t] };
      // Only tools this form cannot change differ (they are shown disabled): nothing to send.
      if (!Object.keys(request).length) return now;
      return loadedOf('hostedTools', (await w.setHostedTools(needProject(), request)).value) as Loaded[S];
    }
    case 'dataRetention': {
      const { type } = want as Wanted['dataRetention'];
      return loadedOf('dataRetention', (await w.setRetention(scope, type)).value) as Loaded[S];
    }
    case 'serviceTiers': {
      const t = want as Wanted['serviceTiers'];
      const held = now as Loaded['serviceTiers'];
      const request: ServiceTierRequest = {};
      if (t.default !== held.default) request.default = t.default;
      if (t.enabled === 'all' ? !held.all : held.all || !same(t.enabled, held.enabled)) request.enabled_tiers = t.enabled;
      return loadedOf('serviceTiers', (await w.setServiceTiers(needProject(), request)).value) as Loaded[S];
    }
  }
  throw new Error(`unknown section ${String(s)}`);
}

/**
 * Alerts: removed ones first (a threshold moved from one alert to another is not refused as a twin),
 * then changed, then new ones; one at a time, stopping at the first refusal, which says what went through.
 */
async function writeAlerts(
  ctx: Ctx,
  scope: Scope,
  want: Wanted['spendAlerts'],
  now: Loaded['spendAlerts'],
  draft: Draft['spendAlerts'],
): Promise<Loaded['spendAlerts']> {
  const w = ctx.writer.policy;
  const held = new Map(now.alerts.map((a) => [a.id, a]));
  const kept = new Set(want.alerts.flatMap((a) => (a.id ? [a.id] : [])));
  const rows = draft.alerts.map((a) => ({ ...a }));
  const request = (a: { cents: number; recipients: string[] }) => ({
    threshold_amount: a.cents,
    currency: 'USD' as const,
    interval: 'month' as const,
    notification_channel: { type: 'email' as const, recipients: a.recipients },
  });
  const steps: { what: string; run: () => Promise<void> }[] = [
    ...now.alerts
      .filter((a) => !kept.has(a.id))
      .map((a) => ({ what: vscode.l10n.t('removing the alert at ${0}', a.cents / 100), run: async () => void (await w.deleteAlert(scope, a.id)) })),
    ...want.alerts.flatMap((a, i) => {
      const old = a.id ? held.get(a.id) : undefined;
      if (a.id && !old) {
        // Removed on the server since it was read: the row is added again as a new alert.
        rows[i] = { ...rows[i]!, id: undefined };
      } else if (old) {
        if (old.cents === a.cents && same(old.recipients, a.recipients)) return [];
        return [{ what: vscode.l10n.t('changing the alert at ${0}', a.cents / 100), run: async () => void (await w.updateAlert(scope, old.id, request(a))) }];
      }
      return [
        {
          what: vscode.l10n.t('adding the alert at ${0}', a.cents / 100),
          run: async () => {
            rows[i] = { ...rows[i]!, id: (await w.createAlert(scope, request(a))).value.id };
          },
        },
      ];
    }),
  ];
  let done = 0;
  for (const step of steps) {
    try {
      await step.run();
      done++;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      if (!done) throw e;
      throw new PartlySaved(vscode.l10n.t('{0} of {1} alert changes saved; {2} failed: {3}', done, steps.length, step.what, why), { alerts: rows });
    }
  }
  const after = ctx.store.facetLoaded(scope, 'spendAlerts') ?? (await ctx.store.facet(scope, 'spendAlerts'));
  return loadedOf('spendAlerts', after);
}
