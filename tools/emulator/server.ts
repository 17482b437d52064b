// A local, stateful OpenAI Projects admin API on 127.0.0.1, with the knobs tests need:
// latency, scripted faults, a per-key requests-per-minute budget, a request log and persistence.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, dispatch } from './api';
import { acceptInvite, acceptKey } from './organization';
import { clock } from './clock';
import type { Org } from './model';
import { buildSeed, parseSeedName, type SeedName } from './seeds';

export type FaultKind = '429' | '500' | '502' | '503' | 'hang' | 'malformed' | 'drop' | 'response' | 'reshape';
export interface Fault {
  kind: FaultKind;
  /** How many matching requests it answers; default 1. */
  count?: number;
  /** How many matching requests go through untouched first (the second of two creates fails); default 0. */
  skip?: number;
  method?: string;
  /** A regular expression matched against the path after /v1, e.g. `^/organization/projects$`. */
  path?: string;
  /** For 429/5xx: a Retry-After header in seconds. */
  retryAfterSeconds?: number;
  /** Send Retry-After as an HTTP date instead of seconds. */
  retryAfterAsDate?: boolean;
  /** For `response`: answer with exactly this status and JSON body (to script odd or future API answers). */
  status?: number;
  body?: unknown;
  /**
   * The request is carried out first and the fault replaces its answer: a write that happened but
   * whose answer was lost (a `drop` or `hang` after sending), or a 5xx from a proxy after the API acted.
   */
  after?: boolean;
  /** For `response`: headers to send with it (a redirect's Location, say). */
  headers?: Record<string, string>;
}

export interface LoggedRequest {
  seq: number;
  at: number;
  method: string;
  path: string;
  query: string;
  status: number | null;
  fault?: FaultKind;
  /** Milliseconds from its arrival to the last byte of the answer, added latency included: the server's time. */
  ms?: number;
}

export interface EmulatorOptions {
  port?: number;
  seed?: string;
  seedValue?: number;
  latencyMs?: number;
  /** Requests per minute allowed per key; 0 or undefined for none. */
  rpm?: number;
  /** Whether the rpm 429 carries Retry-After (the real API often sends none). */
  rpmRetryAfter?: boolean;
  /** The rpm window; 60 s like the API. Tests shorten it to see pacing in seconds. */
  rpmWindowMs?: number;
  /** A JSON file to load the organization from and save it to after each change. */
  dataFile?: string;
  /** False: no `/__emulator/` control endpoints (the demo inside the extension: nothing local can steer it). */
  control?: boolean;
  faults?: Fault[];
}

export interface Emulator {
  baseUrl: string;
  controlUrl: string;
  port: number;
  adminKey: string;
  /** The live organization; tests may read it to check what a request did. */
  readonly org: Org;
  readonly requests: LoggedRequest[];
  addFault(f: Fault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  setRpm(rpm: number, retryAfter?: boolean, windowMs?: number): void;
  /** Off: /organization/audit_logs answers as for an organization that has not turned audit logging on. */
  setAuditLogging(enabled: boolean): void;
  reset(seed?: string, seedValue?: number): void;
  close(): Promise<void>;
}

const NON_ADMIN_KEY = /^sk-(proj|svcacct|None)-/;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  let seed = parseSeedName(opts.seed ?? 'demo');
  let seedValue = opts.seedValue ?? 1;
  let org: Org = load();
  /** Other organizations, each answering to its own admin keys (Add Organization's tests); in memory only. */
  const others: Org[] = [];
  let latencyMs = opts.latencyMs ?? 0;
  let rpm = opts.rpm ?? 0;
  let rpmRetryAfter = opts.rpmRetryAfter ?? false;
  let rpmWindowMs = opts.rpmWindowMs ?? 60_000;
  const faults: (Fault & { left: number })[] = [];
  (opts.faults ?? []).forEach(addFault);
  const requests: LoggedRequest[] = [];
  const mintedKeys: string[] = [];
  const windows = new Map<string, number[]>();
  const sockets = new Set<Socket>();
  let seq = 0;

