// The settings form's field rules (src/webview/settingsProtocol.ts): dollars to cents, recipients,
// model ids; each bad text gets its reason, never a silent zero.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { setLocale } from '../../src/shared/locale';
import { MAX_CENTS, parseDollars, parseModelIds, parseRecipients } from '../../src/webview/settingsProtocol';

describe('settings form fields', () => {
  afterEach(() => setLocale('en'));

  it('dollars as typed become whole cents; empty is no limit unless one is required', () => {
    assert.deepEqual(parseDollars('100'), { cents: 10_000 });
    assert.deepEqual(parseDollars(' $1,250.5 '), { cents: 125_050 });
    assert.deepEqual(parseDollars('0.01'), { cents: 1 });
    assert.deepEqual(parseDollars('10 000'), { cents: 1_000_000 });
    assert.deepEqual(parseDollars(''), { cents: null });
    assert.deepEqual(parseDollars('  ', true), { error: 'Required.' });
  });

  it('refuses what is not an amount, a zero, a third decimal, and more than the most', () => {
    for (const bad of ['abc', '-5', '1.234', '1e3', '0x10', '12$'])
      assert.match((parseDollars(bad) as { error: string }).error, /An amount in US dollars/, bad);
    assert.match((parseDollars('0') as { error: string }).error, /At least \$0\.01/);
    assert.deepEqual(parseDollars(String(MAX_CENTS / 100)), { cents: MAX_CENTS });
    assert.match((parseDollars(String(MAX_CENTS / 100 + 1)) as { error: string }).error, /At most/);
  });

  it('in German, a space or an apostrophe groups digits and "." stays the decimal point', () => {
    setLocale('de');
    assert.deepEqual(parseDollars('1 250.50'), { cents: 125_050 });
    assert.deepEqual(parseDollars('42.5'), { cents: 4_250 });
  });

  it('recipients: any separator, duplicates once, at least one, each an address', () => {
    assert.deepEqual(parseRecipients('a@x.com, b@x.com;a@x.com\nc@y.org'), { emails: ['a@x.com', 'b@x.com', 'c@y.org'] });
    assert.match((parseRecipients(' , ') as { error: string }).error, /At least one address/);
    assert.match((parseRecipients('a@x.com, bob') as { error: string }).error, /"bob" is not an email address/);
  });

  it('model ids: one per line or by commas, in the order typed; a stray character is named', () => {
    assert.deepEqual(parseModelIds('gpt-4o\ngpt-4o-mini, ft:gpt-4o:acme:x:1\ngpt-4o'), { ids: ['gpt-4o', 'gpt-4o-mini', 'ft:gpt-4o:acme:x:1'] });
    assert.deepEqual(parseModelIds(''), { ids: [] });
    assert.match((parseModelIds('gpt-4o <script>') as { error: string }).error, /"<script>" is not a model id/);
  });
});
