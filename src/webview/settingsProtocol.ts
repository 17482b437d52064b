// The settings form's field rules, shared by the page (validation as you type) and the extension
// (checked again before anything is sent): money typed in dollars, alert recipients, model ids.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { HOSTED_TOOLS } from '../client/fields';
import { groupSeparator } from '../shared/locale';

/** The largest hard limit or alert the form takes: $10,000,000 a month (in cents). */
export const MAX_CENTS = 1_000_000_000;

/**
 * A dollar amount as typed ("100", "1,250.50", "$42") → whole cents; empty means none (no limit).
 * The display language's digit groups are taken; the decimal point is always ".", as the API's docs.
 */
export function parseDollars(text: string, required = false): { cents: number | null } | { error: string } {
  const sep = groupSeparator();
  const bare = text
    .trim()
    .replace(/^\$/, '')
    .replace(/[\s_']/g, '');
  // A language that groups with "." (German) keeps it as the decimal point here.
  const t = sep === '.' ? bare : bare.split(sep).join('');
  if (!t) return required ? { error: l10n.t('Required.') } : { cents: null };
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return { error: l10n.t('An amount in US dollars, such as 100 or 1250.50.') };
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (cents < 1) return { error: l10n.t('At least $0.01.') };
  if (cents > MAX_CENTS) return { error: l10n.t('At most $10,000,000.') };
  return { cents };
}

export const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** Recipients typed as a list (commas, semicolons, spaces or lines) → unique addresses, at least one. */
export function parseRecipients(text: string): { emails: string[] } | { error: string } {
  const emails = [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
  if (!emails.length) return { error: l10n.t('At least one address.') };
  const bad = emails.find((e) => !EMAIL.test(e));
  if (bad) return { error: l10n.t('"{0}" is not an email address.', bad) };
  return { emails };
}

/** Model ids typed one per line or separated by commas → unique ids, in the order typed. */
export function parseModelIds(text: string): { ids: string[] } | { error: string } {
  const ids = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  const bad = ids.find((i) => !/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(i));
  if (bad) return { error: l10n.t('"{0}" is not a model id (letters, digits, and . _ : / -).', bad) };
  return { ids };
}

// ——— The form's sections and messages ———

/** The facets a form can show, in its order (the organization has the first, second and fifth). */
export const SECTIONS = ['spendLimit', 'spendAlerts', 'models', 'hostedTools', 'dataRetention', 'serviceTiers'] as const;
export type Section = (typeof SECTIONS)[number];
/** A section's heading in the form, also its name in the extension's messages. */
export const sectionLabel = (s: Section): string =>
  ({
    spendLimit: l10n.t('Hard spend limit'),
    spendAlerts: l10n.t('Spend alerts'),
    models: l10n.t('Models'),
    hostedTools: l10n.t('Hosted tools'),
    dataRetention: l10n.t('Data retention'),
    serviceTiers: l10n.t('Service tiers'),
  })[s];

/** What the choices are today; a value the API answers that is not here is shown as it is and kept. */
export const PROJECT_RETENTION = [
  'organization_default',
  'none',
  'zero_data_retention',
  'modified_abuse_monitoring',
  'enhanced_zero_data_retention',
  'enhanced_modified_abuse_monitoring',
];
export const ORG_RETENTION = PROJECT_RETENTION.slice(2);
export const DEFAULT_TIERS = ['standard', 'fast', 'scale'];
export const OPTIONAL_TIERS = ['flex', 'fast', 'ultrafast'];
export const TOOLS: readonly string[] = HOSTED_TOOLS;

const num = z.number();
const str = z.string();
/** Each section as loaded, in plain terms (the extension turns API answers into these). */
export const Loaded = {
  spendLimit: z.object({ cents: z.nullable(num), enforcement: z.optional(str) }),
  spendAlerts: z.object({ alerts: z.array(z.object({ id: str, cents: num, recipients: z.array(str) })) }),
  models: z.object({ mode: str, ids: z.array(str) }),
  hostedTools: z.object({ tools: z.record(str, z.boolean()) }),
  dataRetention: z.object({ type: z.nullable(str) }),
  serviceTiers: z.object({ default: str, all: z.boolean(), enabled: z.array(str) }),
};
export type Loaded = { [S in Section]: z.infer<(typeof Loaded)[S]> };

/** Each section as the person edits it: the fields' texts and choices. */
export const Draft = {
  spendLimit: z.object({ amount: str }),
  spendAlerts: z.object({ alerts: z.array(z.object({ id: z.optional(str), amount: str, recipients: str })) }),
  /** `all` (every model), `allow_list`, `deny_list`, or a mode this form does not know (kept). */
  models: z.object({ mode: str, ids: str }),
  hostedTools: z.object({ tools: z.record(str, z.boolean()) }),
  dataRetention: z.object({ type: str }),
  serviceTiers: z.object({ default: str, all: z.boolean(), enabled: z.array(str) }),
};
export type Draft = { [S in Section]: z.infer<(typeof Draft)[S]> };
export const Drafts = z.partialRecord(z.enum(SECTIONS), z.unknown());
export type Drafts = { [S in Section]?: Draft[S] };

const dollars = (cents: number) => (cents / 100).toFixed(cents % 100 ? 2 : 0);

/** The fields as a section loaded fills them. */
export function draftOf<S extends Section>(s: S, v: Loaded[S]): Draft[S] {
  const any = v;
  const out: { [K in Section]: (x: Loaded[K]) => Draft[K] } = {
    spendLimit: (x) => ({ amount: x.cents === null ? '' : dollars(x.cents) }),
    spendAlerts: (x) => ({ alerts: x.alerts.map((a) => ({ id: a.id, amount: dollars(a.cents), recipients: a.recipients.join(', ') })) }),
    models: (x) => ({ mode: x.mode === 'deny_list' && !x.ids.length ? 'all' : x.mode, ids: x.ids.join('\n') }),
    hostedTools: (x) => ({ tools: { ...x.tools } }),
    dataRetention: (x) => ({ type: x.type ?? '' }),
    serviceTiers: (x) => ({ default: x.default, all: x.all, enabled: [...x.enabled] }),
  };
  return (out[s] as (x: Loaded[Section]) => Draft[S])(any);
}

/** What a section's fields ask for, checked: the values to write, or each field's problem by its key. */
export type Wanted = {
  spendLimit: { cents: number | null };
  spendAlerts: { alerts: { id?: string; cents: number; recipients: string[] }[] };
  models: { mode: 'all' } | { mode: 'allow_list' | 'deny_list'; ids: string[] };
  hostedTools: { tools: Record<string, boolean> };
  dataRetention: { type: string };
  serviceTiers: { default: string; enabled: 'all' | string[] };
};
export type Checked<S extends Section> = { ok: Wanted[S] } | { errors: Record<string, string> };

export function checkDraft<S extends Section>(s: S, d: Draft[S]): Checked<S> {
  const errors: Record<string, string> = {};
  const fail = () => ({ errors }) as Checked<S>;
  const ok = (w: Wanted[Section]) => (Object.keys(errors).length ? fail() : ({ ok: w } as Checked<S>));
  switch (s) {
    case 'spendLimit': {
      const p = parseDollars((d as Draft['spendLimit']).amount);
      if ('error' in p) errors.amount = p.error;
      return ok({ cents: 'cents' in p ? p.cents : null });
    }
    case 'spendAlerts': {
      const alerts = (d as Draft['spendAlerts']).alerts.map((a, i) => {
        const amount = parseDollars(a.amount, true);
        const to = parseRecipients(a.recipients);
        if ('error' in amount) errors[`alert.${i}.amount`] = amount.error;
        if ('error' in to) errors[`alert.${i}.recipients`] = to.error;
        return { ...(a.id ? { id: a.id } : {}), cents: 'cents' in amount ? (amount.cents ?? 0) : 0, recipients: 'emails' in to ? to.emails : [] };
      });
      return ok({ alerts });
    }
    case 'models': {
      const m = d as Draft['models'];
      if (m.mode === 'all') return ok({ mode: 'all' });
      const p = parseModelIds(m.ids);
      if ('error' in p) errors.ids = p.error;
      else if (m.mode === 'allow_list' && !p.ids.length) errors.ids = l10n.t('An allow list needs at least one model (or choose Every model).');
      if (m.mode !== 'allow_list' && m.mode !== 'deny_list')
        errors.mode = l10n.t('"{0}" is a mode this form does not know: choose one of the others to change it.', m.mode);
      return ok({ mode: m.mode as 'allow_list', ids: 'ids' in p ? p.ids : [] });
    }
    case 'hostedTools':
      return ok({ tools: (d as Draft['hostedTools']).tools });
    case 'dataRetention': {
      const t = (d as Draft['dataRetention']).type;
      if (!t) errors.type = l10n.t('Choose an arrangement.');
      return ok({ type: t });
    }
    case 'serviceTiers': {
      const t = d as Draft['serviceTiers'];
      return ok({ default: t.default, enabled: t.all ? 'all' : t.enabled });
    }
  }
  return fail();
}

/** Two drafts ask for the same thing (the order of recipients, model ids and tiers aside). */
export function sameDraft<S extends Section>(s: S, a: Draft[S], b: Draft[S]): boolean {
  const ca = checkDraft(s, a);
  const cb = checkDraft(s, b);
  if (!('ok' in ca) || !('ok' in cb)) return JSON.stringify(a) === JSON.stringify(b);
  return canonical(ca.ok) === canonical(cb.ok);
}
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) =>
    Array.isArray(x) && x.every((y) => typeof y === 'string')
      ? [...x].sort()
      : x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => p.localeCompare(q)))
        : x,
  );

