// Matching a pasted key, or a piece of one, against what the API shows of each key: its id and its
// redacted value, a visible head and tail around a hidden middle (`sk-abc...wxyz`, `sk-proj-****wxyz`).
// Only the visible parts can be checked, so a match says which part it rests on.

export const MIN_FRAGMENT = 4;

export interface Redacted {
  head: string;
  tail: string;
}

/** The visible head and tail of a redacted value; undefined if it has no hidden middle. */
export function parseRedacted(value: string): Redacted | undefined {
  const m = /^(.*?)(?:\*+|\.{3,}|…)(.*)$/.exec(value);
  if (!m) return undefined;
  return { head: m[1]!, tail: m[2]! };
}

export type MatchBasis = 'id' | 'full key' | 'start' | 'end';

/** What was pasted, cleaned of what a copy from a log or a terminal adds around a key. */
export function cleanFragment(pasted: string): string {
  return pasted
    .trim()
    .replace(/^["'`]+|["'`,;]+$/g, '')
    .replace(/^(Bearer\s+|Authorization:\s*Bearer\s+)/i, '')
    .trim();
}

/** The last four characters, the only part of a pasted value that the log may name. */
export const tailOf = (fragment: string) => fragment.slice(-4);

/** The family prefix of a key (`sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-`): it alone tells nothing. */
const FAMILY = /^sk-(?:[a-z]+-)?/;

/**
 * How `fragment` matches `key`, or undefined. A full key must show the key's head and tail; a piece
 * starting with `sk-` is a key's start and must agree with the visible head beyond its family prefix; any
 * other piece is a key's end and must agree with the visible tail (all of it, or the tail's end if the
 * piece is shorter). An id matches whole, or by a piece of 6 characters or more that is not just `key_`.
 */
export function matchKey(fragment: string, key: { id: string; redacted_value: string }): MatchBasis | undefined {
  const f = fragment;
  if (f.length < MIN_FRAGMENT) return undefined;
  if (f === key.id || (f.length >= 6 && f !== 'key_' && key.id.includes(f))) return 'id';
  const r = parseRedacted(key.redacted_value);
  if (!r || (!r.head && !r.tail)) return undefined;
  const family = FAMILY.exec(r.head)?.[0] ?? '';
  if (f.startsWith('sk-')) {
    // Long enough to hold the hidden middle too: a whole key, whose both ends must match.
    if (f.length >= r.head.length + r.tail.length + 8) return f.startsWith(r.head) && !!r.tail && f.endsWith(r.tail) ? 'full key' : undefined;
    const beyondFamily = f.length > family.length && r.head.length > family.length;
    return beyondFamily && (f.startsWith(r.head) || r.head.startsWith(f)) ? 'start' : undefined;
  }
  if (!r.tail) return undefined;
  return (f.length >= r.tail.length ? f.endsWith(r.tail) : r.tail.endsWith(f)) ? 'end' : undefined;
}
