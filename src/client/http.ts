// The one place that sends HTTP. Reads (GET) are retried with backoff that honours Retry-After;
// writes are sent exactly once, because a retried create makes duplicates.
import * as l10n from '@vscode/l10n';
import { createFetch, type $Fetch } from 'ofetch';
import type * as z from 'zod/mini';
import { describeStatus, ProjectsApiError } from './errors';
import { PacerHold, type Pacer } from './pacer';
import { check, ErrorBody } from './schemas';
import { rememberSecret } from './redact';

export type Method = 'GET' | 'POST' | 'DELETE';
export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface RequestInfo {
  method: Method;
  path: string;
  status?: number;
  durationMs: number;
  requestId?: string;
  attempt: number;
  error?: string;
}

export interface HttpOptions {
  baseUrl: string;
  apiKey: string;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Extra attempts for reads. Default 2. */
  maxRetries?: number;
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
  /** First backoff step; doubles each retry. Default 500 ms (2 s for a 429 without Retry-After). */
  retryBaseDelayMs?: number;
  /** Backoff cap. Default 20 s. */
  retryMaxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error reports it instead. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Shared by every client of one key: learns the API's rate limit from a 429 and paces requests to it. */
  pacer?: Pacer;
  /** Called once per attempt: for a log line. */
  onRequest?: (info: RequestInfo) => void;
  /** The organization the key belongs to, as each answer names it (its `openai-organization` header). */
  onOrganization?: (org: string) => void;
  /** An answer larger than this is not read to the end (a runaway proxy): an error. Default 32 MB. */
  maxResponseBytes?: number;
}

export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

class TooLarge extends Error {}

