// The page every webview of ours starts from: CSP `default-src 'none'`, one nonce for our script and
// style, the bundle from dist/webview only. What the page shows is built by the script, as text.
import * as vscode from 'vscode';
import type * as z from 'zod/mini';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

/**
 * `restore` is what the page keeps in its webview state so that VS Code can bring the panel back after
 * a reload (see restore.ts): ids, never secrets.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, css: string, loading: string, restore?: object): string {
  const nonce = newNonce();
  // The page's own script by its nonce; the chunk the views share, which it imports, from dist/webview
  // (the only local resource root) by the webview's source.
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}' ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  const src = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(extensionUri), script));
  // The translations for the display language travel with the page (webviews have no vscode.l10n).
  const bundle = vscode.l10n.bundle ? `\n<meta name="l10n-bundle" content="${escapeHtml(JSON.stringify(vscode.l10n.bundle))}">` : '';
  const kept = restore ? `\n<meta name="oaipx-restore" content="${escapeHtml(JSON.stringify(restore))}">` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">${bundle}${kept}
<style nonce="${nonce}">${css}</style></head>
<body><main id="app"><p>${escapeHtml(loading)}</p></main>
<script nonce="${nonce}" type="module" src="${src.toString()}"></script></body></html>`;
}

/** A page with one message and no script (a panel that could not be restored). */
export function messageHtml(webview: vscode.Webview, title: string, message: string): string {
  const nonce = newNonce();
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'">
<style nonce="${nonce}">${BASE_CSS}</style></head>
<body><main id="app"><h1>${escapeHtml(title)}</h1><p class="muted" id="message">${escapeHtml(message)}</p></main></body></html>`;
}

const newNonce = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The look the views share: the editor's colours and font, tables that read like VS Code's. */
export const BASE_CSS = `
body { color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
header { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; z-index: 1; }
h1 { font-size: 1.2em; margin: 0 auto 0 0; }
h2 { font-size: 1.05em; margin: 16px 0 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, transparent); vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); }
.banner { border: 1px solid var(--vscode-inputValidation-warningBorder); background: var(--vscode-inputValidation-warningBackground); padding: 8px; margin: 8px 0; }
button.link { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; text-align: left; }
button.link:hover { text-decoration: underline; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
[hidden] { display: none !important; }
`;

/** A message from a webview, checked against its protocol; a malformed one is logged and dropped. */
export function fromWebview<T>(schema: z.ZodMiniType<T>, raw: unknown, log: vscode.LogOutputChannel, view: string): T | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  log.warn(`${view}: ignored a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  return undefined;
}
