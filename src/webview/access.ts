// Who holds what, inside the webview: a section per project (or per person), a line per role with
// where it comes from, each with a button that shows the row it comes from in the tree. Everything
// from the extension is checked with zod and written as text, never as HTML.
import './l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { el, onMessages, vscodeApi } from './dom';
import { ToAccessView, type AccessView, type FromAccessView } from './accessProtocol';

const vscode = vscodeApi<FromAccessView, object>();
const app = document.getElementById('app')!;

function jump(target: string | undefined, label: string, text: string): HTMLElement | string {
  if (!target) return text;
  const b = el('button', { className: 'link', textContent: text, title: l10n.t('Show {0} in the tree', label) });
  b.dataset.target = target;
  b.addEventListener('click', () => vscode.postMessage({ type: 'reveal', target }));
  return b;
}

function draw(v: AccessView): void {
  const refresh = el('vscode-button', { id: 'refresh', textContent: l10n.t('Refresh') });
  refresh.setAttribute('secondary', '');
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  const parts: HTMLElement[] = [el('header', {}, el('h1', { textContent: v.title }), refresh), el('p', { id: 'summary', textContent: v.summary })];
  for (const n of v.notes) parts.push(el('p', { className: 'banner', textContent: n }));
  for (const s of v.sections) {
    const section = el('section', {}, el('h2', {}, jump(s.target, s.heading, s.heading)));
    if (s.error) section.append(el('p', { className: 'error', textContent: s.error }));
    else if (!s.lines.length) section.append(el('p', { className: 'muted', textContent: l10n.t('No role here.') }));
    else
      section.append(
        el(
          'table',
          {},
          el('thead', {}, el('tr', {}, el('th', { textContent: l10n.t('Role') }), el('th', { textContent: l10n.t('From') }))),
          el('tbody', {}, ...s.lines.map((line) => el('tr', {}, el('td', { textContent: line.text }), el('td', {}, jump(line.target, line.via, line.via))))),
        ),
      );
    parts.push(section);
  }
  app.replaceChildren(...parts);
}

onMessages(ToAccessView, (m) => draw(m.view));
vscode.postMessage({ type: 'ready' });
