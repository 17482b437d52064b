// What the webview scripts share: the VS Code API, typed by the messages a view sends, and a small
// element builder that only ever sets properties and text (never HTML).
interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

export function vscodeApi<Out, State>(): VsCodeApi<Out, State> {
  return acquireVsCodeApi() as VsCodeApi<Out, State>;
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