const Result = z.union([
  z.object({ section: z.enum(SECTIONS), ok: z.literal(true), loaded: z.unknown() }),
  /** Not saved, or saved in part: `loaded` is the server's state when known, `draft` the fields to keep. */
  z.object({ section: z.enum(SECTIONS), ok: z.literal(false), error: str, loaded: z.optional(z.unknown()), draft: z.optional(z.unknown()) }),
]);

export const ToWebview = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    title: str,
    scope: z.enum(['project', 'organization']),
    sections: z.array(z.enum(SECTIONS)),
    /** Edits kept from a panel that was closed unsaved. */
    edits: z.optional(Drafts),
  }),
  /** One section as read (checked against its own schema where it is used). */
  z.object({ type: z.literal('section'), section: z.enum(SECTIONS), loaded: z.unknown() }),
  z.object({ type: z.literal('sectionFailed'), section: z.enum(SECTIONS), message: str }),
  z.object({ type: z.literal('saved'), results: z.array(Result) }),
  /** Changed on the server since the form loaded: nothing was written. */
  z.object({ type: z.literal('conflict'), conflicts: z.array(z.object({ section: z.enum(SECTIONS), text: str })) }),
  z.object({ type: z.literal('failed'), message: str }),
]);
export type ToWebview = z.infer<typeof ToWebview>;

