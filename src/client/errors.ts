import { redact } from './redact';

export type ErrorKind =
  | 'http' // the API answered with an error status
  | 'network' // the host could not be reached or the connection dropped
  | 'timeout'
  | 'aborted' // cancelled by the caller
  | 'invalid_response' // not JSON, or not the shape the API reference promises
  | 'invalid_request' // rejected here, before anything was sent
  | 'pagination'; // a list that never ends or repeats its cursor

export interface ErrorDetails {
  /** e.g. `GET /organization/projects/{project_id}` */
  endpoint: string;
  status?: number;
  type?: string;
  code?: string;
  param?: string;
  apiMessage?: string;
  requestId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

export class ProjectsApiError extends Error {
  override readonly name = 'ProjectsApiError';
  readonly kind: ErrorKind;
  readonly endpoint: string;
  readonly status?: number;
  readonly type?: string;
  readonly code?: string;
  readonly param?: string;
  readonly apiMessage?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;

  constructor(kind: ErrorKind, summary: string, d: ErrorDetails) {
    const apiMessage = d.apiMessage === undefined ? undefined : redact(d.apiMessage);
    const said = apiMessage && !summary.includes(apiMessage) ? ` OpenAI says: "${apiMessage}"` : '';
    const where = `[${d.endpoint}${d.requestId ? `, request ${d.requestId}` : ''}]`;
    super(redact(`${summary}${said} ${where}`), d.cause === undefined ? undefined : { cause: d.cause });
    this.kind = kind;
    this.endpoint = d.endpoint;
    this.status = d.status;
    this.type = d.type;
    this.code = d.code;
    this.param = d.param;
    this.apiMessage = apiMessage;
    this.requestId = d.requestId;
    this.retryAfterMs = d.retryAfterMs;
  }

  /** True when trying the same thing later may work (rate limits, outages, flaky networks). */
  get transient(): boolean {
    return (
      this.kind === 'network' || this.kind === 'timeout' || (this.kind === 'http' && (this.status === 408 || this.status === 429 || (this.status ?? 0) >= 500))
    );
  }
}

/** The sentence a person can act on, by status. `subject` names the object the request was about. */
export function describeStatus(status: number, subject: string, retryAfterMs?: number): string {
  switch (status) {
    case 400:
      return `The request about ${subject} was rejected (400).`;
    case 401:
      return 'The admin key was rejected (401): it is wrong, or it has been revoked. Set a valid admin key.';
    case 403:
      return 'The key is not allowed to do this (403): it is not an organization admin key, or it lacks the needed scope. Use an admin key from the organization settings.';
    case 404:
      return `Not found (404): ${subject}. It may have been deleted, or the ID is wrong.`;
    case 408:
      return 'The API timed out handling the request (408). Try again.';
    case 409:
      return `The request about ${subject} conflicts with the current state (409). Refresh and try again.`;
    case 429:
      return retryAfterMs === undefined
        ? `Rate limited by the OpenAI admin API (429) on ${subject}. Wait a minute and try again.`
        : `Rate limited by the OpenAI admin API (429) on ${subject}. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`;
    default:
      return status >= 500 ? `The OpenAI API had a server error (${status}). Try again later.` : `The request about ${subject} failed (${status}).`;
  }
}
