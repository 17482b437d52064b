// A bulk change's plan, inside the webview: what it rests on, every change and every skip as a table,
// and Apply on it; while it applies, each change's outcome as it comes. Everything from the extension
// is checked with zod and written as text, never as HTML.
import './l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { el, onMessages, vscodeApi } from './dom';
import { FromPlanView, ToPlanView, type PlanChangeRow, type PlanView } from './planProtocol';

const vscode = vscodeApi<FromPlanView, object>();
const app = document.getElementById('app')!;

const OUTCOME: Record<NonNullable<PlanChangeRow['outcome']>['result'], () => string> = {
  done: () => l10n.t('done'),
  refused: () => l10n.t('refused'),
  'not run': () => l10n.t('not run'),
};

function button(label: string, primary: boolean, onClick: () => void, id: string): HTMLElement {
  const b = el('vscode-button', { id, textContent: label });
  if (!primary) b.setAttribute('secondary', '');
  b.addEventListener('click', onClick);
  return b;
}

function actions(p: PlanView): HTMLElement[] {
  const n = p.changes.length;
  const send = (type: 'apply' | 'cancel' | 'stop') => () => vscode.postMessage({ type, seq: p.seq });
  const markdown = button(l10n.t('Open as Markdown'), false, () => vscode.postMessage({ type: 'markdown' }), 'markdown');
  switch (p.phase) {
    case 'review':
      return [
        button(l10n.t('Apply {0} change{1}', n, n === 1 ? '' : 's'), true, send('apply'), 'apply'),
        button(l10n.t('Cancel'), false, send('cancel'), 'cancel'),
        markdown,
      ];
    case 'preview':
      return n ? [button(l10n.t('Apply to Organization…'), true, send('apply'), 'apply'), markdown] : [markdown];
    case 'applying':
      return [button(l10n.t('Stop'), false, send('stop'), 'stop')];
    default:
      return [markdown];
  }
}

function table(head: string[], rows: string[][], cls: (i: number) => string = () => ''): HTMLElement {
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { textContent: h })))),
    el('tbody', {}, ...rows.map((r, i) => el('tr', { className: cls(i) }, ...r.map((c) => el('td', { textContent: c }))))),
  );
}

function draw(p: PlanView): void {
  const showOutcome = p.changes.some((c) => c.outcome);
  const status = el('p', { id: 'status', className: 'muted', textContent: p.progress ?? '' });
  status.setAttribute('aria-live', 'polite');
  const parts: HTMLElement[] = [
    el('header', {}, el('h1', { textContent: p.title }), ...actions(p)),
    el('p', { id: 'summary', textContent: p.summary }),
    status,
  ];
  if (p.notes.length) parts.push(el('ul', { className: 'muted' }, ...p.notes.map((n) => el('li', { textContent: n }))));
  if (p.changes.length) {
    const head = [l10n.t('#'), l10n.t('project'), l10n.t('object'), l10n.t('before'), l10n.t('after'), ...(showOutcome ? [l10n.t('outcome')] : [])];
    const rows = p.changes.map((c, i) => [
      String(i + 1),
      c.project,
      c.object,
      c.before,
      c.after,
      ...(showOutcome ? [c.outcome ? OUTCOME[c.outcome.result]() + (c.outcome.message ? `: ${c.outcome.message}` : '') : ''] : []),
    ]);
    parts.push(
      el('h2', { textContent: l10n.t('Changes') }),
      table(head, rows, (i) => (p.changes[i]!.outcome ? `outcome-${p.changes[i]!.outcome.result.replace(' ', '-')}` : '')),
    );
  }
  if (p.consequences?.length) {
    parts.push(
      el('h2', { textContent: l10n.t('What goes with it') }),
      table(
        [l10n.t('project'), l10n.t('object'), l10n.t('what happens')],
        p.consequences.map((s) => [s.project, s.object, s.what]),
      ),
    );
  }
  if (p.skipped.length) {
    parts.push(
      el('h2', { textContent: l10n.t('Skipped') }),
      table(
        [l10n.t('project'), l10n.t('object'), l10n.t('why')],
        p.skipped.map((s) => [s.project, s.object, s.why]),
      ),
    );
  }
  app.replaceChildren(...parts);
}

onMessages(ToPlanView, (m) => draw(m.plan));

vscode.postMessage({ type: 'ready' });
