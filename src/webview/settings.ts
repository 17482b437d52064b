// The settings form, inside the webview: a section per policy facet, drawn as each is read, checked as
// you type. Everything from the extension is checked with zod and written as text, never as HTML. What
// is typed survives a failed save, a reload and the panel being hidden (webview state) or closed (the
// extension keeps it and offers it back).
import './l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { conflictBanner, el, onMessages, vscodeApi } from './dom';
import {
  checkDraft,
  DEFAULT_TIERS,
  draftAs,
  draftOf,
  FromWebview,
  loadedAs,
  OPTIONAL_TIERS,
  ORG_RETENTION,
  PROJECT_RETENTION,
  sameDraft,
  sectionLabel,
  ToWebview,
  TOOLS,
  type Draft,
  type Drafts,
  type Loaded,
  type Section,
} from './settingsProtocol';

const vscode = vscodeApi<FromWebview, { drafts?: Drafts }>();
const app = document.getElementById('app')!;

let title = '';
let scope: 'project' | 'organization' = 'project';
let sections: Section[] = [];
const loaded: Partial<Loaded> = {};
let drafts: Drafts = vscode.getState()?.drafts ?? {};
/** Each section's line under its title: reading, why it failed, its save's outcome. */
const status = new Map<Section, { kind: 'loading' | 'failed' | 'saved' | 'error'; text: string }>();
let busy = false;
let banner: HTMLElement | undefined;

const NAMES: Record<string, string> = {
  all: l10n.t('Every model'),
  allow_list: l10n.t('Only these models'),
  deny_list: l10n.t('Every model except these'),
  organization_default: l10n.t('The organization’s default'),
  none: l10n.t('None (standard retention)'),
  zero_data_retention: l10n.t('Zero data retention'),
  modified_abuse_monitoring: l10n.t('Modified abuse monitoring'),
  enhanced_zero_data_retention: l10n.t('Enhanced zero data retention'),
  enhanced_modified_abuse_monitoring: l10n.t('Enhanced modified abuse monitoring'),
  file_search: l10n.t('File search'),
  web_search: l10n.t('Web search'),
  image_generation: l10n.t('Image generation'),
  mcp: l10n.t('MCP (remote servers)'),
  code_interpreter: l10n.t('Code interpreter'),
  standard: l10n.t('Standard'),
  fast: l10n.t('Fast'),
  scale: l10n.t('Scale'),
  flex: l10n.t('Flex'),
  ultrafast: l10n.t('Ultrafast'),
};
/** A value the API answered that this form does not know is shown by its id, marked, and kept. */
const nameOf = (id: string) => NAMES[id] ?? l10n.t('{0} (not known to this form)', id);

function current<S extends Section>(s: S): Draft[S] | undefined {
  const d = draftAs(s, drafts[s]);
  if (d) return d;
  const l = loaded[s];
  return l ? draftOf(s, l) : undefined;
}

/** The sections whose fields ask for something other than what was loaded. */
function changed(): Section[] {
  return sections.filter((s) => {
    const d = draftAs(s, drafts[s]);
    const l = loaded[s];
    return d && l && !sameDraft(s, d, draftOf(s, l));
  });
}

function remember(): void {
  vscode.setState({ drafts });
  vscode.postMessage({ type: 'edits', edits: drafts });
}

/** A field was edited: the section's draft is kept, its problems and the Save button shown anew. */
function edit<S extends Section>(s: S, change: (d: Draft[S]) => void, redraw = false): void {
  const d = current(s);
  if (!d) return;
  change(d);
  (drafts as Record<Section, unknown>)[s] = d;
  if (status.get(s)?.kind !== 'loading' && status.get(s)?.kind !== 'failed') status.delete(s);
  remember();
  if (redraw) drawSection(s);
  else {
    const line = document.querySelector(`section[data-section="${s}"] .status`);
    if (line) line.textContent = '';
  }
  check();
}

