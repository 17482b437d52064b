// The rate-limit form, inside the webview. Everything from the extension is checked with zod and
// written as text (textContent, attributes), never as HTML. What is typed survives a failed save,
// a reload, and the panel being hidden (webview state) or closed (the extension keeps it).
import './l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { conflictBanner, el, onMessages, vscodeApi } from './dom';
import { whole } from '../shared/locale';
import { FIELDS, FromWebview, parseLimit, ToWebview, type Change, type Field, type Row } from './rateLimitProtocol';

type Edits = Record<string, Partial<Record<Field, string>>>;
const vscode = vscodeApi<FromWebview, { edits?: Edits; filter?: string }>();

const LABELS: Record<Field, string> = {
  max_requests_per_1_minute: l10n.t('Requests / min'),
  max_tokens_per_1_minute: l10n.t('Tokens / min'),
  max_images_per_1_minute: l10n.t('Images / min'),
  max_audio_megabytes_per_1_minute: l10n.t('Audio MB / min'),
  max_requests_per_1_day: l10n.t('Requests / day'),
  batch_1_day_max_input_tokens: l10n.t('Batch tokens / day'),
};

const saved = vscode.getState() ?? {};
let edits: Edits = saved.edits ?? {};
let filter = saved.filter ?? '';
let rows: Row[] = [];
let projectName = '';
const outcomes = new Map<string, { ok: boolean; text: string }>();
let busy = false;

const app = document.getElementById('app')!;

function remember(): void {
  vscode.setState({ edits, filter });
  vscode.postMessage({ type: 'edits', edits });
}

/** The changes to send: edited fields whose valid value differs from what was loaded. */
function changes(): { list: Change[]; invalid: number } {
  let invalid = 0;
  const list: Change[] = [];
  for (const row of rows) {
    const fields: Change['fields'] = {};
    const loaded: Change['loaded'] = {};
    for (const [f, text] of Object.entries(edits[row.id] ?? {}) as [Field, string][]) {
      const parsed = parseLimit(text);
      if ('error' in parsed) invalid++;
      else if (parsed.value !== row.values[f]) {
        fields[f] = parsed.value;
        loaded[f] = row.values[f];
      }
    }
    if (Object.keys(fields).length) list.push({ id: row.id, model: row.model, fields, loaded });
  }
  return { list, invalid };
}

function updateButtons(): void {
  const { list, invalid } = changes();
  const save = document.getElementById('save') as HTMLElement & { disabled: boolean };
  save.disabled = busy || invalid > 0 || list.length === 0;
  document.getElementById('summary')!.textContent = invalid
    ? l10n.t('{0} invalid value{1}: fix {2} to save.', invalid, invalid > 1 ? 's' : '', invalid > 1 ? 'them' : 'it')
    : list.length
      ? l10n.t('{0} model{1} changed.', list.length, list.length > 1 ? 's' : '')
      : l10n.t('No changes.');
}

function cell(row: Row, f: Field): HTMLElement {
  const td = el('td');
  const loaded = row.values[f];
  if (loaded === undefined) return td;
  const field = el('vscode-textfield') as HTMLElement & { value: string; invalid: boolean; label: string };
  field.setAttribute('data-model', row.model);
  field.setAttribute('data-field', f);
  field.setAttribute('aria-label', `${row.model} ${LABELS[f]}`);
  field.setAttribute('inputmode', 'numeric');
  field.value = edits[row.id]?.[f] ?? String(loaded);
  const error = el('div', { className: 'error' });
  const was = el('div', { className: 'was' });
  const show = () => {
    const text = edits[row.id]?.[f];
    const parsed = text === undefined ? undefined : parseLimit(text);
    const problem = parsed && 'error' in parsed ? parsed.error : '';
    field.invalid = !!problem;
    error.textContent = problem;
    was.textContent = text !== undefined && !problem && (parsed as { value: number }).value !== loaded ? l10n.t('server: {0}', whole(loaded)) : '';
  };
  field.addEventListener('input', () => {
    const value = field.value;
    const rowEdits = (edits[row.id] ??= {});
    if (value === String(loaded)) delete rowEdits[f];
    else rowEdits[f] = value;
    if (!Object.keys(rowEdits).length) delete edits[row.id];
    // An edited row is no longer what was saved (or what failed): its outcome goes, on screen too.
    outcomes.delete(row.id);
    const status = td.closest('tr')?.lastElementChild;
    if (status) {
      status.textContent = '';
      status.className = '';
    }
    show();
    remember();
    updateButtons();
  });
  show();
  td.append(field, error, was);
  return td;
}

/** The fields shown as columns (those any model has), as last rendered. */
let columns: Field[] = [];

function rowElement(row: Row): HTMLTableRowElement {
  const outcome = outcomes.get(row.id);
  const tr = el(
    'tr',
    {},
    el('td', {}, row.model),
    ...columns.map((f) => cell(row, f)),
    el('td', { className: outcome ? (outcome.ok ? 'saved' : 'failed') : '' }, outcome?.text ?? ''),
  );
  tr.setAttribute('data-model', row.model);
  tr.hidden = !!filter && !row.model.toLowerCase().includes(filter.toLowerCase());
  return tr;
}

