import * as l10n from '@vscode/l10n';
// The admin API's own rate limit is low and its 429s often carry no Retry-After. A pacer learns the
// limit from the first 429 without one (how many requests the API had accepted in the minute before
// it) and from then on holds each request until the minute has room: the rest go out once, paced,
// instead of being refused and retried. A learned limit is forgotten after five quiet minutes.

/** The API counted a request when it arrived; we count when its answer arrived, a little later. */
const MARGIN_MS = 100;
/** A 429 with no Retry-After and nothing accepted in the minute: wait this long before trying again. */
const NOTHING_ACCEPTED_PAUSE_MS = 10_000;

/** The API asked for a wait longer than the caller will hold a request: it fails now instead. */
export class PacerHold extends Error {
  constructor(readonly waitMs: number) {
    super(l10n.t('The API asked to wait {0} s.', Math.ceil(waitMs / 1000)));
  }
}

export interface PacerState {
  /** Requests a minute, once learned. */
  limit: number | undefined;
  /** Requests waiting for room. */
  waiting: number;
}

export class Pacer {
  private accepted: number[] = [];
  private inFlight = 0;
  private waiting = 0;
  private limit: number | undefined;
  private lastRefusal = 0;
  /** When the limit was first learned, and when it last changed. */
  private learnedAt: number | undefined;
  private changedAt = 0;
  private blockedUntil = 0;
  private readonly listeners = new Set<(s: PacerState) => void>();

  /** `windowMs`: the API's limits are per minute; tests use a shorter window on both sides. */
  constructor(private readonly windowMs = 60_000) {}

  get state(): PacerState {
    return { limit: this.limit, waiting: this.waiting };
  }

  onChange(listener: (s: PacerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts over: no limit known until the API refuses again. */
  forget(): void {
    this.limit = this.learnedAt = undefined;
    this.blockedUntil = 0;
    this.emit();
  }

  /**
   * Resolves (with the send time) when a request may go out; the caller must then call `done` once.
   * A Retry-After longer than `maxWaitMs` is not waited out by every later request (the progress bar
   * up for an hour): each fails at once with a PacerHold saying how long is left.
   */
  async slot(sleep: (ms: number) => Promise<void>, maxWaitMs = Infinity): Promise<number> {
    const held = this.blockedUntil - Date.now();
    if (held > maxWaitMs) throw new PacerHold(held);
    for (let d = this.delay(); d > 0; d = this.delay()) {
      this.setWaiting(1);
      try {
        // Re-checked at least every second: an answer or a refusal can change the picture.
        await sleep(Math.min(d, 1000));
      } finally {
        this.setWaiting(-1);
      }
    }
    this.inFlight++;
    return Date.now();
  }

  /** The answer's status (undefined: no answer), its Retry-After if any, and the send time `slot` gave. */
  done(status: number | undefined, retryAfterMs: number | undefined, sentAt: number): void {
    this.inFlight--;
    const t = Date.now();
    this.prune(t);
    if (status === 429) {
      this.lastRefusal = t;
      // A Retry-After says exactly when to come back: that is all it teaches. Without one, learn the
      // limit — unless nothing was accepted this minute, which says nothing (another tool used it up).
      if (retryAfterMs === undefined && this.accepted.length) {
        if (this.limit === undefined) {
          this.limit = this.accepted.length;
          this.learnedAt = this.changedAt = t;
        } else if (sentAt > this.changedAt) {
          // Refused although paced: the API counts more than we see (another tool on the same key).
          // Step down until the refusals stop.
          this.limit = Math.max(1, Math.min(this.limit - 1, this.accepted.length));
          this.changedAt = t;
        }
        // Otherwise it is one more refusal of the burst that taught us the limit: nothing new.
      }
      const pause = retryAfterMs ?? (this.accepted.length ? 0 : NOTHING_ACCEPTED_PAUSE_MS);
      this.blockedUntil = Math.max(this.blockedUntil, t + pause);
      this.emit();
    } else if (status !== undefined) {
      this.accepted.push(t);
      // Sent before the limit was learned, accepted after: the API counted it in that same minute.
      if (this.limit !== undefined && this.learnedAt !== undefined && sentAt <= this.learnedAt) {
        this.limit++;
        this.emit();
      }
    }
  }

  /** How long the next request must wait (0: it may go now). */
  private delay(): number {
    const t = Date.now();
    this.prune(t);
    if (this.limit !== undefined && t - this.lastRefusal > 5 * this.windowMs) {
      this.limit = this.learnedAt = undefined;
      this.emit();
    }
    let d = this.blockedUntil - t;
    if (this.limit !== undefined && this.accepted.length + this.inFlight >= this.limit) {
      // Room comes when the oldest accepted request leaves the minute (or, all in flight, soon).
      d = Math.max(d, this.accepted.length ? this.accepted[0]! + this.windowMs + MARGIN_MS - t : 50);
    }
    return d;
  }

  private prune(t: number): void {
    while (this.accepted.length && this.accepted[0]! <= t - this.windowMs - MARGIN_MS) this.accepted.shift();
  }

  private setWaiting(delta: number): void {
    this.waiting += delta;
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l(this.state);
  }
}
