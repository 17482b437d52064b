// Starts the VS Code server (the offline host) on 127.0.0.1 with throw-away data folders, and stops it
// with its whole process group. The server's environment reaches the extension host.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provision } from '../../scripts/host/provision.mjs';

export interface VsCodeServer {
  port: number;
  origin: string;
  /** Where its data lives: the user settings are `user/User/settings.json` below it. */
  dataDir: string;
  /** A workbench URL that opens `folder` and, with `payload`, loads an extension / runs tests. */
  url(folder: string, payload?: [string, string][]): string;
  /** Turns a local absolute path into the URI the workbench uses for it. */
  remote(path: string): string;
  close(): Promise<void>;
}

export interface ServerOptions {
  env?: Record<string, string>;
  /** The person's own settings (`openaiProjects.baseUrl` is application-scoped: only these set it). */
  userSettings?: Record<string, unknown>;
  /** The remote machine's settings (what a dev container or a shared server would hold). */
  machineSettings?: Record<string, unknown>;
  /** Where to keep its data; a fresh temp folder (removed on close) when omitted. */
  dataDir?: string;
  port?: number;
  onOutput?: (line: string) => void;
  /** More server arguments, e.g. to install a .vsix before it starts. */
  args?: string[];
  /** Workspace trust as VS Code has it (a folder not trusted opens in Restricted Mode); off by default. */
  workspaceTrust?: boolean;
}

// Nothing in the workbench should try the (closed) network: no gallery, updates or telemetry.
const QUIET = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'extensions.ignoreRecommendations': true,
  // A calm workbench for tests and screenshots.
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startVsCodeServer(opts: ServerOptions = {}): Promise<VsCodeServer> {
  const p = provision();
  const temp = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'oaipx-host-'));
  const dirs = { user: join(dataDir, 'user'), server: join(dataDir, 'server'), ext: join(dataDir, 'extensions') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  {
    // The server keeps the "Remote" (machine) settings under its --user-data-dir.
    mkdirSync(join(dirs.user, 'Machine'), { recursive: true });
    writeFileSync(join(dirs.user, 'Machine', 'settings.json'), JSON.stringify({ ...QUIET, ...opts.machineSettings }, null, 2));
    mkdirSync(join(dirs.user, 'User'), { recursive: true });
    writeFileSync(join(dirs.user, 'User', 'settings.json'), JSON.stringify({ ...opts.userSettings }, null, 2));
  }
  const port = opts.port ?? (await freePort());
  const child = spawn(
    p.node,
    [
      p.serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-telemetry',
      '--user-data-dir',
      dirs.user,
      '--server-data-dir',
      dirs.server,
      '--extensions-dir',
      dirs.ext,
      ...(opts.args ?? []),
    ],
    { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const origin = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const onData = (b: Buffer) => {
    for (const line of b.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      opts.onOutput?.(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const stop = once(child);
  const close = async () => {
    await kill(child, stop);
    if (temp) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(origin, child, 120_000, output);
  } catch (e) {
    await close();
    throw e;
  }
  const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
  return {
    port,
    origin,
    dataDir,
    remote,
    url(folder, payload) {
      const q = new URLSearchParams({ folder });
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${origin}/?${q}`;
    },
    close,
  };
}

function once(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM to the whole group, SIGKILL after 5 s: no server or extension host outlives a run. */
export async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // children that ignored the TERM
}

async function waitForHttp(origin: string, child: ChildProcess, ms: number, output: string[]): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`The VS Code server exited (${child.exitCode}) before it listened:\n${output.join('\n')}`);
    try {
      const r = await fetch(`${origin}/version`, { signal: AbortSignal.timeout(2_000) });
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The VS Code server did not answer on ${origin} within ${ms / 1000} s:\n${output.join('\n')}`);
}