/** Redraws only these rows (a save touches a few of a hundred; the rest keep their state as is). */
function renderRows(ids: Set<string>): void {
  for (const row of rows) {
    if (!ids.has(row.id)) continue;
    const old = [...document.querySelectorAll('tr[data-model]')].find((t) => t.getAttribute('data-model') === row.model);
    old?.replaceWith(rowElement(row));
  }
  updateButtons();
}

function render(notice?: HTMLElement): void {
  const present = FIELDS.filter((f) => rows.some((r) => r.values[f] !== undefined));
  const filterBox = el('vscode-textfield') as HTMLElement & { value: string; placeholder: string };
  filterBox.id = 'filter';
  filterBox.placeholder = l10n.t('Filter models');
  filterBox.setAttribute('aria-label', l10n.t('Filter models'));
  filterBox.value = filter;
  const save = el('vscode-button', { id: 'save' }, l10n.t('Save'));
  const reload = el('vscode-button', { id: 'reload' }, l10n.t('Reload'));
  reload.setAttribute('secondary', '');
  save.addEventListener('click', () => {
    const { list, invalid } = changes();
    if (invalid || !list.length || busy) return;
    busy = true;
    vscode.postMessage({ type: 'save', changes: list, overwrite: false });
    updateButtons();
  });
  reload.addEventListener('click', () => vscode.postMessage({ type: 'reload' }));
  const body = el('tbody');
  const header = el('tr', {}, el('th', {}, l10n.t('Model')), ...present.map((f) => el('th', {}, LABELS[f])), el('th', {}, l10n.t('Status')));
  columns = present;
  for (const row of rows) body.append(rowElement(row));
  filterBox.addEventListener('input', () => {
    filter = filterBox.value;
    for (const tr of body.querySelectorAll('tr')) tr.hidden = !!filter && !tr.getAttribute('data-model')!.toLowerCase().includes(filter.toLowerCase());
    remember();
  });
  app.replaceChildren(
    el('header', {}, el('h1', {}, l10n.t('Rate limits: {0}', projectName)), filterBox, el('span', { id: 'summary' }), reload, save),
    ...(notice ? [notice] : []),
    rows.length ? el('table', {}, el('thead', {}, header), body) : el('p', {}, l10n.t('This project has no rate limits.')),
  );
  updateButtons();
}

function conflictNotice(conflicts: Extract<ToWebview, { type: 'conflict' }>['conflicts']): HTMLElement {
  const n = (v: number | undefined) => (v === undefined ? l10n.t('none') : whole(v));
  return conflictBanner(
    l10n.t(
      'Someone changed these limits on the server since this form loaded. Save again with Overwrite to replace their values with yours, or Reload to see theirs (your edits are kept).',
    ),
    conflicts.map((c) => l10n.t('{0} · {1}: loaded {2}, server now {3}, yours {4}', c.model, LABELS[c.field], n(c.loaded), n(c.server), n(c.mine))),
    l10n.t('Overwrite'),
    () => {
      busy = true;
      vscode.postMessage({ type: 'save', changes: changes().list, overwrite: true });
      render();
    },
  );
}

onMessages(ToWebview, (m) => {
  switch (m.type) {
    case 'init': {
      rows = m.rows;
      projectName = m.projectName;
      if (m.edits && !Object.keys(edits).length) edits = m.edits;
      busy = false;
      render();
      if (m.focusModel) focusModel(m.focusModel);
      remember();
      // A user-timing mark: when the form was first drawn with its data (what the form budget measures).
      requestAnimationFrame(() => performance.mark('oaipx:rendered'));
      return;
    }
    case 'focus':
      return void focusModel(m.model);
    case 'saved': {
      busy = false;
      for (const r of m.results) {
        if (r.ok) {
          rows = rows.map((row) => (row.id === r.id ? r.row : row));
          delete edits[r.id];
          outcomes.set(r.id, { ok: true, text: 'Saved.' });
        } else {
          // The row keeps what was typed.
          outcomes.set(r.id, { ok: false, text: r.error });
        }
      }
      remember();
      // A banner (an earlier conflict or failure) no longer applies once a save has gone through.
      if (document.querySelector('.banner')) return void render();
      return void renderRows(new Set(m.results.map((r) => r.id)));
    }
    case 'conflict':
      busy = false;
      return void render(conflictNotice(m.conflicts));
    case 'failed':
      busy = false;
      return void render(el('div', { className: 'banner failed', id: 'failure' }, m.message));
  }
});

function focusModel(model: string): void {
  const tr = [...document.querySelectorAll('tr[data-model]')].find((t) => t.getAttribute('data-model') === model);
  if (!tr) return;
  (tr as HTMLElement).hidden = false;
  tr.scrollIntoView({ block: 'center' });
  // The element's own input takes the focus (the host element does not delegate it). The workbench
  // focuses the webview's body when it reveals the panel, after this runs: focus again then.
  const field = tr.querySelector('vscode-textfield') as (HTMLElement & { wrappedElement?: HTMLInputElement }) | null;
  const focus = () => (field?.wrappedElement ?? field)?.focus();
  focus();
  window.addEventListener('focus', () => setTimeout(focus), { once: true });
  setTimeout(focus, 100);
}

performance.mark('oaipx:ready');
vscode.postMessage({ type: 'ready' });
