// Anything key-shaped is masked before it can reach a message or a log line: every `sk-…` token,
// whatever precedes it, every Bearer token and Authorization header value in any spelling, and, by
// value, every key a client was made with, however a proxy may have echoed it (split across lines,
// URL-encoded, JSON-escaped). Redacted forms the API itself returns ("sk-proj-...abcd",
// "sk-admin-****abcd") are too short to match and stay readable.
const KEY_SHAPED = /sk-((?:admin|proj|svcacct|None)-)?[A-Za-z0-9_-]{12,}/g;
// `Bearer` then a space in any encoding (a space, %20, +, an escaped tab or space), then the token.
const BEARER = /\b(Bearer)((?:\s|%20|\+|\\[tn]|\\u0020)+)[^\s"'<>,;&]+/gi;
// An echoed header: `Authorization: …`, `"authorization":"…"`, `authorization=…`.
const AUTH_HEADER = /\b(authorization)(["']?\s*(?:[:=]|%3A|%3D)\s*["']?(?:(?:Bearer|Basic)(?:\s|%20|\+)+)?)[^"'\s<>,;&}]+/gi;

/** The keys clients were made with: masked by value, in every spelling a proxy might echo, keeping their kind. */
const secrets = new Map<string, { re: RegExp; mask: string }>();

/** A key to mask wherever it shows up from now on (the client's own admin key). */
export function rememberSecret(value: string): void {
  const v = value.trim();
  // The random part alone too: an echo may drop the family prefix (`sk-admin-`).
  const body = v.replace(/^sk-(?:[a-z]+-)?/, '');
  for (const s of body.length >= 16 && body !== v ? [v, body] : [v]) {
    if (s.length < 8 || secrets.has(s)) continue;
    if (secrets.size >= 64) secrets.delete(secrets.keys().next().value!);
    secrets.set(s, { re: spelledAnyWay(s), mask: `${/^sk-(?:[a-z]+-)?/.exec(s)?.[0] ?? ''}****` });
  }
}

// Each character as itself, %XX or \u00XX, with line breaks (real or escaped) and spaces allowed
// between any two: a proxy that wraps, encodes or escapes what it echoes does not unmask it.
function spelledAnyWay(v: string): RegExp {
  const gap = String.raw`(?:\s|\\[rnt])*`;
  const one = (c: string) => {
    const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
    return `(?:${c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}|%${hex}|\\\\u00${hex})`;
  };
  return new RegExp(Array.from(v, one).join(gap), 'gi');
}

/** A letter right before `sk-` with no digit in what follows reads as a word ("risk-management-…"), not a key. */
const wordy = (text: string, offset: number, match: string) => /[A-Za-z]/.test(text[offset - 1] ?? '') && !/\d/.test(match);

export function redact(text: string): string {
  let out = text;
  for (const { re, mask } of secrets.values()) out = out.replace(re, mask);
  return out
    .replace(AUTH_HEADER, '$1$2****')
    .replace(BEARER, '$1$2****')
    .replace(KEY_SHAPED, (m: string, kind: string | undefined, offset: number, whole: string) => (wordy(whole, offset, m) ? m : `sk-${kind ?? ''}****`));
}

/** An error's message (or the thrown value as text), redacted: what a log line or a message may say. */
export function errorText(e: unknown): string {
  return redact(e instanceof Error ? e.message : String(e));
}
