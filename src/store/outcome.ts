// A write whose answer never came (a timeout, a dropped connection) or came as a server error is not
// known to have failed: it may have happened. It is never sent again (a second create makes a
// duplicate); what happened is read back from the API and said plainly: done, not done, or unknown.
import * as l10n from '@vscode/l10n';
import { errorText, ProjectsApiError, serverNow, type ProjectRateLimit, type RateLimitField } from '../client';

export type Outcome = 'done' | 'not done';

/** Where a write says what happened to an answer that was lost (the redacting log). */
export interface WriteLog {
  warn(message: string): void;
  error(message: string): void;
}

/** The write was sent and may have been carried out: no answer, an unreadable one, or a 5xx. */
export function outcomeUnknown(e: unknown): e is ProjectsApiError {
  return (
    e instanceof ProjectsApiError &&
    (e.kind === 'timeout' || e.kind === 'network' || e.kind === 'invalid_response' || (e.kind === 'http' && (e.status ?? 0) >= 500))
  );
}

/**
 * Runs `write`. If its outcome is unknown, `check` reads back whether it happened: done resolves with no
 * answer (`undefined`, so the caller reloads rather than patches), not done and unreadable throw with
 * what to do. Any other error is thrown as it came.
 */
export async function settleWrite<T>(ctx: { log: WriteLog }, what: string, write: () => Promise<T>, check: () => Promise<Outcome>): Promise<T | undefined> {
  try {
    return await write();
  } catch (e) {
    if (!outcomeUnknown(e)) throw e;
    let outcome: Outcome;
    try {
      outcome = await check();
    } catch (c) {
      ctx.log.error(`${what}: the answer was lost (${errorText(e)}), and reading it back failed (${errorText(c)}).`);
      throw new Error(l10n.t('Could not tell whether {0} happened: {1} Reading it back failed too. Check it before trying again.', what, errorText(e)), {
        cause: c,
      });
    }
    ctx.log.warn(`${what}: the answer was lost (${errorText(e)}); read back from the API: ${outcome}.`);
    if (outcome === 'not done') throw new Error(l10n.t('{0} was not done: {1} Nothing changed; you can try again.', upper(what), errorText(e)), { cause: e });
    return undefined;
  }
}

/** A read-back that finds the object gone: done for a delete (404), not done if it is still there. */
export async function gone(read: () => Promise<unknown>): Promise<Outcome> {
  try {
    await read();
    return 'not done';
  } catch (e) {
    if (e instanceof ProjectsApiError && e.status === 404) return 'done';
    throw e;
  }
}

/** A read-back that finds the object there (done) or not (404: not done). */
export async function present(read: () => Promise<boolean>): Promise<Outcome> {
  try {
    return (await read()) ? 'done' : 'not done';
  } catch (e) {
    if (e instanceof ProjectsApiError && e.status === 404) return 'not done';
    throw e;
  }
}

/**
 * The read-back of a create, made just before it is sent: the object of that name that `list` shows
 * now and that was not there before. "Before" is the list as the cache held it when there is one (no
 * clock involved); else the API's own clock (from its Date headers, not this machine's, which may be
 * a minute off) says what was created since. `found` holds it once `check` finds it.
 */
export function createdByName<T extends { id: string; name?: string | null; created_at: number }>(
  name: string,
  list: () => Promise<T[]>,
  before?: readonly T[],
) {
  const known = before && new Set(before.map((x) => x.id));
  const since = Math.floor(serverNow() / 1000) - 5;
  const r: { found?: T; check(): Promise<Outcome> } = {
    check: () => present(async () => !!(r.found = (await list()).find((x) => x.name === name && (known ? !known.has(x.id) : x.created_at >= since)))),
  };
  return r;
}

/** The read-back of a rate-limit update: done if the model's row, as `list` shows it now (`now`), holds every value sent. */
export function limitsSaved(rateLimitId: string, sent: Partial<Record<RateLimitField, number>>, list: () => Promise<ProjectRateLimit[]>) {
  const r: { now?: ProjectRateLimit; check(): Promise<Outcome> } = {
    check: async () => {
      const now = (r.now = (await list()).find((x) => x.id === rateLimitId));
      return now && Object.entries(sent).every(([f, v]) => now[f as RateLimitField] === v) ? 'done' : 'not done';
    },
  };
  return r;
}

/** Said after a change whose answer was lost and that reading back showed done. */
export const LOST = l10n.t(' (Its answer was lost on the way; reading it back showed it done.)');

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A write's result: what the API answered (or, its answer lost, what reading back found) and whether it was lost. */
export interface Written<T> {
  value: T;
  lost: boolean;
}
