// A project's policy in its file: the settings form's six sections in plain JSON, dollars rather than
// cents, alerts by their threshold (a threshold is unique per project), models as "all" or an allow
// or deny list. A section the file leaves out it has no opinion on; a tool it leaves out likewise.
import * as l10n from '@vscode/l10n';
import { HOSTED_TOOLS } from '../client/fields';
import { EMAIL, MAX_CENTS, SECTIONS, wantedOf, type Loaded, type Section, type Wanted } from '../webview/settingsProtocol';

export { wantedOf, wantedText } from '../webview/settingsProtocol';

export type FilePolicy = { [S in Section]?: Wanted[S] };
export const POLICY_KEYS: readonly string[] = SECTIONS;

const WORD = /^[a-z][a-z0-9_.-]{0,63}$/;
const MODEL = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown, ok: RegExp): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && ok.test(x));

/** Dollars as a file writes them (100, 1250.5) → cents, or undefined if not such an amount. */
function cents(v: unknown): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const c = Math.round(v * 100);
  return Math.abs(c - v * 100) < 1e-6 && c >= 1 && c <= MAX_CENTS ? c : undefined;
}

/** The policy sections of a file's fields (plain values), or each problem said with its place. */
export function parsePolicy(fields: Map<string, unknown>, problem: (p: string) => void): FilePolicy {
  const out: FilePolicy = {};
  const amount = l10n.t('an amount in US dollars, at least 0.01 and at most 10000000, with at most two decimals');
  if (fields.has('spendLimit')) {
    const v = fields.get('spendLimit');
    const c = cents(v);
    if (v === null) out.spendLimit = { cents: null };
    else if (c === undefined) problem(l10n.t('spendLimit: {0}, or null for none', amount));
    else out.spendLimit = { cents: c };
  }
  if (fields.has('spendAlerts')) {
    const v = fields.get('spendAlerts');
    if (!Array.isArray(v)) problem(l10n.t('spendAlerts: a list of alerts, each {0}', '{ "amount": 50, "recipients": ["…"] }'));
    else {
      const seen = new Set<number>();
      const alerts: Wanted['spendAlerts']['alerts'] = [];
      v.forEach((a: unknown, i) => {
        const where = l10n.t('spendAlerts › {0}', i + 1);
        const c = isObject(a) ? cents(a.amount) : undefined;
        if (!isObject(a) || Object.keys(a).some((k) => k !== 'amount' && k !== 'recipients'))
          return problem(l10n.t('{0}: an object with "amount" and "recipients" only', where));
        if (c === undefined) return problem(l10n.t('{0} › amount: {1}', where, amount));
        if (seen.has(c)) return problem(l10n.t('{0} › amount: another alert has the same amount', where));
        if (!strings(a.recipients, EMAIL) || !a.recipients.length) return problem(l10n.t('{0} › recipients: a list of email addresses, at least one', where));
        seen.add(c);
        alerts.push({ cents: c, recipients: [...new Set(a.recipients)] });
      });
      out.spendAlerts = { alerts: alerts.sort((a, b) => a.cents - b.cents) };
    }
  }
  if (fields.has('models')) {
    const v = fields.get('models');
    const ids = isObject(v) && Object.keys(v).length === 1 ? (v.allow ?? v.deny) : undefined;
    if (v === 'all') out.models = { mode: 'all' };
    else if (!isObject(v) || !strings(ids, MODEL) || (v.allow !== undefined && !ids.length))
      problem(l10n.t('models: "all", or {0} (at least one), or {1}', '{ "allow": ["gpt-5", …] }', '{ "deny": [ … ] }'));
    else out.models = ids.length || v.allow ? { mode: v.allow ? 'allow_list' : 'deny_list', ids: [...new Set(ids)] } : { mode: 'all' };
  }
  if (fields.has('hostedTools')) {
    const v = fields.get('hostedTools');
    const bad = isObject(v) ? Object.entries(v).find(([k, on]) => !(HOSTED_TOOLS as readonly string[]).includes(k) || typeof on !== 'boolean') : undefined;
    if (!isObject(v) || bad) problem(l10n.t('hostedTools{0}: each of {1} as true or false', bad ? ` › ${bad[0]}` : '', HOSTED_TOOLS.join(', ')));
    else out.hostedTools = { tools: { ...(v as Record<string, boolean>) } };
  }
  if (fields.has('dataRetention')) {
    const v = fields.get('dataRetention');
    if (typeof v !== 'string' || !WORD.test(v)) problem(l10n.t('dataRetention: an arrangement such as "organization_default" or "zero_data_retention"'));
    else out.dataRetention = { type: v };
  }
  if (fields.has('serviceTiers')) {
    const v = fields.get('serviceTiers');
    const ok =
      isObject(v) &&
      typeof v.default === 'string' &&
      WORD.test(v.default) &&
      (v.enabled === 'all' || strings(v.enabled, WORD)) &&
      Object.keys(v).every((k) => k === 'default' || k === 'enabled');
    if (!ok) problem(l10n.t('serviceTiers: {0}', '{ "default": "standard", "enabled": "all" or ["flex", …] }'));
    else out.serviceTiers = { default: v.default as string, enabled: v.enabled === 'all' ? 'all' : [...new Set(v.enabled as string[])] };
  }
  return out;
}

/** The sections as a file writes them, in the form's order. */
export function policyJson(p: FilePolicy): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (p.spendLimit) o.spendLimit = p.spendLimit.cents === null ? null : p.spendLimit.cents / 100;
  if (p.spendAlerts) o.spendAlerts = p.spendAlerts.alerts.map((a) => ({ amount: a.cents / 100, recipients: a.recipients }));
  if (p.models) o.models = p.models.mode === 'all' ? 'all' : { [p.models.mode === 'allow_list' ? 'allow' : 'deny']: p.models.ids };
  if (p.hostedTools) o.hostedTools = p.hostedTools.tools;
  if (p.dataRetention) o.dataRetention = p.dataRetention.type;
  if (p.serviceTiers) o.serviceTiers = { default: p.serviceTiers.default, enabled: p.serviceTiers.enabled };
  return o;
}

const sortedJson = (v: unknown) => JSON.stringify(v, (_, x: unknown) => (Array.isArray(x) && x.every((y) => typeof y === 'string') ? [...x].sort() : x));

/** The file's section asks for what the server holds (a tool the file leaves out is not asked about). */
export function holds<S extends Section>(s: S, want: Wanted[S], now: Loaded[S]): boolean {
  if (s === 'hostedTools') {
    const held = (now as Loaded['hostedTools']).tools;
    return Object.entries((want as Wanted['hostedTools']).tools).every(([k, on]) => held[k] === on);
  }
  if (s === 'dataRetention') return (now as Loaded['dataRetention']).type === (want as Wanted['dataRetention']).type;
  const live = wantedOf(s, now);
  return live !== undefined && sortedJson(live) === sortedJson(want);
}
