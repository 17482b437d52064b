// Search over the index: one record per project and per item, with the text it is found by (names,
// ids, emails, redacted key values, models, and the project's name, so "alice data" narrows to one
// project) lowercased once, so a keystroke is a scan of plain strings.
import type { Project, ProjectApiKey, ProjectRateLimit, ProjectServiceAccount, ProjectUser } from '../client';
import { keyOwner } from '../tree/leaves';
import { projectName } from '../tree/projectInfo';
import type { FolderKind } from '../tree/store';
import type { FolderEntry } from './orgIndex';

export type RecordKind = 'project' | FolderKind;

export interface IndexRecord {
  kind: RecordKind;
  project: Project;
  /** The item itself (undefined for a project record). */
  item?: ProjectUser | ProjectServiceAccount | ProjectApiKey | ProjectRateLimit;
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
    return { kind: 'project', project: p, label: projectName(p), description: join('project', p.id), nodeId: p.id, hay: hay(p.name, p.id), key: projectName(p).toLowerCase() };
  },

  folder(p: Project, entry: FolderEntry): IndexRecord[] {
    const where = projectName(p);
    const id = (itemId: string) => `${p.id}/${entry.kind}/${itemId}`;
    return this.items(p, entry, where, id).map((r) => ({ ...r, at: entry.at, key: r.label.toLowerCase() }));
  },

  items(p: Project, entry: FolderEntry, where: string, id: (itemId: string) => string): Omit<IndexRecord, 'key'>[] {
    switch (entry.kind) {
      case 'users':
        return entry.items.map((u) => ({
          kind: 'users' as const,
          project: p,
          item: u,
          label: u.name || u.email || u.id,
          description: join('user', u.email, `${u.role} in ${where}`),
          nodeId: id(u.id),
          hay: hay(u.name, u.email, u.id, where),
        }));
      case 'serviceAccounts':
        return entry.items.map((s) => ({
          kind: 'serviceAccounts' as const,
          project: p,
          item: s,
          label: s.name || s.id,
          description: join('service account', `${s.role} in ${where}`),
          nodeId: id(s.id),
          hay: hay(s.name, s.id, where),
        }));
      case 'apiKeys':
        return entry.items.map((k) => ({
          kind: 'apiKeys' as const,
          project: p,
          item: k,
          label: k.name || k.id,
          description: join('API key', k.redacted_value, `${keyOwner(k)} in ${where}`),
          nodeId: id(k.id),
          hay: hay(k.name, k.id, k.redacted_value, keyOwner(k), where),
        }));
      case 'rateLimits':
        return entry.items.map((r) => ({
          kind: 'rateLimits' as const,
          project: p,
          item: r,
          label: r.model,
          description: join('model', `rate limits in ${where}`),
          nodeId: id(r.id),
          hay: hay(r.model, where),
        }));
    }
  },
};

export interface SearchResult {
  hits: IndexRecord[];
  total: number;
}

/**
 * Records matching every word of the query (in any field), best first: a label that starts with the
 * query, then a label that contains it, then the rest; at most `limit`. `within`: the matches of a
 * query this one extends (typing one more character), which hold all of this one's.
 */
export function searchRecords(groups: IndexRecord[][], query: string, limit = 200, within?: IndexRecord[]): SearchResult & { all: IndexRecord[] } {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  if (!words.length) return { hits: [], total: 0, all: [] };
  const ranked: IndexRecord[][] = [[], [], []];
  const all: IndexRecord[] = [];
  const visit = (r: IndexRecord) => {
    for (const w of words) if (!r.hay.includes(w)) return;
    all.push(r);
    const rank = r.key.startsWith(q) ? 0 : r.key.includes(q) ? 1 : 2;
    if (ranked[rank]!.length < limit) ranked[rank]!.push(r);
  };
  if (within) for (const r of within) visit(r);
  else for (const group of groups) for (const r of group) visit(r);
  return { hits: ranked.flat().slice(0, limit), total: all.length, all };
}

/**
 * A search as a person types: each query that extends the last one searches only the last one's
 * matches, so after the first character a keystroke scans fewer and fewer records.
 */
export function typingSearch(groups: () => IndexRecord[][], limit = 200): (query: string) => SearchResult {
  let last: { q: string; all: IndexRecord[] } | undefined;
  return (query) => {
    const q = query.trim().toLowerCase();
    const narrowing = last && last.q && q.startsWith(last.q) ? last.all : undefined;
    const r = searchRecords(narrowing ? [] : groups(), q, limit, narrowing);
    last = { q, all: r.all };
    return r;
  };
}