/** The body as text, read no further than `cap` bytes. */
async function readCapped(body: unknown, cap: number): Promise<string> {
  if (!body || typeof (body as ReadableStream).getReader !== 'function') return typeof body === 'string' ? body : '';
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface Operation<S extends z.core.SomeType> {
  method: Method;
  /** Template with `{name}` placeholders, e.g. `/organization/projects/{project_id}`. */
  path: string;
  params?: Record<string, string>;
  query?: Query;
  body?: unknown;
  /** What the request is about, for messages: `project proj_abc`. */
  subject: string;
  response: S;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** With a pacer, how often one read may be refused before the 429 is reported. */
const MAX_PACED_REFUSALS = 5;

/** How far the API's clock is from this machine's, as its last Date header said (ms; + is ahead). */
let serverOffsetMs: number | undefined;

function noteServerTime(date: string | null, started: number): void {
  const t = date ? Date.parse(date) : NaN;
  // A Date header has whole seconds: it says when in that second the answer left, after it was sent.
  if (Number.isFinite(t)) serverOffsetMs = t + 500 - (started + Date.now()) / 2;
}

/** Now by the API's own clock, as far as its answers have told (this machine's until one has). */
export const serverNow = () => Date.now() + (serverOffsetMs ?? 0);

/** An organization id or name as the `openai-organization` header gives it (never a key: no `sk-`). */
export const ORGANIZATION_ID = /^(?!sk-)[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function createHttp(opts: HttpOptions) {
  let organization: string | undefined;
  if (!/^https?:\/\//i.test(opts.baseUrl)) {
    throw new ProjectsApiError('invalid_request', l10n.t('The base URL "{0}" is not an http(s) URL.', opts.baseUrl), {
      endpoint: 'configuration',
    });
  }
  // A pasted key often carries a newline; fetch would refuse the header with an unhelpful TypeError.
  const apiKey = opts.apiKey.trim();
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\s\u0000-\u001f]/.test(apiKey)) {
    throw new ProjectsApiError('invalid_request', l10n.t('The admin key contains spaces or line breaks; paste it again.'), {
      endpoint: 'configuration',
    });
  }
  // Whatever echoes it back (a proxy's error page, a debugging gateway) is masked by value from now on.
  rememberSecret(apiKey);
  const baseURL = opts.baseUrl.replace(/\/+$/, '');
  // The key goes in a header: over plain http it would cross the network readable. Loopback only.
  let base: URL;
  try {
    base = new URL(baseURL);
  } catch (cause) {
    throw new ProjectsApiError('invalid_request', l10n.t('The base URL "{0}" is not a valid URL.', baseURL), { endpoint: 'configuration', cause });
  }
  if (base.protocol === 'http:' && !isLoopback(base.hostname)) {
    throw new ProjectsApiError(
      'invalid_request',
      l10n.t(
        'The base URL "{0}" is plain http to {1}: the admin key would travel unencrypted. Use https (plain http is allowed to this machine only).',
        baseURL,
        base.hostname,
      ),
      {
        endpoint: 'configuration',
      },
    );
  }
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxRetries = opts.maxRetries ?? 2;
  const maxBytes = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0) || !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new ProjectsApiError(
      'invalid_request',
      l10n.t('The timeout must be a positive number of milliseconds and retries a whole number ≥ 0 (got {0} and {1}).', timeoutMs, maxRetries),
      { endpoint: 'configuration' },
    );
  }
  const baseDelay = opts.retryBaseDelayMs ?? 500;
  const maxDelay = opts.retryMaxDelayMs ?? 20_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 60_000;
  const $fetch: $Fetch = createFetch({ fetch: opts.fetch ?? globalThis.fetch });

  async function send<S extends z.core.SomeType>(op: Operation<S>, call?: CallOptions): Promise<z.infer<S>> {
    const endpoint = `${op.method} ${op.path}`;
    const path = fillPath(op, endpoint);
    const query = cleanQuery(op.query);
    const callers = [opts.signal, call?.signal].filter((s): s is AbortSignal => !!s);

    const pacer = opts.pacer;
    let refusals = 0;
    for (let attempt = 0; ; attempt++) {
      if (callers.some((s) => s.aborted)) throw aborted(endpoint);
      // Failed attempts so far: paced refusals are not failures and use up no retry.
      const retries = attempt - refusals;
      let sentAt = 0;
      try {
        if (pacer) sentAt = await pacer.slot((ms) => sleep(ms, callers, endpoint), maxRetryAfter);
      } catch (e) {
        if (!(e instanceof PacerHold)) throw e;
        // Nothing sent: the API has asked for longer than this client waits.
        throw new ProjectsApiError('http', describeStatus(429, op.subject, e.waitMs), { endpoint, status: 429, retryAfterMs: e.waitMs });
      }
      const timeout = AbortSignal.timeout(timeoutMs);
      const started = Date.now();
      const report = (r: Partial<RequestInfo>) => opts.onRequest?.({ method: op.method, path, durationMs: Date.now() - started, attempt, ...r });
      let res;
      let text: string;
      try {
        res = await $fetch.raw(path, {
          baseURL,
          method: op.method,
          query,
          body: op.body as Record<string, unknown> | undefined,
          headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
          signal: callers.length ? AbortSignal.any([timeout, ...callers]) : timeout,
          // A redirect is answered, not followed: following it would send the key to wherever it points.
          redirect: 'manual',
          retry: 0,
          ignoreResponseError: true,
          // Read here, with a cap: an endless or huge answer must not fill the extension host's memory.
          responseType: 'stream',
        });
        const declared = Number(res.headers.get('content-length') ?? NaN);
        if (declared > maxBytes) {
          await (res._data as ReadableStream | undefined)?.cancel().catch(() => undefined);
          throw new TooLarge();
        }
        text = await readCapped(res._data, maxBytes);
      } catch (cause) {
        if (cause instanceof TooLarge) {
          pacer?.done(res?.status, undefined, sentAt);
          report({ status: res?.status, error: 'too large' });
          throw new ProjectsApiError(
            'invalid_response',
            l10n.t('The answer was larger than {0} MB, so it was not read to the end. Check the base URL and any proxy in between.', maxBytes / 1024 / 1024),
            { endpoint, status: res?.status, subject: op.subject },
          );
        }
        pacer?.done(undefined, undefined, sentAt);
        if (callers.some((s) => s.aborted)) {
          report({ error: 'cancelled' });
          throw aborted(endpoint);
        }
        if (timeout.aborted) {
          report({ error: 'timeout' });
          throw new ProjectsApiError('timeout', l10n.t('No answer from {0} within {1} s.', hostOf(baseURL), timeoutMs / 1000), {
            endpoint,
            cause,
            subject: op.subject,
          });
        }
        const reason = networkReason(cause);
        report({ error: reason });
        if (op.method === 'GET' && retries < maxRetries) {
          await sleep(backoff(retries, baseDelay, maxDelay), callers, endpoint);
          continue;
        }
        throw new ProjectsApiError(
          'network',
          l10n.t('Could not reach {0} ({1}). Check the base URL, your network and proxy settings.', hostOf(baseURL), reason),
          {
            endpoint,
            cause,
            subject: op.subject,
          },
        );
      }

      const requestId = res.headers.get('x-request-id') ?? undefined;
      noteServerTime(res.headers.get('date'), started);
      // The organization the key belongs to, as the API says in every answer (an odd value is ignored).
      const org = res.headers.get('openai-organization');
      if (res.ok && org && ORGANIZATION_ID.test(org)) {
        organization = org;
        opts.onOrganization?.(org);
      }
      report({ status: res.status, requestId });

      if (res.status >= 300 && res.status < 400) {
        pacer?.done(res.status, undefined, sentAt);
        const to = res.headers.get('location');
        throw new ProjectsApiError(
          'http',
          l10n.t(
            'The API answered {0} with a redirect ({1}){2}; it was not followed, so the admin key stayed here. Check the base URL.',
            op.subject,
            res.status,
            to ? l10n.t(' to {0}', redactUrl(to)) : '',
          ),
          {
            endpoint,
            status: res.status,
            requestId,
          },
        );
      }
      const retryAfterMs = res.ok ? undefined : parseRetryAfter(res.headers);
      pacer?.done(res.status, retryAfterMs, sentAt);
      if (res.ok) return parseBody(op.response, text, endpoint, op.subject, requestId);

      // Paced, a refused read waits in the pacer for room (not a blind backoff) and goes again; it
      // does not use up the retries meant for failures.
      if (pacer && res.status === 429 && op.method === 'GET' && refusals < MAX_PACED_REFUSALS && (retryAfterMs ?? 0) <= maxRetryAfter) {
        refusals++;
        continue;
      }
      if (op.method === 'GET' && RETRY_STATUS.has(res.status) && retries < maxRetries) {
        const wait = retryAfterMs ?? backoff(retries, res.status === 429 ? baseDelay * 4 : baseDelay, maxDelay);
        if (wait <= maxRetryAfter) {
          await sleep(wait, callers, endpoint);
          continue;
        }
      }
      throw httpError(res.status, text, op, endpoint, requestId, retryAfterMs);
    }
  }

  return { send, organization: () => organization };
}