/** Each field's problem under it, the summary and whether Save can be pressed. */
function check(): void {
  let invalid = 0;
  const list = changed();
  for (const s of sections) {
    const d = current(s);
    if (!d || !loaded[s]) continue;
    const c = checkDraft(s, d);
    const errors = 'errors' in c ? c.errors : {};
    if (list.includes(s)) invalid += Object.keys(errors).length;
    for (const box of document.querySelectorAll(`section[data-section="${s}"] [data-error]`)) box.textContent = errors[box.getAttribute('data-error')!] ?? '';
  }
  const save = document.getElementById('save') as (HTMLElement & { disabled: boolean }) | null;
  if (save) save.disabled = busy || invalid > 0 || !list.length;
  const summary = document.getElementById('summary');
  if (summary)
    summary.textContent = invalid
      ? invalid === 1
        ? l10n.t('1 problem to fix before saving.')
        : l10n.t('{0} problems to fix before saving.', invalid)
      : list.length
        ? l10n.t('Changed: {0}.', list.map((s) => sectionLabel(s)).join(', '))
        : l10n.t('No changes.');
}

type Field = HTMLElement & { value: string };
type Toggle = HTMLElement & { checked: boolean; disabled: boolean; label: string; value: string; name: string };

function textField(id: string, value: string, label: string, onInput: (v: string) => void, area = false): Field {
  const f = el(area ? 'vscode-textarea' : 'vscode-textfield') as Field;
  f.setAttribute('data-field', id);
  f.setAttribute('aria-label', label);
  f.value = value;
  if (area) f.setAttribute('rows', '4');
  f.addEventListener('input', () => onInput(f.value));
  return f;
}
/** Where a field's problem is written as you type (by its key in checkDraft's errors). */
const withError = (key: string) => {
  const e = el('div', { className: 'error' });
  e.setAttribute('data-error', key);
  return e;
};

function toggle(kind: 'checkbox' | 'radio', id: string, label: string, checked: boolean, onChange: (on: boolean) => void, disabled = false): Toggle {
  const t = el(kind === 'checkbox' ? 'vscode-checkbox' : 'vscode-radio') as Toggle;
  t.label = label;
  t.value = id;
  t.checked = checked;
  t.disabled = disabled;
  t.setAttribute('data-choice', id);
  t.addEventListener('change', () => onChange(t.checked));
  return t;
}

function radios(name: string, choices: string[], chosen: string, onPick: (id: string) => void, variant: 'vertical' | 'horizontal' = 'vertical'): HTMLElement {
  const all = choices.includes(chosen) || !chosen ? choices : [...choices, chosen];
  const group = el('vscode-radio-group');
  group.setAttribute('variant', variant);
  group.setAttribute('data-group', name);
  for (const id of all) {
    const r = toggle('radio', id, nameOf(id), id === chosen, (on) => on && onPick(id));
    r.name = name;
    group.append(r);
  }
  return group;
}

