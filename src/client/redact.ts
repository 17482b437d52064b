// Anything key-shaped is masked before it can reach a message or a log line. Redacted forms the API
// itself returns ("sk-proj-...abcd", "sk-admin-****abcd") are too short to match and stay readable.
const KEY_SHAPED = /\bsk-((?:admin|proj|svcacct|None)-)?[A-Za-z0-9_-]{12,}/g;
const BEARER = /\b(Bearer\s+)[^\s"',]+/gi;

export function redact(text: string): string {
  return text.replace(BEARER, '$1****').replace(KEY_SHAPED, (_m, kind: string | undefined) => `sk-${kind ?? ''}****`);
}

/** An error's message (or the thrown value as text), redacted: what a log line or a message may say. */
export function errorText(e: unknown): string {
  return redact(e instanceof Error ? e.message : String(e));
}
