import * as l10n from '@vscode/l10n';
import { ProjectsApiError } from './errors';

export interface Page<T> {
  data: T[];
  has_more: boolean;
  last_id?: string | null;
  /** The cursor of lists that page with `next` (groups, roles, assignments): when a page has it, only it counts. */
  next?: string | null;
}

export interface PaginateOptions {
  /** Stop with an error rather than walk forever. Default 1,000 pages. */
  maxPages?: number;
  /** Called once per page, e.g. to show progress. */
  onPage?: (page: Page<unknown>, index: number) => void;
  /** What the list is ("the users of project proj_…"): a walk that had to stop says so. */
  subject?: string;
}

/** What tells an item from the others: its `id`, or a project group's `group_id`. */
const keyOf = (i: object): string | undefined =>
  'id' in i && typeof i.id === 'string' ? i.id : 'group_id' in i && typeof i.group_id === 'string' ? i.group_id : undefined;

/**
 * Walks a cursor-paginated list: `after` is the previous page's `next` when the page has that key,
 * else its `last_id` (or its last item's id). A `next` page's items are not a cursor: the API's
 * `next` is opaque. A cursor seen twice, a `has_more` with no cursor, or too many pages is an
 * error, never a loop.
 *
 *   for await (const p of paginate((after) => client.listProjects({ limit: 100, after }))) …
 */
export async function* paginate<T extends object>(
  fetchPage: (after: string | undefined) => Promise<Page<T>>,
  opts: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const maxPages = opts.maxPages ?? 1000;
  const subject = opts.subject;
  const seen = new Set<string>();
  // A proxy that repeats items across pages: each is listed once.
  const ids = new Set<string>();
  let after: string | undefined;
  for (let index = 0; ; index++) {
    if (index >= maxPages) {
      throw new ProjectsApiError('pagination', l10n.t('The list did not end after {0} pages; stopped reading it.', maxPages), {
        endpoint: 'pagination',
        subject,
      });
    }
    const page = await fetchPage(after);
    const fresh = page.data.filter((i) => {
      const key = keyOf(i);
      if (key === undefined) return true;
      if (ids.has(key)) return false;
      ids.add(key);
      return true;
    });
    opts.onPage?.(fresh.length === page.data.length ? page : { ...page, data: fresh }, index);
    yield* fresh;
    if (!page.has_more) return;
    const last = page.data.at(-1);
    const next = 'next' in page ? page.next : (page.last_id ?? (last && keyOf(last)));
    if (!next) {
      throw new ProjectsApiError('pagination', l10n.t('The API said there is more, but gave no cursor to continue from.'), {
        endpoint: 'pagination',
        subject,
      });
    }
    if (seen.has(next)) {
      throw new ProjectsApiError('pagination', l10n.t('The API returned the cursor "{0}" twice; stopped reading the list.', next), {
        endpoint: 'pagination',
        subject,
      });
    }
    seen.add(next);
    after = next;
  }
}

/** Every item of a paginated list, in order. */
export async function collect<T extends object>(fetchPage: (after: string | undefined) => Promise<Page<T>>, opts?: PaginateOptions): Promise<T[]> {
  const all: T[] = [];
  for await (const item of paginate(fetchPage, opts)) all.push(item);
  return all;
}
