// What the extension-host tests share: the extension's test surface and the emulator the runner started.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { activate } from '../../src/extension';
import { PanelTap } from './panelTap';
import { ScriptedUi, type Prompt } from './scriptedUi';

/** What the extension exports in Development and Test mode (in Production: nothing). */
export type Surface = NonNullable<ReturnType<typeof activate>>;
/** The surface with a scripted person in front of its prompts. */
export type ExtensionApi = Omit<Surface, 'ui'> & { ui: ScriptedUi; watchUi(w: (p: Prompt) => void): void; panels: PanelTap };

export const EXTENSION_ID = 'openai-projects-explorer.openai-projects-explorer';

export function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this suite through the test runner (npm test).`);
  return v;
}

export const emulator = {
  get baseUrl() {
    return env('OAIPX_EMULATOR_URL');
  },
  get adminKey() {
    return env('OAIPX_EMULATOR_KEY');
  },
  /** A control endpoint of the emulator (`/__emulator/…`), over real HTTP. */
  async control<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
    const url = this.baseUrl.replace(/\/v1$/, '/__emulator') + path;
    const r = await fetch(url, { method: init?.method ?? 'GET', body: init?.body === undefined ? undefined : JSON.stringify(init.body) });
    if (!r.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  },
};

// Each test file is a bundle of its own, with its own copy of this module: the one scripted person
// of the host is kept where every bundle finds it.
const shared = globalThis as { oaipxExtensionApi?: Promise<ExtensionApi> };

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<Surface | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this host.`);
  return (shared.oaipxExtensionApi ??= Promise.resolve(ext.activate()).then(withScriptedUi));
}

/** The surface, its prompts answered by one ScriptedUi (bound to each core the extension makes). */
export async function withScriptedUi(surface: Surface | undefined): Promise<ExtensionApi> {
  if (!surface) throw new Error(`${EXTENSION_ID} exported nothing: is it running in Production mode?`);
  const ui = new ScriptedUi();
  await surface.useUi((real) => ui.bind(real));
  const tap = new PanelTap();
  await surface.useWire(tap.bind);
  // A plan's Apply or Cancel is a scripted answer too: left unused, the reset says so (and drops it).
  ui.alsoReset(() => tap.resetPlans().map((a) => `plan: ${a}`));
  return new Proxy(surface, {
    get(target, prop, receiver) {
      if (prop === 'ui') return ui;
      if (prop === 'watchUi') return (w: (p: Prompt) => void) => ui.watch(w);
      if (prop === 'panels') return tap;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  }) as unknown as ExtensionApi;
}

/** Polls until `check` holds; fails with what it last saw. */
/** A plan's Markdown document (what its panel's "Open as Markdown" shows), opened without showing it. */
export async function openPlan(name: string): Promise<vscode.TextDocument> {
  return await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'openai-projects-details', path: `/Plan — ${name}.md` }));
}

export async function eventually<T>(read: () => Promise<T> | T, check: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T;
  do {
    last = await read();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < end);
  throw new Error(`Still not as expected after ${ms} ms: ${JSON.stringify(last)}`);
}

/** A Markdown document's text as its preview reads it: backslash escapes resolved. */
export const asRendered = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

export function labels(nodes: { getTreeItem(): vscode.TreeItem }[]): string[] {
  return nodes.map((n) => {
    const l = n.getTreeItem().label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  });
}

export interface EmuProject {
  id: string;
  name: string;
  status: string;
  is_default: boolean;
  members: { user_id: string; role: string }[];
  service_accounts: { id: string; name: string; role: string }[];
  api_keys: { id: string; name: string; redacted_value: string; secret?: string; owner: { type: string; user_id?: string; service_account_id?: string } }[];
  rate_limits: { id: string; model: string; limits: Record<string, number> }[];
  groups?: { group_id: string; role_id: string; created_at: number }[];
  roles?: { id: string; name: string; permissions: string[]; description?: string | null }[];
  assignments?: { principal_type: string; principal_id: string; role_id: string }[];
}
export interface EmuOrg {
  id: string;
  projects: EmuProject[];
  users: { id: string; name: string; email: string; role: string; is_scim_managed?: boolean }[];
  invites?: { id: string; email: string; role: string; status: string; projects: { id: string; role: string }[] }[];
  admin_keys: string[];
  admin_key_records?: { id: string; name: string; secret: string; redacted_value: string; expires_at: number | null; owner_id: string }[];
  groups?: { id: string; name: string; members: string[]; is_scim_managed?: boolean }[];
  roles?: { id: string; name: string; permissions: string[]; description?: string | null }[];
  assignments?: { principal_type: string; principal_id: string; role_id: string }[];
}
export interface EmuRequest {
  /** When the emulator received it (ms since the epoch). */
  at: number;
  method: string;
  path: string;
  query: string;
  status: number | null;
  /** The emulator's own time for it, from arrival to the answer's last byte (added latency included). */
  ms?: number;
}

export const state = () => emulator.control<EmuOrg>('/state');
export const requests = async () => (await emulator.control<{ requests: EmuRequest[] }>('/requests')).requests;
export const clearRequests = () => emulator.control('/requests', { method: 'DELETE' });
export const resetOrg = () => emulator.control('/reset', { method: 'POST', body: { seed: 'demo' } });

/** What the tree should list: active projects, the default one first, then by name. */
export function expectedProjectNames(org: EmuOrg, includeArchived = false): string[] {
  return org.projects
    .filter((p) => includeArchived || p.status === 'active')
    .sort((a, b) => Number(b.is_default) - Number(a.is_default) || a.name.localeCompare(b.name))
    .map((p) => p.name);
}

export function label(n: { getTreeItem(): vscode.TreeItem }): string {
  const l = n.getTreeItem().label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

/** A write straight to the emulator's API with the test's admin key (what another admin does meanwhile). */
export async function apiPost(path: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(emulator.baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(r.ok, `POST ${path}: ${r.status}`);
  return (await r.json()) as Record<string, unknown>;
}
