// What the webview scripts share: the VS Code API, typed by the messages a view sends, and a small
// element builder that only ever sets properties and text (never HTML).
interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

/**
 * The VS Code API of this page. Every state the page keeps also carries what the extension wrote in
 * the page for restoring it after a reload (its `oaipx-restore` meta: which project, which row), so
 * VS Code hands it back with the range, filters or edits the page keeps.
 */
export function vscodeApi<Out, State extends object>(): VsCodeApi<Out, State> {
  const api = acquireVsCodeApi() as VsCodeApi<Out, State & { restore?: unknown }>;
  let restore: unknown;
  try {
    restore = JSON.parse(document.querySelector('meta[name="oaipx-restore"]')?.getAttribute('content') ?? 'null');
  } catch {
    restore = null; // not restorable; the page works as before
  }
  const keep = (s: State) => api.setState(restore ? { ...s, restore } : s);
  keep(api.getState() ?? ({} as State));
  return { postMessage: (m) => api.postMessage(m), getState: () => api.getState(), setState: keep };
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/**
 * Every message the extension sends this page, checked against the page's schema; anything else (a
 * message of another shape, from whatever posts into the frame) is dropped unread.
 */
export function onMessages<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, handle: (m: T) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const parsed = schema.safeParse(event.data);
    if (parsed.success) handle(parsed.data);
  });
}

/**
 * A form's notice that someone changed what it is about to save: why nothing was saved, each value in
 * a line, and Overwrite (the form's own Reload sits in its header). The ids are what the tests press.
 */
export function conflictBanner(message: string, lines: string[], overwriteLabel: string, onOverwrite: () => void): HTMLElement {
  const overwrite = el('vscode-button', { id: 'overwrite' }, overwriteLabel);
  overwrite.addEventListener('click', onOverwrite);
  return el('div', { className: 'banner', id: 'conflict' }, el('p', {}, message), el('ul', {}, ...lines.map((t) => el('li', {}, t))), overwrite);
}
