// The admin API's own rate limit is low and its 429s often carry no Retry-After. A pacer learns the
// limit from the first 429 (how many requests the API had accepted in the minute before it) and from
// then on holds each request until the minute has room: the rest go out once, paced, instead of
// being refused and retried. A learned limit is forgotten after five quiet minutes.

/** The API counted a request when it arrived; we count when its answer arrived, a little later. */
const MARGIN_MS = 100;
/** A 429 with no Retry-After and nothing accepted in the minute: wait this long before trying again. */
const NOTHING_ACCEPTED_PAUSE_MS = 10_000;

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
  private blockedUntil = 0;
  private readonly listeners = new Set<(s: PacerState) => void>();

  /** `windowMs`: the API's limits are per minute; tests use a shorter window on both sides. */
  constructor(private readonly windowMs = 60_000) {}

  private now(): number {
    return Date.now();
  }

  get state(): PacerState {
    return { limit: this.limit, waiting: this.waiting };
  }

  onChange(listener: (s: PacerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when a request may go out; the caller must then call `done` exactly once. */
  async slot(sleep: (ms: number) => Promise<void>): Promise<void> {
    for (let d = this.delay(); d > 0; d = this.delay()) {
      this.setWaiting(+1);
      try {
        // Re-checked at least every second: an answer or a refusal can change the picture.
        await sleep(Math.min(d, 1000));
      } finally {
        this.setWaiting(-1);
      }
    }
    this.inFlight++;
  }

  /** The answer's status (undefined: no answer), and its Retry-After if any. */
  done(status: number | undefined, retryAfterMs?: number): void {
    this.inFlight--;
    const t = this.now();
    this.prune(t);
    if (status === 429) {
      this.lastRefusal = t;
      // Nothing accepted this minute says nothing about the limit (another tool may have used it up).
      // Refused again while paced: the API counts more than we see (another tool on the same key), so
      // the limit steps down until the refusals stop.
      if (this.accepted.length) this.limit = Math.max(1, Math.min(this.limit === undefined ? Infinity : this.limit - 1, this.accepted.length));
      const pause = retryAfterMs ?? (this.accepted.length ? 0 : NOTHING_ACCEPTED_PAUSE_MS);
      this.blockedUntil = Math.max(this.blockedUntil, t + pause);
      this.emit();
    } else if (status !== undefined) {
      this.accepted.push(t);
    }
  }

  /** How long the next request must wait (0: it may go now). */
  private delay(): number {
    const t = this.now();
    this.prune(t);
    if (this.limit !== undefined && t - this.lastRefusal > 5 * this.windowMs) {
      this.limit = undefined;
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
