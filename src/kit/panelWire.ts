// What passes between the extension and one webview panel: the messages it is sent and the ones it
// sends back. Every panel talks through one, so Development and Test mode can watch a panel as a person
// sees it (what it was sent, what it said) without the panels keeping state for anyone but themselves.
import type * as vscode from 'vscode';

export interface PanelWire {
  /** The panel's kind (`activity`, `usage`, `rateLimits`) and what it is open for (a project id…). */
  readonly view: string;
  readonly key: string;
  post(message: unknown): void;
  /** Every message the webview sends (unchecked: the panel validates it). */
  onMessage(handle: (raw: unknown) => void): void;
}

/** Development and Test mode only: wraps each panel's wire (see extension.ts). */
export type WrapWire = (real: PanelWire) => PanelWire;

export function panelWire(panel: vscode.WebviewPanel, view: string, key: string, wrap?: WrapWire): PanelWire {
  const real: PanelWire = {
    view,
    key,
    post: (m) => void panel.webview.postMessage(m),
    onMessage: (handle) => void panel.webview.onDidReceiveMessage(handle),
  };
  return wrap ? wrap(real) : real;
}
