// Pages of the audit log, newest first, from one or more queries merged into one stream. A project's
// activity needs two: events scoped to the project, and events about the project or its keys and
// service accounts made with an admin key (which the API files under the default project). Each query
// is read a page at a time, only when the merged stream needs its next event.
import type { AuditLog, AuditLogList } from '../client';

export type AuditQuery = (after: string | undefined) => Promise<AuditLogList>;

interface Stream {
  query: AuditQuery;
  buffer: AuditLog[];
  after?: string;
  done: boolean;
}

export class AuditPager {
  private readonly streams: Stream[];
  private readonly seen = new Set<string>();

  constructor(queries: AuditQuery[]) {
    this.streams = queries.map((query) => ({ query, buffer: [], done: false }));
  }

  get hasMore(): boolean {
    return this.streams.some((s) => s.buffer.length || !s.done);
  }

  /** Up to `n` more events, newest first, none twice. */
  async next(n: number): Promise<AuditLog[]> {
    const out: AuditLog[] = [];
    while (out.length < n) {
      // Every stream that could hold the next event has one in hand (reads in parallel).
      await Promise.all(this.streams.filter((s) => !s.buffer.length && !s.done).map((s) => this.fill(s)));
      const live = this.streams.filter((s) => s.buffer.length);
      if (!live.length) break;
      const s = live.reduce((a, b) => (b.buffer[0]!.effective_at > a.buffer[0]!.effective_at ? b : a));
      const e = s.buffer.shift()!;
      if (this.seen.has(e.id)) continue;
      this.seen.add(e.id);
      out.push(e);
    }
    return out;
  }

  private async fill(s: Stream): Promise<void> {
    const page = await s.query(s.after);
    s.buffer.push(...page.data);
    const last = page.last_id ?? page.data.at(-1)?.id;
    s.done = !page.has_more || !last || last === s.after;
    s.after = last ?? undefined;
  }
}
