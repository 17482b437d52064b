// Search over the index: one record per project and per item, with the text it is found by (names,
// ids, emails, redacted key values, models, and the project's name, so "alice data" narrows to one
// project) lowercased once, so a keystroke is a scan of plain strings.
import type { Project } from '../client';
import { projectName } from '../shared/projectInfo';
import { itemNodeId, KINDS, type FolderKind, type ItemOf, type KindSpec } from '../store/kinds';
import type { FolderEntry } from './entries';

export type RecordKind = 'project' | FolderKind;

export interface IndexRecord {
  kind: RecordKind;
  project: Project;
  /** The item itself (undefined for a project record). */
  item?: ItemOf<FolderKind>;
  label: string;
  /** What and where, e.g. `user · alice@example.com · member in Data Platform`. */
  description: string;
  /** The tree node id this record reveals. */
  nodeId: string;
  /** Lowercased text the record is found by. */
  hay: string;
  /** The label, lowercased once (for ranking). */
  key: string;
  /** When its list was fetched (undefined for a project: the project list is refreshed with the tree). */
  at?: number;
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');
const hay = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n').toLowerCase();

export const buildRecords = {
  project(p: Project): IndexRecord {
    return {
      kind: 'project',
      project: p,
      label: projectName(p),
      description: join('project', p.id),
      nodeId: p.id,
      hay: hay(p.name, p.id),
      key: projectName(p).toLowerCase(),
    };
  },

  folder(p: Project, entry: FolderEntry): IndexRecord[] {
    const where = projectName(p);
    const spec = KINDS[entry.kind] as KindSpec<FolderKind>;
    return (entry.items as ItemOf<FolderKind>[]).map((item) => {
      const look = spec.search(item, where);
      return {
        kind: entry.kind,
        project: p,
        item,
        label: look.label,
        description: look.description,
        nodeId: itemNodeId(p, entry.kind, item.id),
        hay: hay(...look.text, where),
        at: entry.at,
        key: look.label.toLowerCase(),
      };
    });
  },
};

/**
 * One list's records, with their search text laid end to end in one string (records apart by a NUL):
 * a keystroke is then a few native `indexOf` runs over contiguous memory, and only the records that
 * match are touched, instead of a walk over hundreds of thousands of objects.
 */
export class RecordGroup {
  readonly text: string;
  /** Where each record's text ends in `text` (exclusive). */
  readonly ends: Int32Array;

  constructor(readonly records: IndexRecord[]) {
    this.text = records.map((r) => r.hay).join('\u0000');
    this.ends = new Int32Array(records.length);
    let at = 0;
    records.forEach((r, i) => {
      at += r.hay.length;
      this.ends[i] = at;
      at += 1;
    });
  }

  /** The record whose text holds position `p`. */
  indexAt(p: number): number {
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface SearchResult {
  hits: IndexRecord[];
  /** How many records match: all of them, or (when `exact` is false) those seen before the search stopped. */
  total: number;
  /** False when the best bucket filled up and the rest of the index was not read: `total` is a lower bound. */
  exact: boolean;
}

/**
 * Records matching every word of the query (in any field), best first: a label that starts with the
 * query, then a label that contains it, then the rest; at most `limit`. Once `limit` labels start with
 * the query nothing further can change the hits, so the search stops there: a keystroke that matches
 * most of a large organization ("p", "us") reads only as far as it must, and the count says "at least".
 */
export function searchRecords(groups: RecordGroup[], query: string, limit = 200): SearchResult {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  if (!words.length) return { hits: [], total: 0, exact: true };
  // The rarest word finds the fewest candidates; the others are checked on those alone.
  const [first, ...rest] = byRarity(groups, words) as [string, ...string[]];
  const single = !rest.length;
  const ranked: IndexRecord[][] = [[], [], []];
  const best = ranked[0]!;
  const next = rest.map(() => -1);
  let total = 0;
  for (const g of groups) {
    const { text, ends } = g;
    // Each other word's next place in the text: it only moves forward, so the text is read once per word.
    next.fill(-1);
    scan: for (let p = text.indexOf(first); p >= 0;) {
      const i = g.indexAt(p);
      const end = ends[i]!;
      const start = i ? ends[i - 1]! + 1 : 0;
      const at = p;
      p = end + 1 < text.length ? text.indexOf(first, end + 1) : -1;
      for (let w = 0; w < rest.length; w++) {
        if (next[w]! < start) next[w] = text.indexOf(rest[w]!, start);
        if (next[w]! < 0) break scan; // that word is nowhere further on
        if (next[w]! + rest[w]!.length > end) continue scan;
      }
      total++;
      // A record's label is the first line of its text.
      const rank = text.startsWith(q, start) ? 0 : labelHas(text, start, end, at, q, single) ? 1 : 2;
      if (ranked[rank]!.length < limit) ranked[rank]!.push(g.records[i]!);
      if (best.length >= limit) return { hits: best, total, exact: false };
    }
  }
  return { hits: ranked.flat().slice(0, limit), total, exact: true };
}

/**
 * The words, rarest first, as counted in a sample of the index (some 48 groups spread over it): in
 * "user 42 project" the word "project" is in every record, and scanning for it would visit them all.
 */
function byRarity(groups: RecordGroup[], words: string[]): string[] {
  if (words.length < 2) return words;
  const step = Math.max(1, groups.length / 48);
  const count = (w: string) => {
    let n = 0;
    for (let g = groups.length > 1 ? 1 : 0; g < groups.length; g += step) {
      const text = groups[Math.floor(g)]!.text;
      for (let p = text.indexOf(w); p >= 0; p = text.indexOf(w, p + w.length)) n++;
    }
    return n;
  };
  const counts = new Map(words.map((w) => [w, count(w)]));
  return [...words].sort((a, b) => counts.get(a)! - counts.get(b)! || b.length - a.length);
}

/** Whether the label (the record's first line) holds the query; `at` is where the scanned (rarest) word was found. */
function labelHas(text: string, start: number, end: number, at: number, q: string, single: boolean): boolean {
  const nl = text.indexOf('\n', start);
  const labelEnd = nl >= 0 && nl < end ? nl : end;
  return single ? at + q.length <= labelEnd : text.slice(start, labelEnd).includes(q);
}
