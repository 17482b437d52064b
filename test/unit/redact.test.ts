import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../../src/client';

// Built at run time so no key-shaped literal sits in the source.
const body = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';

describe('redact', () => {
  it('masks every kind of key and bearer token, keeping the kind', () => {
    for (const [key, shown] of [
      [`sk-admin-${body}`, 'sk-admin-****'],
      [`sk-proj-${body}`, 'sk-proj-****'],
      [`sk-svcacct-${body}`, 'sk-svcacct-****'],
      [`sk-${body}`, 'sk-****'],
    ]) {
      const out = redact(`bad key ${key}, try again`);
      assert.equal(out, `bad key ${shown}, try again`);
    }
    assert.equal(redact(`Authorization: Bearer ${body}`), 'Authorization: Bearer ****');
  });

  it('leaves the API’s own redacted forms and ordinary text alone', () => {
    for (const s of ['sk-proj-****abcd', 'sk-abc...def', 'Incorrect API key provided: sk-admin-****1234.', 'task-force ask-me']) {
      assert.equal(redact(s), s);
    }
  });
});
