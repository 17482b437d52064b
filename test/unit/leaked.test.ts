// Leaked-key matching: a whole key, its start, its end, its id; and no match where the visible parts disagree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProjectApiKey } from '../../src/client';
import { cleanFragment, matchKey, parseRedacted, tailOf } from '../../src/index/leaked';
import { keySecret, rng } from '../../tools/emulator/seeds';

const key = (redacted_value: string, id = 'key_AbCdEf0123456789'): ProjectApiKey => ({
  object: 'organization.project.api_key',
  id,
  redacted_value,
  name: 'k',
  created_at: 0,
  last_used_at: null,
  owner: { type: 'user' },
});

describe('leaked-key matching', () => {
  const next = rng(42);
  const made = Array.from({ length: 200 }, () => keySecret(next));
  const { secret, redacted_value } = made[0]!;
  const k = key(redacted_value);

  it('parses the API’s redacted shapes', () => {
    assert.deepEqual(parseRedacted('sk-abc...def'), { head: 'sk-abc', tail: 'def' });
    assert.deepEqual(parseRedacted('sk-proj-****wxyz'), { head: 'sk-proj-', tail: 'wxyz' });
    assert.deepEqual(parseRedacted('sk-…wxyz'), { head: 'sk-', tail: 'wxyz' });
    assert.equal(parseRedacted('no-hidden-part'), undefined);
  });

  it('a whole key matches its own redacted value, and no other of 200', () => {
    assert.equal(matchKey(secret, k), 'full key');
    const others = made.slice(1).filter((m) => matchKey(secret, key(m.redacted_value)));
    assert.deepEqual(others, []);
  });

  it('a whole key with the right start but another end does not match', () => {
    const wrongEnd = secret.slice(0, -4) + (secret.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    assert.equal(matchKey(wrongEnd, k), undefined);
  });

  it('the end of a key (4+ characters) matches on the visible tail', () => {
    assert.equal(matchKey(secret.slice(-4), k), 'end');
    assert.equal(matchKey(secret.slice(-12), k), 'end');
    assert.equal(matchKey(secret.slice(-12, -2), k), undefined, 'a piece that does not reach the end tells nothing');
  });

  it('the start of a key matches on the visible head beyond the family prefix', () => {
    assert.equal(matchKey(secret.slice(0, 16), k), 'start');
    assert.equal(matchKey('sk-proj-', k), undefined, 'the family prefix alone matches nothing');
    assert.equal(matchKey('sk-proj-' + (redacted_value[8] === 'Z' ? 'Y' : 'Z') + 'xxxxxx', k), undefined);
  });

  it('a key id matches whole or by a piece of 6+, never by "key_" alone', () => {
    assert.equal(matchKey('key_AbCdEf0123456789', k), 'id');
    assert.equal(matchKey('Ef0123', k), 'id');
    assert.equal(matchKey('key_', k), undefined);
  });

  it('a 4-character piece that matches nothing matches nothing', () => {
    const tails = new Set(made.map((m) => m.redacted_value.slice(-4)));
    let piece = 'zzzz';
    for (let i = 0; tails.has(piece); i++) piece = `zz${String(i).padStart(2, '0')}`;
    assert.deepEqual(
      made.filter((m) => matchKey(piece, key(m.redacted_value, 'key_x'))),
      [],
    );
  });

  it('cleans what a copy adds around a key, and names only its last four', () => {
    assert.equal(cleanFragment(`  "Bearer ${secret}",\n`), secret);
    assert.equal(tailOf(secret), secret.slice(-4));
    assert.equal(matchKey('abc', k), undefined, 'under 4 characters: nothing');
  });
});