const BODIES: { [S in Section]: (d: Draft[S], l: Loaded[S]) => (Node | string)[] } = {
  spendLimit: (d, l) => [
    el(
      'div',
      { className: 'row' },
      textField('spendLimit.amount', d.amount, l10n.t('Hard limit, US dollars a month'), (v) => edit('spendLimit', (x) => void (x.amount = v))),
      el('span', { className: 'note' }, l10n.t('US dollars a month; empty for no limit. Requests are refused once the month’s spend reaches it.')),
    ),
    withError('amount'),
    ...(l.enforcement === 'enforcing' ? [el('p', { className: 'error' }, l10n.t('Enforcing now: this month’s spend has reached the limit.'))] : []),
  ],
  spendAlerts: (d) => {
    const add = el('vscode-button', { id: 'addAlert' }, l10n.t('Add Alert'));
    add.setAttribute('secondary', '');
    add.addEventListener('click', () => edit('spendAlerts', (x) => void x.alerts.push({ amount: '', recipients: '' }), true));
    return [
      ...(d.alerts.length ? [] : [el('p', { className: 'note' }, l10n.t('No alerts: nobody is emailed as spend grows.'))]),
      ...d.alerts.map((a, i) => {
        const remove = el('vscode-button', {}, l10n.t('Remove'));
        remove.setAttribute('secondary', '');
        remove.setAttribute('data-remove', String(i));
        remove.addEventListener('click', () => edit('spendAlerts', (x) => void x.alerts.splice(i, 1), true));
        return el(
          'div',
          { className: 'row alert' },
          el(
            'div',
            {},
            el('div', { className: 'note' }, l10n.t('When the month’s spend reaches (US dollars)')),
            textField(`spendAlerts.${i}.amount`, a.amount, l10n.t('Alert {0}: at US dollars', i + 1), (v) =>
              edit('spendAlerts', (x) => void (x.alerts[i]!.amount = v)),
            ),
            withError(`alert.${i}.amount`),
          ),
          el(
            'div',
            { className: 'wide' },
            el('div', { className: 'note' }, l10n.t('Email')),
            textField(`spendAlerts.${i}.recipients`, a.recipients, l10n.t('Alert {0}: email to', i + 1), (v) =>
              edit('spendAlerts', (x) => void (x.alerts[i]!.recipients = v)),
            ),
            withError(`alert.${i}.recipients`),
          ),
          remove,
        );
      }),
      add,
    ];
  },
  models: (d) => [
    radios('models.mode', ['all', 'allow_list', 'deny_list'], d.mode, (mode) => edit('models', (x) => void (x.mode = mode), true)),
    withError('mode'),
    ...(d.mode === 'all'
      ? []
      : [
          textField(
            'models.ids',
            d.ids,
            d.mode === 'allow_list' ? l10n.t('Models allowed') : l10n.t('Models refused'),
            (v) => edit('models', (x) => void (x.ids = v)),
            true,
          ),
          el('div', { className: 'note' }, l10n.t('Model ids, one per line or separated by commas.')),
          withError('ids'),
        ]),
  ],
  hostedTools: (d) => [
    ...Object.entries(d.tools).map(([tool, on]) =>
      el(
        'div',
        {},
        toggle('checkbox', tool, nameOf(tool), on, (v) => edit('hostedTools', (x) => void (x.tools[tool] = v)), !TOOLS.includes(tool)),
      ),
    ),
  ],
  dataRetention: (d) => [
    radios('dataRetention.type', scope === 'project' ? PROJECT_RETENTION : ORG_RETENTION, d.type, (t) => edit('dataRetention', (x) => void (x.type = t))),
    withError('type'),
  ],
  serviceTiers: (d) => {
    const optional = [...new Set([...OPTIONAL_TIERS, ...d.enabled])];
    return [
      el('div', { className: 'note' }, l10n.t('Default tier (a request that names none):')),
      radios('serviceTiers.default', DEFAULT_TIERS, d.default, (t) => edit('serviceTiers', (x) => void (x.default = t)), 'horizontal'),
      el('div', { className: 'note' }, l10n.t('Also allowed (Standard always is):')),
      el(
        'div',
        {},
        toggle('checkbox', 'all', l10n.t('Every tier, future ones included'), d.all, (on) => edit('serviceTiers', (x) => void (x.all = on), true)),
      ),
      ...optional.map((t) =>
        el(
          'div',
          {},
          toggle(
            'checkbox',
            t,
            nameOf(t),
            d.all || d.enabled.includes(t),
            (on) => edit('serviceTiers', (x) => void (x.enabled = on ? [...new Set([...x.enabled, t])] : x.enabled.filter((y) => y !== t))),
            d.all,
          ),
        ),
      ),
    ];
  },
};

function drawSection(s: Section): void {
  const box = document.querySelector(`section[data-section="${s}"]`);
  if (box) box.replaceWith(sectionElement(s));
  check();
}

function sectionElement(s: Section): HTMLElement {
  const st = status.get(s);
  const line = el('div', { className: `status ${st?.kind ?? ''}` }, st?.text ?? '');
  const l = loaded[s];
  const d = current(s);
  const body: (Node | string)[] = [];
  if (st?.kind === 'failed' || !l || !d) {
    if (st?.kind === 'failed') {
      const retry = el('vscode-button', {}, l10n.t('Retry'));
      retry.setAttribute('secondary', '');
      retry.addEventListener('click', () => {
        status.set(s, { kind: 'loading', text: l10n.t('Reading…') });
        drawSection(s);
        vscode.postMessage({ type: 'reload', section: s });
      });
      body.push(retry);
    }
  } else body.push(...(BODIES[s] as (d: Draft[Section], l: Loaded[Section]) => (Node | string)[])(d, l));
  const box = el('section', {}, el('h2', {}, sectionLabel(s)), line, ...body);
  box.setAttribute('data-section', s);
  return box;
}

