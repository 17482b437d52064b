// Short texts for tree rows and tooltips.
import * as l10n from '@vscode/l10n';
import type { ProjectApiKey, ProjectRateLimit, RateLimitField } from '../client';

export const day = (unixSeconds: number | null | undefined): string =>
  typeof unixSeconds === 'number' ? new Date(unixSeconds * 1000).toISOString().slice(0, 10) : l10n.t('never');

/** 30000 → "30K", 1500000 → "1.5M". */
export function compact(n: number): string {
  for (const [size, unit] of [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ] as const) {
    if (Math.abs(n) >= size) return `${Number((n / size).toFixed(1))}${unit}`;
  }
  return String(n);
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
  [r.model, ...rateLimitFields(r).map((f) => `${RATE_LIMIT_LABELS[f].long}: ${(r[f] as number).toLocaleString('en-US')}`)].join('\n');

/** Who owns a key, in a few words: a person's name, or a service account's. */
export function keyOwner(k: ProjectApiKey): string {
  const o = k.owner;
  if (o.user) return o.user.name || o.user.email || o.user.id;
  if (o.service_account) return l10n.t('{0} (service account)', o.service_account.name || o.service_account.id);
  return o.type ?? l10n.t('unknown owner');
}
