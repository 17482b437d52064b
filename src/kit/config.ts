// Settings, read fresh on every use and checked: a bad value is a clear message, not a stack trace.
import * as vscode from 'vscode';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface Settings {
  baseUrl: string;
  timeoutMs: number;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('openaiProjects');
  // Where the admin key is sent: the person's own (user) settings only. The manifest makes it
  // application-scoped; a value from anywhere else (a workspace, a folder, a remote machine's or a
  // dev container's settings) is not read even if VS Code were to offer it.
  const set = c.inspect<unknown>('baseUrl')?.globalValue;
  const baseUrl = (typeof set === 'string' ? set : DEFAULT_BASE_URL).trim() || DEFAULT_BASE_URL;
  if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
    throw new SettingsError(vscode.l10n.t('The setting openaiProjects.baseUrl ("{0}") is not an http(s) URL.', baseUrl));
  }
  const seconds = Number(c.get('requestTimeoutSeconds') ?? 30);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) {
    throw new SettingsError(vscode.l10n.t('The setting openaiProjects.requestTimeoutSeconds must be between 1 and 600 (got {0}).', seconds));
  }
  return { baseUrl, timeoutMs: seconds * 1000 };
}

export const SHOW_ARCHIVED = 'showArchived';

export function showArchived(): boolean {
  return vscode.workspace.getConfiguration('openaiProjects').get<boolean>(SHOW_ARCHIVED) === true;
}

/**
 * A setting that costs requests or deletes data: in Restricted Mode the workspace's own values are
 * not read (the manifest's `restrictedConfigurations` says the same to VS Code), only the person's.
 */
function trusted(name: string): unknown {
  const c = vscode.workspace.getConfiguration('openaiProjects');
  if (vscode.workspace.isTrusted) return c.get(name);
  const i = c.inspect(name);
  return i?.globalValue ?? i?.defaultValue;
}

/** Whether the organization index is kept on disk between sessions (default on). */
export function persistIndex(): boolean {
  return trusted('persistIndex') !== false;
}

/** Whether project rows show their month-to-date cost (one costs request for all; default off). */
export function showCost(): boolean {
  return trusted('showCost') === true;
}