function fillPath(op: Operation<z.core.SomeType>, endpoint: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = op.params?.[name];
    if (typeof v !== 'string' || v.trim() === '') {
      throw new ProjectsApiError('invalid_request', l10n.t('Missing {0}.', name), { endpoint, param: name });
    }
    return encodeURIComponent(v);
  });
}

function cleanQuery(q: Query | undefined) {
  if (!q) return undefined;
  const out: Record<string, string | number | boolean | string[]> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined) out[k] = v;
  return out;
}

function parseBody<S extends z.core.SomeType>(schema: S, text: string, endpoint: string, subject: string, requestId?: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ProjectsApiError('invalid_response', l10n.t('The API answered with something that is not JSON.'), {
      endpoint,
      requestId,
      cause,
      subject,
    });
  }
  const parsed = check(schema, json, '(root)');
  if (parsed.ok) return parsed.data;
  const { field, what } = parsed;
  throw new ProjectsApiError('invalid_response', l10n.t('The API answered with an unexpected shape: field "{0}": {1}.', field, what), {
    endpoint,
    requestId,
    param: field,
    subject,
    answer: json,
  });
}

function httpError(
  status: number,
  text: string,
  op: Operation<z.core.SomeType>,
  endpoint: string,
  requestId: string | undefined,
  retryAfterMs: number | undefined,
): ProjectsApiError {
  let body: ReturnType<typeof ErrorBody.safeParse> | undefined;
  try {
    body = ErrorBody.safeParse(JSON.parse(text));
  } catch {
    // A non-JSON error page (a proxy, a gateway): the status alone says what happened.
  }
  const e = body?.success ? body.data.error : undefined;
  return new ProjectsApiError('http', describeStatus(status, op.subject, retryAfterMs), {
    // A rejected key is about the key, whatever the request was for.
    subject: status === 401 || status === 403 ? undefined : op.subject,
    endpoint,
    status,
    requestId,
    retryAfterMs,
    type: e?.type ?? undefined,
    code: e?.code == null ? undefined : String(e.code),
    param: e?.param ?? undefined,
    apiMessage: e?.message ?? undefined,
  });
}

/** `retry-after-ms` (OpenAI's own), then `Retry-After` as seconds or an HTTP date. */
export function parseRetryAfter(h: Headers, now = Date.now()): number | undefined {
  const ms = Number(h.get('retry-after-ms'));
  if (h.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const v = h.get('retry-after')?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoff(attempt: number, base: number, cap: number): number {
  const d = Math.min(cap, base * 2 ** attempt);
  return d / 2 + Math.random() * (d / 2);
}

function sleep(ms: number, signals: AbortSignal[], endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signals.some((s) => s.aborted)) return reject(aborted(endpoint));
    const done = () => {
      clearTimeout(t);
      signals.forEach((s) => s.removeEventListener('abort', stop));
    };
    const stop = () => {
      done();
      reject(aborted(endpoint));
    };
    const t = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signals.forEach((s) => s.addEventListener('abort', stop, { once: true }));
  });
}

function aborted(endpoint: string) {
  return new ProjectsApiError('aborted', l10n.t('The request was cancelled.'), { endpoint });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A redirect target as shown: its origin and path, never a query (it may carry a token). */
function redactUrl(u: string): string {
  try {
    const url = new URL(u);
    return `${url.origin}${url.pathname}`;
  } catch {
    return l10n.t('(an invalid URL)');
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function networkReason(cause: unknown): string {
  // fetch wraps the socket error: FetchError → TypeError('fetch failed') → Error{code}.
  let e: unknown = cause;
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return l10n.t('connection failed');
}

export interface ListRequest {
  limit?: number;
  after?: string;
}

/** A GET as the operations' modules make it: `params` fill the path, `query` is sent as is. */
export type Read = <T extends z.core.SomeType>(
  path: string,
  params: Record<string, string>,
  subject: string,
  response: T,
  query?: Query,
  o?: CallOptions,
) => Promise<z.output<T>>;
/** A write: its body is checked before it is sent. */
export type Write = <T extends z.core.SomeType>(
  method: Method,
  path: string,
  params: Record<string, string>,
  subject: string,
  response: T,
  body?: { schema: z.core.SomeType; value: unknown },
  o?: CallOptions,
) => Promise<z.output<T>>;
