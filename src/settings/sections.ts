// A policy facet as the settings form shows it (and back): the API's answer in the form's plain terms,
// and a section in a sentence for a conflict notice.
import type { FacetValues } from '../store/facets';
import { TOOLS, wantedOf, wantedText, type Loaded, type Section } from '../webview/settingsProtocol';

export { sectionLabel } from '../webview/settingsProtocol';

export function loadedOf<S extends Section>(s: S, v: FacetValues[S]): Loaded[S] {
  const any = v;
  const to: { [K in Section]: (x: FacetValues[K]) => Loaded[K] } = {
    spendLimit: (x) => ({
      cents: typeof x?.threshold_amount === 'number' ? x.threshold_amount : null,
      ...(x?.enforcement?.status ? { enforcement: x.enforcement.status } : {}),
    }),
    spendAlerts: (xs) => ({
      alerts: [...xs]
        .sort((a, b) => a.threshold_amount - b.threshold_amount)
        .map((a) => ({ id: a.id, cents: a.threshold_amount, recipients: [...a.notification_channel.recipients] })),
    }),
    models: (x) => ({ mode: x.mode, ids: [...x.model_ids] }),
    hostedTools: (x) => {
      // The tools the API names today, each shown (off when the answer leaves it out), then any others it holds.
      const tools: Record<string, boolean> = Object.fromEntries(TOOLS.map((t) => [t, false]));
      for (const [k, val] of Object.entries(x)) {
        if (val && typeof val === 'object' && typeof (val as { enabled?: unknown }).enabled === 'boolean') tools[k] = (val as { enabled: boolean }).enabled;
      }
      return { tools };
    },
    dataRetention: (x) => ({ type: x?.type ?? null }),
    serviceTiers: (x) => ({
      default: x.default,
      all: x.enabled_tiers === 'all',
      // A single string other than "all" (a shape newer than this form) is shown as the one tier it names.
      enabled: Array.isArray(x.enabled_tiers) ? [...x.enabled_tiers] : x.enabled_tiers === 'all' ? [] : [x.enabled_tiers],
    }),
  };
  return (to[s] as (x: FacetValues[Section]) => Loaded[S])(any);
}

/** A section in a few words ("$100 a month", "only gpt-5, o3"), for a conflict notice: the plan's words; a model mode newer than this extension as the API names it. */
export function summary<S extends Section>(s: S, v: Loaded[S]): string {
  const want = wantedOf(s, v);
  if (want === undefined && s === 'models') return `${(v as Loaded['models']).mode}: ${(v as Loaded['models']).ids.join(', ')}`;
  return wantedText(s, want);
}
