import * as l10n from '@vscode/l10n';
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
  /** What the request was about ("the users of project proj_…"): the message starts with it unless it names it already. */
  subject?: string;
  /** An answer of the wrong shape, as it came: kept off the message (it may hold a new key). */
  answer?: unknown;
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
  /** `invalid_response` of the wrong shape: the answer as it came (not enumerable: no log or JSON of the error shows it). */
  declare readonly answer?: unknown;

  constructor(kind: ErrorKind, summary: string, d: ErrorDetails) {
    const apiMessage = d.apiMessage === undefined ? undefined : redact(d.apiMessage);
    const said = apiMessage && !summary.includes(apiMessage) ? l10n.t(' OpenAI says: "{0}"', apiMessage) : '';
    const where = `[${d.endpoint}${d.requestId ? l10n.t(', request {0}', d.requestId) : ''}]`;
    const about = d.subject && !summary.includes(d.subject) ? l10n.t('{0}: {1}', d.subject.charAt(0).toUpperCase() + d.subject.slice(1), summary) : summary;
    super(redact(`${about}${said} ${where}`), d.cause === undefined ? undefined : { cause: d.cause });
    this.kind = kind;
    this.endpoint = d.endpoint;
    this.status = d.status;
    this.type = d.type;
    this.code = d.code;
    this.param = d.param;
    this.apiMessage = apiMessage;
    this.requestId = d.requestId;
    this.retryAfterMs = d.retryAfterMs;
    if (d.answer !== undefined) Object.defineProperty(this, 'answer', { value: d.answer, enumerable: false });
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
      return l10n.t('The request about {0} was rejected (400).', subject);
    case 401:
      return l10n.t('The admin key was rejected (401): it is wrong, or it has been revoked. Set a valid admin key.');
    case 403:
      return l10n.t(
        'The key is not allowed to do this (403): it is not an organization admin key, or it lacks the needed scope. Use an admin key from the organization settings.',
      );
    case 404:
      return l10n.t('Not found (404): {0}. It may have been deleted, or the ID is wrong.', subject);
    case 408:
      return l10n.t('The API timed out handling the request (408). Try again.');
    case 409:
      return l10n.t('The request about {0} conflicts with the current state (409). Refresh and try again.', subject);
    case 429:
      return retryAfterMs === undefined
        ? l10n.t('Rate limited by the OpenAI admin API (429) on {0}. Wait a minute and try again.', subject)
        : l10n.t('Rate limited by the OpenAI admin API (429) on {0}. Try again in {1} s.', subject, Math.ceil(retryAfterMs / 1000));
    default:
      return status >= 500
        ? l10n.t('The OpenAI API had a server error ({0}). Try again later.', status)
        : l10n.t('The request about {0} failed ({1}).', subject, status);
  }
}