  function load(): Org {
    if (opts.dataFile && existsSync(opts.dataFile)) {
      try {
        return JSON.parse(readFileSync(opts.dataFile, 'utf8')) as Org;
      } catch (e) {
        throw new Error(`Could not read the data file ${opts.dataFile}: ${(e as Error).message}. Delete it to start from the seed.`, { cause: e });
      }
    }
    const o = seeded(seed, seedValue, 0);
    save(o);
    return o;
  }
  function seeded(name: SeedName, value: number, n: number): Org {
    const o = buildSeed(name, value);
    o.id = `org-${createHash('sha256').update(`${name}/${value}/${n}`).digest('base64url').replace(/[-_]/g, '').slice(0, 24)}`;
    return o;
  }
  function save(o: Org) {
    if (!opts.dataFile) return;
    const tmp = `${opts.dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(o));
    renameSync(tmp, opts.dataFile); // atomic on one filesystem: a crash leaves the old file or the new one
  }
  function addFault(f: Fault) {
    if (f.path) new RegExp(f.path); // reject a bad pattern now, not at match time
    faults.push({ ...f, left: f.count ?? 1 });
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: `Emulator error: ${String(e)}`, type: 'server_error', param: null, code: null } });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const arrived = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/__emulator/')) {
      if (opts.control === false) return void send(res, 404, { error: { message: 'Not found', type: 'invalid_request_error', param: null, code: null } });
      return void control(req.method ?? 'GET', url.pathname, raw, res);
    }

    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/v1(?=\/)/, '');
    const entry: LoggedRequest = { seq: ++seq, at: Date.now(), method, path, query: url.search, status: null };
    requests.push(entry);
    res.once('finish', () => (entry.ms = Math.round((performance.now() - arrived) * 100) / 100));
    if (requests.length > 100_000) requests.splice(0, 50_000); // a long demo must not grow without bound
    if (latencyMs > 0) await delay(latencyMs);

    let fault = faults.find((f) => f.left > 0 && (!f.method || f.method === method) && (!f.path || new RegExp(f.path).test(path)));
    if (fault?.skip) {
      fault.skip--;
      fault = undefined;
    }
    if (fault) {
      fault.left--;
      if (fault.left === 0) faults.splice(faults.indexOf(fault), 1);
    }
    if (fault && !fault.after) {
      entry.fault = fault.kind;
      return injectFault(fault, res, entry);
    }
    if (!url.pathname.startsWith('/v1/')) {
      entry.status = 404;
      return void send(res, 404, new ApiError(404, `Invalid URL (${method} ${url.pathname})`).body());
    }

    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!auth) {
      entry.status = 401;
      return void send(
        res,
        401,
        new ApiError(
          401,
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          null,
          null,
        ).body(),
      );
    }
    const target = [org, ...others].find((o) => acceptKey(o, auth));
    if (!target) {
      if (NON_ADMIN_KEY.test(auth)) {
        entry.status = 403;
        return void send(
          res,
          403,
          new ApiError(
            403,
            "You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role in your organization (Owner), and if you're using a restricted API key, that it has the necessary scopes.",
            null,
            'missing_scope',
          ).body(),
        );
      }
      entry.status = 401;
      const shown = `${auth.slice(0, Math.min(9, auth.length))}****${auth.slice(-4)}`;
      return void send(
        res,
        401,
        new ApiError(
          401,
          `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          null,
          'invalid_api_key',
        ).body(),
      );
    }

    if (rpm > 0) {
      const t = Date.now();
      const w = (windows.get(auth) ?? []).filter((x) => x > t - rpmWindowMs);
      windows.set(auth, w);
      if (w.length >= rpm) {
        entry.status = 429;
        const headers: Record<string, string> = rpmRetryAfter ? { 'retry-after': String(Math.max(1, Math.ceil((w[0]! + rpmWindowMs - t) / 1000))) } : {};
        return void send(
          res,
          429,
          new ApiError(
            429,
            `Rate limit reached for requests per min (RPM): Limit ${rpm}, Used ${w.length}, Requested 1. Please try again later.`,
            null,
            'rate_limit_exceeded',
            'requests',
          ).body(),
          headers,
        );
      }
      w.push(t);
    }

    try {
      const said: Record<string, string> = target.id ? { 'openai-organization': target.id } : {};
      const { json, mutated } = dispatch(target, method, path, url.searchParams, raw, auth);
      if (mutated && target === org) save(org);
      // A new service account's or admin key, remembered in memory only, for the leak tests to look for.
      const answer = json as { api_key?: { value?: unknown } | null; value?: unknown };
      for (const minted of [answer.api_key?.value, answer.value]) if (typeof minted === 'string') mintedKeys.push(minted);
      entry.status = 200;
      if (fault?.after) {
        entry.fault = fault.kind;
        // The real answer, of the wrong shape (a proxy or a future API that dates things differently).
        if (fault.kind === 'reshape') return void send(res, 200, { ...(json as object), created_at: 'yesterday' }, said);
        return injectFault(fault, res, entry);
      }
      send(res, 200, json, said);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      entry.status = e.status;
      send(res, e.status, e.body(), target.id ? { 'openai-organization': target.id } : {});
    }
  }

  function injectFault(f: Fault, res: ServerResponse, entry: LoggedRequest) {
    switch (f.kind) {
      case 'hang':
        return; // no answer: the client's timeout (or close()) ends it
      case 'drop':
        res.socket?.destroy();
        return;
      case 'response':
        entry.status = f.status ?? 200;
        if (typeof f.body === 'string') {
          res.writeHead(entry.status, { 'content-type': 'text/html', 'x-request-id': requestId(), ...f.headers });
          return res.end(f.body);
        }
        return void send(res, entry.status, f.body ?? {}, f.headers);
      case 'malformed':
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId() });
        res.end('{"object": "list", "data": [{"id": "proj_');
        return;
      default: {
        const status = Number(f.kind);
        entry.status = status;
        const headers: Record<string, string> = {};
        if (f.retryAfterSeconds !== undefined) {
          headers['retry-after'] = f.retryAfterAsDate ? new Date(Date.now() + f.retryAfterSeconds * 1000).toUTCString() : String(f.retryAfterSeconds);
        }
        const body =
          status === 429
            ? new ApiError(429, 'Rate limit reached for requests. Please try again later.', null, 'rate_limit_exceeded', 'requests')
            : new ApiError(status, 'The server had an error while processing your request. Sorry about that!', null, null, 'server_error');
        send(res, status, body.body(), headers);
      }
    }
  }

  function control(method: string, path: string, raw: string, res: ServerResponse) {
    const ok = (v: unknown = { ok: true }) => send(res, 200, v);
    try {
      const body = raw.trim() ? (JSON.parse(raw) as Record<string, unknown>) : {};
      switch (`${method} ${path}`) {
        case 'GET /__emulator/health':
          return void ok({ ok: true, baseUrl: emu.baseUrl });
        case 'GET /__emulator/requests':
          return void ok({ requests });
        case 'DELETE /__emulator/requests':
          requests.length = 0;
          return void ok();
        case 'GET /__emulator/faults':
          return void ok({ faults });
        case 'POST /__emulator/faults':
          addFault(body as unknown as Fault);
          return void ok();
        case 'DELETE /__emulator/faults':
          faults.length = 0;
          return void ok();
        case 'POST /__emulator/clock':
          clock.offsetMs = Number(body.offsetMs ?? 0);
          return void ok();
        case 'POST /__emulator/latency':
          latencyMs = Number(body.ms ?? 0);
          return void ok();
        case 'POST /__emulator/rpm':
          emu.setRpm(Number(body.rpm ?? 0), body.retryAfter === true, body.windowMs === undefined ? undefined : Number(body.windowMs));
          return void ok();
        case 'POST /__emulator/audit-logging':
          emu.setAuditLogging(body.enabled !== false);
          return void ok();
        case 'GET /__emulator/minted':
          return void ok({ keys: mintedKeys });
        case 'POST /__emulator/invites/accept': {
          // The invited person follows the link: a member of the organization and the invite's projects.
          const u = acceptInvite(org, String(body.id), typeof body.name === 'string' ? body.name : undefined);
          save(org);
          return void ok(u);
        }
        case 'GET /__emulator/state':
          return void ok(org);
        case 'POST /__emulator/orgs': {
          // Another organization on the same address, as the real API serves every organization.
          const o = seeded(
            parseSeedName(typeof body.seed === 'string' ? body.seed : 'demo'),
            Number(body.seedValue ?? 1000 + others.length),
            others.length + 1,
          );
          others.push(o);
          return void ok({ id: o.id, adminKey: o.admin_keys[0], projects: o.projects.map((p) => p.name) });
        }
        case 'GET /__emulator/orgs':
          return void ok({ orgs: [org, ...others].map((o) => ({ id: o.id, adminKey: o.admin_keys[0], projects: o.projects.map((p) => p.name) })) });
        case 'POST /__emulator/reset':
          emu.reset(body.seed as string | undefined, body.seedValue as number | undefined);
          return void ok({ ok: true, adminKey: emu.adminKey });
      }
      send(res, 404, { error: `no control endpoint ${method} ${path}` });
    } catch (e) {
      send(res, 400, { error: String(e) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const emu: Emulator = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    controlUrl: `http://127.0.0.1:${port}/__emulator`,
    port,
    get adminKey() {
      return org.admin_keys[0]!;
    },
    get org() {
      return org;
    },
    requests,
    addFault,
    clearFaults: () => void (faults.length = 0),
    setLatency: (ms) => void (latencyMs = ms),
    setRpm(n, retryAfter = false, windowMs = 60_000) {
      rpm = n;
      rpmRetryAfter = retryAfter;
      rpmWindowMs = windowMs;
      windows.clear();
    },
    setAuditLogging(enabled) {
      org.audit_logging = enabled;
      save(org);
    },
    reset(s, v) {
      seed = parseSeedName(s ?? seed);
      seedValue = v ?? seedValue;
      org = seeded(seed, seedValue, 0);
      others.length = 0;
      save(org);
      requests.length = 0;
      faults.length = 0;
      windows.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return emu;
}

/**
 * The added latency, to within a tenth of a millisecond: a plain timer fires a millisecond or more
 * late, which at 50 ms would count as 2% of network the client never caused.
 */
async function delay(ms: number): Promise<void> {
  const end = performance.now() + ms;
  if (ms > 3) await new Promise((r) => setTimeout(r, ms - 3));
  while (performance.now() < end) await new Promise((r) => setImmediate(r));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function requestId() {
  return `req_${randomBytes(16).toString('hex')}`;
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}) {
  const body = JSON.stringify(json);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId(),
    'openai-version': '2020-10-01',
    'openai-processing-ms': '12',
    date: new Date(clock.nowMs()).toUTCString(),
    ...headers,
  });
  res.end(body);
}