export const FromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Read again: one section (its Retry) or all of them. */
  z.object({ type: z.literal('reload'), section: z.optional(z.enum(SECTIONS)) }),
  z.object({ type: z.literal('edits'), edits: Drafts }),
  z.object({ type: z.literal('save'), drafts: Drafts, overwrite: z.boolean() }),
]);
export type FromWebview = z.infer<typeof FromWebview>;

/** A section's loaded value or draft from the other side, checked; undefined when it is not one. */
export const loadedAs = <S extends Section>(s: S, v: unknown): Loaded[S] | undefined => {
  const r = Loaded[s].safeParse(v);
  return r.success ? (r.data as Loaded[S]) : undefined;
};
export const draftAs = <S extends Section>(s: S, v: unknown): Draft[S] | undefined => {
  const r = Draft[s].safeParse(v);
  return r.success ? (r.data as Draft[S]) : undefined;
};

/**
 * A section as read, in a file's terms; undefined where a file cannot say it (no retention
 * arrangement set; a model mode or tool newer than this extension is left out, not guessed).
 */
export function wantedOf<S extends Section>(s: S, l: Loaded[S]): Wanted[S] | undefined {
  const any = l;
  switch (s) {
    case 'spendLimit':
      return { cents: (any as Loaded['spendLimit']).cents } as Wanted[S];
    case 'spendAlerts':
      return { alerts: (any as Loaded['spendAlerts']).alerts.map((a) => ({ cents: a.cents, recipients: [...a.recipients] })) } as Wanted[S];
    case 'models': {
      const m = any as Loaded['models'];
      if (m.mode === 'deny_list' && !m.ids.length) return { mode: 'all' } as Wanted[S];
      return m.mode === 'allow_list' || m.mode === 'deny_list' ? ({ mode: m.mode, ids: [...m.ids] } as Wanted[S]) : undefined;
    }
    case 'hostedTools': {
      const t = (any as Loaded['hostedTools']).tools;
      return { tools: Object.fromEntries(TOOLS.filter((k) => typeof t[k] === 'boolean').map((k) => [k, t[k]!])) } as Wanted[S];
    }
    case 'dataRetention': {
      const type = (any as Loaded['dataRetention']).type;
      return type ? ({ type } as Wanted[S]) : undefined;
    }
    case 'serviceTiers': {
      const t = any as Loaded['serviceTiers'];
      return { default: t.default, enabled: t.all ? 'all' : [...t.enabled] } as Wanted[S];
    }
  }
  return undefined;
}

export const usd = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: cents % 100 ? 2 : 0, maximumFractionDigits: 2 })}`;

/** A section in a few words, for a plan's columns ("$100 a month", "allow list: gpt-5, o3"); undefined: not set. */
export function wantedText<S extends Section>(s: S, w: Wanted[S] | undefined): string {
  if (!w) return l10n.t('not set');
  const any = w;
  switch (s) {
    case 'spendLimit': {
      const c = (any as Wanted['spendLimit']).cents;
      return c === null ? l10n.t('no limit') : l10n.t('{0} a month', usd(c));
    }
    case 'spendAlerts': {
      const a = (any as Wanted['spendAlerts']).alerts;
      return a.length ? a.map((x) => `${usd(x.cents)} → ${x.recipients.join(', ')}`).join('; ') : l10n.t('none');
    }
    case 'models': {
      const m = any as Wanted['models'];
      return m.mode === 'all' ? l10n.t('every model') : `${m.mode === 'allow_list' ? l10n.t('only') : l10n.t('all but')} ${m.ids.join(', ')}`;
    }
    case 'hostedTools':
      return Object.entries((any as Wanted['hostedTools']).tools)
        .map(([k, on]) => `${k} ${on ? l10n.t('on') : l10n.t('off')}`)
        .join(', ');
    case 'dataRetention':
      return (any as Wanted['dataRetention']).type;
    case 'serviceTiers': {
      const t = any as Wanted['serviceTiers'];
      return l10n.t('default {0}; also {1}', t.default, t.enabled === 'all' ? 'all' : t.enabled.join(', ') || l10n.t('none'));
    }
  }
  return '';
}
