// The settings form's field rules, shared by the page (validation as you type) and the extension
// (checked again before anything is sent): money typed in dollars, alert recipients, model ids.
import * as l10n from '@vscode/l10n';
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

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

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
