// Pages of the audit log, newest first, from one or more queries merged into one stream. A project's
// activity needs two: events scoped to the project, and events about the project or its keys and
// service accounts made with an admin key (which the API files under the default project). Each query
// is read a page at a time, only when the merged stream needs its next event.
import * as l10n from '@vscode/l10n';
import { ProjectsApiError, type AuditLog, type AuditLogList } from '../client';

export type AuditQuery = (after: string | undefined) => Promise<AuditLogList>;

interface Stream {
  query: AuditQuery;
  buffer: AuditLog[];
  after?: string;
  done: boolean;
  pages: number;
  cursors: Set<string>;
}

/** A log read as far back as this is not read further: an error, never an endless walk. */
const MAX_PAGES = 1000;

export class AuditPager {
  private readonly streams: Stream[];
  private readonly seen = new Set<string>();

  constructor(queries: AuditQuery[]) {
    this.streams = queries.map((query) => ({ query, buffer: [], done: false, pages: 0, cursors: new Set<string>() }));
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
    if (++s.pages > MAX_PAGES)
      throw new ProjectsApiError('pagination', l10n.t('The list did not end after {0} pages; stopped reading it.', MAX_PAGES), {
        endpoint: 'pagination',
        subject: l10n.t('the audit log'),
      });
    const page = await s.query(s.after);
    s.buffer.push(...page.data);
    const last = page.last_id ?? page.data.at(-1)?.id;
    if (page.has_more && last && s.cursors.has(last))
      throw new ProjectsApiError('pagination', l10n.t('The API returned the cursor "{0}" twice; stopped reading the list.', last), {
        endpoint: 'pagination',
        subject: l10n.t('the audit log'),
      });
    if (last) s.cursors.add(last);
    s.done = !page.has_more || !last;
    s.after = last ?? undefined;
  }
}
