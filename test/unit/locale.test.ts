// Dates, numbers and money in the display language (src/shared/locale.ts), and the rate-limit form's
// number parsing in it; the UI test (test/ui/locale.test.ts) checks the same in a German workbench.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { bucketDay, compactNumber, date, dateTime, locale, money, setLocale, whole } from '../../src/shared/locale';
import { compact, day, rateLimitTooltip } from '../../src/shared/format';
import { parseLimit } from '../../src/webview/rateLimitProtocol';

// A narrow or plain no-break space: Intl puts one between a number and its currency in some languages.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const NOV_5 = Date.UTC(2026, 10, 5, 12) / 1000;

describe('the display language', () => {
  afterEach(() => setLocale('en'));

  it('English by default, as it was', () => {
    assert.equal(locale(), 'en');
    assert.equal(whole(16134), '16,134');
    assert.equal(money(43.52, 'usd'), '$43.52');
    assert.equal(bucketDay(NOV_5), 'Nov 5');
    assert.equal(compact(1_500_000), '1.5M');
    assert.equal(compact(30_000), '30K');
  });

  it('German: groups, decimals, money, days and dates as German writes them', () => {
    setLocale('de');
    assert.equal(locale(), 'de');
    assert.equal(whole(16134), '16.134');
    assert.equal(plain(money(43.52, 'usd')), '43,52 $');
    assert.equal(plain(money(43.52, 'eur')), '43,52 €');
    assert.equal(bucketDay(NOV_5), '5. Nov.');
    assert.equal(plain(compactNumber(26_900_000)), '26,9 Mio.');
    assert.match(date(NOV_5), /^0?5\.11\.2026$/);
    assert.match(dateTime(NOV_5), /^0?5\.11\.2026, \d{2}:\d{2}$/);
    assert.equal(day(NOV_5), date(NOV_5), 'tree rows use the same date');
    const tooltip = rateLimitTooltip({
      object: 'project.rate_limit',
      id: 'rl',
      model: 'gpt-x',
      max_requests_per_1_minute: 30000,
      max_tokens_per_1_minute: 150000,
    });
    assert.ok(tooltip.includes('30.000'), tooltip);
  });

  it('money in the report’s own currency; a code Intl cannot write comes after the number', () => {
    setLocale('en');
    assert.equal(money(10, 'eur'), '€10.00');
    assert.equal(money(10, 'jpy'), '¥10');
    assert.equal(money(12.345, 'credits'), '12.35 credits');
    assert.equal(money(1500, 'usd', true), '$1.5K');
  });

  it('a tag that is not a language, or one Intl has no data for, is English rather than a throw', () => {
    for (const tag of ['', 'not a tag!', '@@', undefined]) {
      setLocale(tag);
      assert.equal(locale(), 'en', String(tag));
      assert.equal(whole(1234), '1,234');
    }
    setLocale('pt-BR');
    assert.equal(locale(), 'pt-BR');
    assert.equal(whole(1234), '1.234');
  });

  it('the rate-limit form reads digit groups as the display language writes them, never as decimals', () => {
    setLocale('en');
    assert.deepEqual(parseLimit('30,000'), { value: 30000 });
    assert.deepEqual(parseLimit(' 30 000 '), { value: 30000 });
    assert.ok('error' in parseLimit('30.5'));
    setLocale('de');
    assert.deepEqual(parseLimit('30.000'), { value: 30000 });
    assert.ok('error' in parseLimit('30,5'));
    const over = parseLimit('9999999999999');
    assert.ok('error' in over && over.error.includes('1.000.000.000.000'), JSON.stringify(over));
  });
});
