// The Activity view, inside the webview: the audit log as a table, newest first, more rows as it
// scrolls (or with "Load more"), filtered by event type and actor. Everything from the extension is
// checked with zod and written as text, never as HTML.
import './l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { ActivityRow, FromActivityView, ToActivityView, type ActivityFilter } from './activityProtocol';
import { el, onMessages, vscodeApi } from './dom';
import { dateTime } from '../shared/locale';

const vscode = vscodeApi<FromActivityView, { filter?: ActivityFilter }>();
const app = document.getElementById('app')!;
let filter: ActivityFilter = vscode.getState()?.filter ?? {};
let hasMore = false;
let busy = true;

const tbody = el('tbody');
const status = el('p', { className: 'muted' });
status.setAttribute('aria-live', 'polite');
const more = el('vscode-button', { id: 'more', textContent: l10n.t('Load more') });
more.setAttribute('secondary', '');
more.hidden = true;
more.addEventListener('click', () => loadMore());
const when = (t: number) => {
  // Seconds, or a finer unit a proxy may send; a time that is no time says so instead of "Invalid Date".
  let s = t;
  while (Number.isFinite(s) && s > 1e11) s /= 1000;
  const d = new Date(s * 1000);
  return Number.isFinite(s) && s >= 0 && !Number.isNaN(d.getTime()) ? dateTime(s) : '—';
};

function loadMore(): void {
  if (busy || !hasMore) return;
  busy = true;
  status.textContent = l10n.t('Loading…');
  vscode.postMessage({ type: 'more' });
}

// More rows when the end of the table scrolls into view.
new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore()).observe(more);

function setFilter(f: ActivityFilter): void {
  filter = f;
  vscode.setState({ filter });
  busy = true;
  status.textContent = l10n.t('Loading…');
  vscode.postMessage({ type: 'filter', filter });
}

function init(title: string, scope: string, types: string[]): void {
  const type = el('select', { title: l10n.t('Event type') });
  type.setAttribute('aria-label', l10n.t('Event type'));
  type.append(el('option', { value: '', textContent: l10n.t('All events') }), ...types.map((t) => el('option', { value: t, textContent: t })));
  type.value = filter.eventType ?? '';
  const actor = el('input', { type: 'search', placeholder: l10n.t('Actor email'), value: filter.actor ?? '' });
  actor.setAttribute('aria-label', l10n.t('Actor email'));
  type.addEventListener('change', () => setFilter({ ...filter, eventType: type.value || undefined }));
  actor.addEventListener('change', () => setFilter({ ...filter, actor: actor.value.trim() || undefined }));
  const refresh = el('vscode-button', { textContent: l10n.t('Refresh') });
  refresh.setAttribute('secondary', '');
  refresh.addEventListener('click', () => {
    busy = true;
    vscode.postMessage({ type: 'refresh' });
  });
  const head = el(
    'tr',
    {},
    ...[l10n.t('When'), l10n.t('Event'), l10n.t('Actor'), l10n.t('Object'), l10n.t('Project'), l10n.t('Details')].map((h) => el('th', { textContent: h })),
  );
  app.replaceChildren(
    el('header', {}, el('h1', { textContent: title }), el('div', { className: 'filters' }, type, actor, refresh)),
    el('p', { className: 'muted', textContent: scope }),
    el('table', {}, el('thead', {}, head), tbody),
    more,
    status,
  );
}

function addRows(rows: ActivityRow[], reset: boolean): void {
  if (reset) tbody.replaceChildren();
  tbody.append(
    ...rows.map((r) =>
      el(
        'tr',
        {},
        el('td', { className: 'when', textContent: when(r.at) }),
        el('td', {}, el('code', { textContent: r.type })),
        el('td', { textContent: r.actor }),
        el('td', { textContent: r.object }),
        el('td', { textContent: r.project ?? '' }),
        el('td', { className: 'muted', textContent: r.details ?? '' }),
      ),
    ),
  );
  const count = tbody.children.length;
  status.textContent = count ? l10n.t('{0} event{1}{2}.', count, count === 1 ? '' : 's', hasMore ? l10n.t(', more below') : '') : l10n.t('No events match.');
}

onMessages(ToActivityView, (m) => {
  if (m.type === 'init') {
    filter = m.filter;
    init(m.title, m.scope, m.eventTypes);
  } else if (m.type === 'rows') {
    busy = false;
    hasMore = m.hasMore;
    more.hidden = !hasMore;
    addRows(m.rows, m.reset);
  } else {
    busy = false;
    status.replaceChildren(el('span', { className: 'error', textContent: m.message }));
    if (m.enableUrl) {
      const enable = el('vscode-button', { textContent: l10n.t('Turn On Audit Logging…') });
      enable.addEventListener('click', () => vscode.postMessage({ type: 'openEnable' }));
      status.append(' ', enable);
    }
  }
});

vscode.postMessage({ type: 'ready', filter });
