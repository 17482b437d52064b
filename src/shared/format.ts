// Short texts for tree rows and tooltips.
import * as l10n from '@vscode/l10n';
import type { ProjectApiKey, ProjectRateLimit, RateLimitField } from '../client';
import { compactNumber, date, decimal } from './locale';

/**
 * Unix seconds as the API sends them, made safe: a time in milliseconds, microseconds or nanoseconds
 * (a proxy, a future field) is the same instant; a negative, NaN or infinite one is no time at all.
 */
export function seconds(t: unknown): number | undefined {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) return undefined;
  let s = t;
  while (s > 1e11) s /= 1000; // past the year 5000 in seconds: a finer unit
  return s;
}

export const day = (unixSeconds: number | null | undefined): string => {
  if (unixSeconds === null || unixSeconds === undefined) return l10n.t('never');
  const s = seconds(unixSeconds);
  return s === undefined ? l10n.t('unknown date') : date(s);
};

/** 30000 → "30K", 1500000 → "1.5M" (in the display language); what is not a finite number says so. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '?' : n > 0 ? '∞' : '-∞';
  return compactNumber(n);
}

export const RATE_LIMIT_LABELS: Record<RateLimitField, { short: string; long: string }> = {
  max_requests_per_1_minute: { short: 'RPM', long: l10n.t('Requests per minute') },
  max_tokens_per_1_minute: { short: 'TPM', long: l10n.t('Tokens per minute') },
  max_images_per_1_minute: { short: 'IPM', long: l10n.t('Images per minute') },
  max_audio_megabytes_per_1_minute: { short: 'MB/min', long: l10n.t('Audio megabytes per minute') },
  max_requests_per_1_day: { short: 'RPD', long: l10n.t('Requests per day') },
  batch_1_day_max_input_tokens: { short: l10n.t('batch TPD'), long: l10n.t('Batch input tokens per day') },
};

/** The fields a model has, in the API's order. */
export function rateLimitFields(r: ProjectRateLimit): RateLimitField[] {
  return (Object.keys(RATE_LIMIT_LABELS) as RateLimitField[]).filter((f) => typeof r[f] === 'number');
}

export const rateLimitSummary = (r: ProjectRateLimit): string =>
  rateLimitFields(r)
    .map((f) => `${compact(r[f] as number)} ${RATE_LIMIT_LABELS[f].short}`)
    .join(' · ');

export const rateLimitTooltip = (r: ProjectRateLimit): string =>
  [
    r.model,
    ...rateLimitFields(r).map((f) => `${RATE_LIMIT_LABELS[f].long}: ${Number.isFinite(r[f]) ? decimal(r[f] as number) : compact(r[f] as number)}`),
  ].join('\n');

/** Who owns a key, in a few words: a person's name, or a service account's. */
export function keyOwner(k: ProjectApiKey): string {
  const o = k.owner;
  if (o.user) return o.user.name || o.user.email || o.user.id;
  if (o.service_account) return l10n.t('{0} (service account)', o.service_account.name || o.service_account.id);
  return o.type ?? l10n.t('unknown owner');
}
