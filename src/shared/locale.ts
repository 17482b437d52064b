// Dates, numbers and money in the person's display language: VS Code's (`vscode.env.language`) in
// the extension, the page's `lang` (which the extension sets from it) in a webview. Set once at start;
// a tag Intl does not know is English rather than an exception in a tree row.
let current = 'en';
const cache = new Map<string, unknown>();

export function setLocale(tag: string | undefined): void {
  let next = 'en';
  try {
    const [canonical] = Intl.getCanonicalLocales(tag || 'en');
    if (canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length) next = canonical;
  } catch {
    // not a language tag: English
  }
  if (next !== current) cache.clear();
  current = next;
}

export const locale = (): string => current;

/** One formatter per kind and options, made once for the current language. */
function cached<F>(kind: string, o: object, make: () => F): F {
  const key = `${kind}${JSON.stringify(o)}`;
  let f = cache.get(key) as F | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

const numberFormat = (o: Intl.NumberFormatOptions) => cached('n', o, () => new Intl.NumberFormat(current, o));
const dateFormat = (o: Intl.DateTimeFormatOptions) => cached('d', o, () => new Intl.DateTimeFormat(current, o));

/** 16134 → "16,134" in English, "16.134" in German. */
export const whole = (n: number): string => numberFormat({ maximumFractionDigits: 0 }).format(n);

/** What the display language writes between groups of digits: "," in English, "." in German. */
export const groupSeparator = (): string =>
  numberFormat({ useGrouping: true })
    .formatToParts(10000)
    .find((p) => p.type === 'group')?.value ?? ',';

/** A number with up to two decimals. */
export const decimal = (n: number): string => numberFormat({ maximumFractionDigits: 2 }).format(n);

/** 0.853 → "85%" in English, "85 %" in German. */
export const percent = (share: number): string => numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(share);

/** 26900000 → "26.9M" in English, "26,9 Mio." in German. */
export const compactNumber = (n: number): string => numberFormat({ notation: 'compact', maximumFractionDigits: 1 }).format(n);

/**
 * Money in the report's own currency (the API's lower-case ISO code); a code Intl does not know is
 * written after the number rather than dropped or taken for dollars.
 */
export function money(value: number, currency: string, short = false): string {
  try {
    return numberFormat({
      style: 'currency',
      currency: currency.toUpperCase(),
      maximumFractionDigits: short ? 1 : 2,
      ...(short ? { notation: 'compact' as const } : {}),
    }).format(value);
  } catch {
    return `${short ? compactNumber(value) : decimal(value)} ${currency}`;
  }
}

/** A calendar day of the API's UTC buckets: "Nov 5" / "5. Nov.". */
export const bucketDay = (unixSeconds: number): string => dateFormat({ month: 'short', day: 'numeric', timeZone: 'UTC' }).format(unixSeconds * 1000);

/** A date in the person's time zone: "Nov 14, 2023" / "14.11.2023". */
export const date = (unixSeconds: number): string => dateFormat({ dateStyle: 'medium' }).format(unixSeconds * 1000);

/** A moment in the person's time zone, to the minute. */
export const dateTime = (unixSeconds: number): string => dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(unixSeconds * 1000);
