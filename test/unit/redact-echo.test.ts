// A proxy that echoes the request back in its error page: the admin key it carried must not reach the
// error message (what a notification and the log say), however the proxy spelled it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createProjectsClient, redact } from '../../src/client';
import { rejection } from './helpers';

// Built at run time so no key-shaped literal sits in the source.
const KEY = `sk-admin-Zq7Xw2Rt9Lm4Np6Kv8Bc1Hd3${'Fg5Js0Ty'.repeat(3)}`;

/** Every way a proxy or gateway has been seen to echo a header back. */
const spellings: [string, (auth: string, key: string) => string][] = [
  ['plain', (_a, k) => `your key ${k} is not allowed`],
  ['the header as sent', (a) => `echo: Authorization: ${a}`],
  ['JSON of the headers', (a) => JSON.stringify({ headers: { authorization: a } })],
  ['after an escaped line break in JSON', (_a, k) => JSON.stringify({ error: `line one\n${k}` })],
  ['after an underscore', (_a, k) => `token_${k}`],
  ['after digits', (_a, k) => `0042${k}`],
  ['split across lines', (_a, k) => `${k.slice(0, 20)}\n${k.slice(20, 41)}\r\n${k.slice(41)}`],
  ['split with escaped line breaks', (_a, k) => `${k.slice(0, 30)}\\n${k.slice(30)}`],
  ['URL-encoded', (_a, k) => `?key=${Array.from(k, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('')}`],
  ['JSON unicode escapes', (_a, k) => Array.from(k, (c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('')],
  ['Bearer, URL-encoded space', (_a, k) => `Bearer%20${k}`],
  ['bearer in lower case with a tab', (_a, k) => `bearer\t${k}`],
  ['without its sk- prefix', (_a, k) => `key body ${k.slice(3)}`],
];

describe('redaction of an echoed admin key', () => {
  let server: Server;
  let baseUrl: string;
  let spelling = spellings[0]![1];
  let asHtml = false;
  before(async () => {
    server = createServer((req, res) => {
      const body = spelling(req.headers.authorization ?? '', KEY);
      res.writeHead(502, { 'content-type': asHtml ? 'text/html' : 'application/json' });
      res.end(asHtml ? `<html><body><pre>${body}</pre></body></html>` : JSON.stringify({ error: { message: body, type: 'proxy_error' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  /** No run of 8 characters of the key's secret part survives (its kind, `sk-admin-`, may show). */
  const secret = KEY.slice('sk-admin-'.length);
  const leaks = (text: string) => {
    const found: string[] = [];
    for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) found.push(secret.slice(i, i + 8));
    return found;
  };

  for (const html of [false, true])
    for (const [name, spell] of spellings) {
      it(`${name}${html ? ', in an HTML page' : ''}: masked in the error`, async () => {
        spelling = spell;
        asHtml = html;
        const c = createProjectsClient({ baseUrl, apiKey: KEY, maxRetries: 0, timeoutMs: 5_000 });
        const e = await rejection(c.modifyProject({ projectId: 'proj_x', projectUpdateRequest: { name: 'x' } }));
        const text = [e.message, typeof e.apiMessage === 'string' ? e.apiMessage : ''].join('\n');
        assert.deepEqual(leaks(text), [], `${name}: ${text}`);
        // The same text through redact() (a log line built from the raw answer) is masked too.
        assert.deepEqual(leaks(redact(spell(`Bearer ${KEY}`, KEY))), []);
      });
    }

  it('leaves ordinary words with "sk-" in them alone', () => {
    for (const s of ['risk-management-dashboard', 'task-force-alpha-bravo', 'a desk-bound-team-of-nine']) assert.equal(redact(s), s);
  });
});