function render(): void {
  const save = el('vscode-button', { id: 'save' }, l10n.t('Save'));
  const reload = el('vscode-button', { id: 'reload' }, l10n.t('Reload'));
  reload.setAttribute('secondary', '');
  save.addEventListener('click', () => {
    if (busy || !changed().length) return;
    send(false);
  });
  reload.addEventListener('click', () => {
    banner = undefined;
    for (const s of sections) status.set(s, { kind: 'loading', text: l10n.t('Reading…') });
    render();
    vscode.postMessage({ type: 'reload' });
  });
  app.replaceChildren(
    el('header', {}, el('h1', {}, title), el('span', { id: 'summary' }), reload, save),
    ...(banner ? [banner] : []),
    el('div', { className: 'sections' }, ...sections.map(sectionElement)),
  );
  check();
}

/** Sends the changed sections (the extension checks them again and writes each once). */
function send(overwrite: boolean): void {
  const list = changed();
  busy = true;
  banner = undefined;
  for (const s of list) status.set(s, { kind: 'loading', text: l10n.t('Saving…') });
  render();
  vscode.postMessage({ type: 'save', drafts: Object.fromEntries(list.map((s) => [s, drafts[s]])), overwrite });
}

function conflictNotice(conflicts: { section: Section; text: string }[]): HTMLElement {
  return conflictBanner(
    l10n.t(
      'Someone changed these settings on the server since this form loaded. Nothing was saved. Overwrite to replace theirs with yours, or Reload to see theirs (your edits are kept).',
    ),
    conflicts.map((c) => c.text),
    l10n.t('Overwrite'),
    () => send(true),
  );
}

onMessages(ToWebview, (m) => {
  switch (m.type) {
    case 'init':
      title = m.title;
      scope = m.scope;
      sections = m.sections;
      // Each draft is checked against its section's schema where it is used (draftAs).
      if (m.edits && !Object.keys(drafts).length) drafts = m.edits as Drafts;
      for (const s of sections) if (!loaded[s]) status.set(s, { kind: 'loading', text: l10n.t('Reading…') });
      return void render();
    case 'section': {
      const v = loadedAs(m.section, m.loaded);
      if (!v) return;
      (loaded as Record<Section, unknown>)[m.section] = v;
      status.delete(m.section);
      drawSection(m.section);
      if (sections.every((s) => loaded[s] || status.get(s)?.kind === 'failed')) requestAnimationFrame(() => performance.mark('oaipx:rendered'));
      return;
    }
    case 'sectionFailed':
      status.set(m.section, { kind: 'failed', text: m.message });
      return void drawSection(m.section);
    case 'saved':
      busy = false;
      for (const r of m.results) {
        const v = r.loaded === undefined ? undefined : loadedAs(r.section, r.loaded);
        if (v) (loaded as Record<Section, unknown>)[r.section] = v;
        if (r.ok) {
          delete drafts[r.section];
          status.set(r.section, { kind: 'saved', text: l10n.t('Saved.') });
        } else {
          // The fields keep what was typed (with the ids of alerts that did go through).
          const kept = r.draft === undefined ? undefined : draftAs(r.section, r.draft);
          if (kept) (drafts as Record<Section, unknown>)[r.section] = kept;
          status.set(r.section, { kind: 'error', text: r.error });
        }
      }
      remember();
      return void render();
    case 'conflict':
      busy = false;
      for (const s of sections) if (status.get(s)?.kind === 'loading') status.delete(s);
      banner = conflictNotice(m.conflicts);
      return void render();
    case 'failed':
      busy = false;
      for (const s of sections) if (status.get(s)?.kind === 'loading' && loaded[s]) status.delete(s);
      banner = el('div', { className: 'banner failed', id: 'failure' }, m.message);
      return void render();
  }
});

performance.mark('oaipx:ready');
vscode.postMessage({ type: 'ready' });
