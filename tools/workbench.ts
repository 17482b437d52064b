// Drives the VS Code web workbench as a person does: activity bar, tree rows, context menus, quick
// input, dialogs, notifications and webviews (iframes). Selectors follow the workbench's own
// accessibility roles and classes; one place to fix when VS Code changes them.
import type { FrameLocator, Locator, Page } from 'playwright-core';

export interface PickOptions {
  /** Runs just before each press on the entry (the benchmark starts its clock there). */
  beforePress?: () => Promise<unknown>;
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits for the workbench to be up and the extension's activity-bar entry to be there. */
  async ready(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    await this.activityBarItem().waitFor({ timeout: timeoutMs });
  }

  activityBarItem(title = 'OpenAI Projects'): Locator {
    return this.page.locator(`.activitybar .action-item a.action-label[aria-label^="${title}"]`).first();
  }

  /**
   * Opens the extension's container in the side bar. Just after a reload the workbench may still be
   * restoring a side bar that was open (a click then would toggle it shut), so it is given a moment to
   * appear by itself first; the activity bar's item is clicked only while it is not `checked`, and the
   * side bar must still be open a moment after, or it is tried again.
   */
  async openView(title = 'OpenAI Projects'): Promise<void> {
    const sidebarTitle = this.page.locator('#workbench\\.parts\\.sidebar .composite.title h2');
    const item = this.page.locator(`.activitybar .action-item:has(> a.action-label[aria-label^="${title}"])`).first();
    const open = async () => ((await sidebarTitle.textContent({ timeout: 1_000 }).catch(() => '')) ?? '').toUpperCase().includes(title.toUpperCase());
    const stays = async () => (await open()) && (await this.page.waitForTimeout(500), await open());
    const appears = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        if (await open()) return true;
        await this.page.waitForTimeout(200);
      }
      return false;
    };
    // Another container showing (Explorer, say): nothing is being restored, so no wait.
    const showing = ((await sidebarTitle.textContent({ timeout: 1_000 }).catch(() => '')) ?? '').trim();
    if ((await appears(showing ? 0 : 3_000)) && (await stays())) return;
    for (let attempt = 1; attempt <= 4; attempt++) {
      const checked = ((await item.getAttribute('class', { timeout: 5_000 }).catch(() => '')) ?? '').split(/\s+/).includes('checked');
      if (!checked) await this.activityBarItem(title).click();
      if ((await appears(attempt === 4 ? 20_000 : 7_000)) && (await stays())) return;
    }
    throw new Error(`Waited for the side bar titled ${title}; it did not stay open`);
  }

  sidebar(): Locator {
    return this.page.locator('#workbench\\.parts\\.sidebar');
  }

  /** The tree of a view in the side bar, by the view's name. */
  view(name: string): Locator {
    return this.sidebar()
      .locator('.pane')
      .filter({ has: this.page.locator('.pane-header', { hasText: new RegExp(`^${name}`, 'i') }) });
  }

  rows(view: string): Locator {
    return this.view(view).locator('.monaco-list-row');
  }

  /** The visible tree rows' labels, top to bottom. */
  async rowLabels(view: string): Promise<string[]> {
    return this.rows(view).locator('.label-name').allInnerTexts();
  }

  row(view: string, label: string): Locator {
    return this.rows(view).filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escape(label)}$`) }) });
  }

  /** Expands a collapsed row (a click toggles it) and waits until it says so. */
  async expand(row: Locator): Promise<void> {
    // A click can land while the tree redraws (a count arriving, a reveal) and miss: then once more.
    for (let attempt = 1; ; attempt++) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      try {
        await eventually(
          () => row.getAttribute('aria-expanded'),
          (v) => v === 'true',
          'the row expanded',
          attempt < 3 ? 4000 : 20_000,
        );
        return;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }

  /** A row's description (the grey text after its label). */
  async description(row: Locator): Promise<string> {
    return (
      await row
        .locator('.label-description')
        .first()
        .innerText()
        .catch(() => '')
    ).trim();
  }

  /** Right-clicks a row and picks a context-menu entry. */
  /**
   * A tree recycles its row elements: a redraw between finding a row and the right-click can bind
   * the same element to another item, and the menu opens on that. So the row's text is read before
   * and after the click, and a menu opened on a row that changed under the pointer is closed and
   * opened again (three times at most).
   */
  async contextMenu(target: Locator, item: string, opts: PickOptions = {}): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const row = await target.elementHandle();
      const before = await row.innerText();
      await row.click({ button: 'right' });
      const after = await row.innerText().catch(() => '');
      if (after === before) break;
      await this.page.keyboard.press('Escape');
      if (attempt === 3) throw new Error(`contextMenu: the row kept changing under the pointer ("${before}" → "${after}")`);
    }
    await this.pickMenuItem(item, opts);
  }

  /**
   * Picks an entry of the open menu as a mouse does: hover until the menu marks it focused, then
   * click. A menu ignores a click that comes right after it opened (the right-click's mouse-up), and
   * now and then a later one too: while it stays open, it is pressed again (three times at most).
   */
  async pickMenuItem(name: string, opts: PickOptions = {}): Promise<void> {
    const li = this.page
      .locator('.monaco-menu li.action-item')
      .filter({ has: this.page.locator('.action-label', { hasText: new RegExp(`^${escape(name)}`) }) });
    const item = li.locator('a.action-menu-item');
    await item.waitFor({ state: 'visible' });
    for (let attempt = 1; ; attempt++) {
      await eventually(
        async () => {
          await item.hover();
          return li.getAttribute('class');
        },
        (c) => /\bfocused\b/.test(c ?? ''),
        `menu entry "${name}" focused`,
      );
      await opts.beforePress?.();
      await item.click();
      const closed = await this.page
        .locator('.monaco-menu')
        .waitFor({ state: 'detached', timeout: 3000 })
        .then(
          () => true,
          () => false,
        );
      if (closed) return;
      if (attempt === 3) throw new Error(`The menu ignored three presses on "${name}".`);
    }
  }

  menuItem(name: string): Locator {
    // The anchor takes the click; the list item around it does not.
    return this.page
      .locator('.monaco-menu a.action-menu-item')
      .filter({ has: this.page.locator('.action-label', { hasText: new RegExp(`^${escape(name)}`) }) });
  }

  /** Opens a view's "…" (more actions) menu and picks an entry. */
  async viewMenu(view: string, item: string): Promise<void> {
    const pane = this.view(view);
    await pane.hover();
    await pane
      .locator('.pane-header .actions a[aria-label="More Actions..."], .pane-header .actions a[aria-label="Views and More Actions..."]')
      .first()
      .click();
    await this.pickMenuItem(item);
  }

  welcomeButton(view: string, label: string): Locator {
    return this.view(view).locator('.welcome-view-content a.monaco-button', { hasText: label });
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Types into the open quick input (an input box or a quick pick) and presses Enter. */
  async answerQuickInput(text: string, opts: { expectTitle?: RegExp | string } = {}): Promise<void> {
    const widget = this.quickInput();
    await widget.waitFor({ state: 'visible' });
    if (opts.expectTitle)
      await eventually(
        () => widget.locator('.quick-input-title').innerText(),
        (t) => matches(t, opts.expectTitle!),
        `quick input titled ${opts.expectTitle}`,
      );
    const input = widget.locator('.quick-input-box input');
    await input.fill(text);
    await input.press('Enter');
  }

  /** Clicks the open quick pick's row that says `text` (waiting for it: a search fills the list as it goes). */
  async pickQuickItem(text: string | RegExp): Promise<void> {
    const widget = this.quickInput();
    await widget.waitFor({ state: 'visible' });
    const row = widget.locator('.monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    // A quick pick that answers as it goes redraws its list while results arrive; a click into a list
    // being redrawn can land on nothing (and the pick closes on the lost focus). Wait for it to settle.
    let last = '';
    for (let i = 0; i < 20; i++) {
      const now = (await widget.locator('.monaco-list-row').allInnerTexts()).join('\n');
      if (now === last) break;
      last = now;
      await this.page.waitForTimeout(150);
    }
    await row.click();
  }

  /** Ticks each row of an open multi-select quick pick that says one of `texts`, then accepts with Enter. */
  async pickQuickItems(texts: (string | RegExp)[]): Promise<void> {
    const widget = this.quickInput();
    await widget.waitFor({ state: 'visible' });
    for (const text of texts) {
      const row = widget.locator('.monaco-list-row', { hasText: text }).first();
      await row.waitFor();
      await row.locator('.monaco-checkbox, input[type="checkbox"]').first().click();
      await eventually(
        () => row.getAttribute('aria-checked'),
        (v) => v === 'true',
        `${String(text)} ticked`,
      );
    }
    await widget.locator('.quick-input-box input').press('Enter');
  }

  /** Types into the open quick input without pressing Enter (a search quick pick answers as it goes). */
  async typeQuickInput(text: string): Promise<void> {
    const widget = this.quickInput();
    await widget.waitFor({ state: 'visible' });
    await widget.locator('.quick-input-box input').fill(text);
  }

  /** Runs a command from the palette by its title, as a person would (F1, type, Enter). */
  /**
   * Reloads the window as a person does (Developer: Reload Window): the workbench shuts down in order,
   * saving its editors and their webviews' state, unlike a page reload, which can cut that short.
   */
  async reloadWindow(): Promise<void> {
    const old = await this.page.evaluate(() => performance.timeOrigin);
    await this.runCommand('Developer: Reload Window');
    await eventually(
      () => this.page.evaluate(() => performance.timeOrigin).catch(() => old),
      (t) => t !== old,
      'the window reloaded',
      60_000,
    );
    await this.ready();
  }

  async runCommand(title: string): Promise<void> {
    // A webview that has just opened takes the focus when it is ready, and the palette closes on the
    // lost focus (its container turns inert while it animates away). Open it again when that happens.
    for (let attempt = 1; ; attempt++) {
      // A key pressed inside a webview is relayed oddly; give the workbench the focus first.
      if (await this.page.evaluate(() => document.activeElement?.tagName === 'IFRAME')) {
        await this.page.locator('#workbench\\.parts\\.statusbar').click({ position: { x: 600, y: 10 } });
      }
      await this.page.keyboard.press('F1');
      const widget = this.page.locator('.quick-input-widget:not(.quick-input-widget-closing)');
      try {
        await widget.waitFor({ state: 'visible', timeout: 5_000 });
        const input = widget.locator('.quick-input-box input');
        await input.fill(`>${title}`, { timeout: 5_000 });
        await widget.locator('.monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
        await input.press('Enter', { timeout: 5_000 });
        return;
      } catch (e) {
        if (attempt === 3) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Answers the open modal dialog with one of its buttons. */
  async answerDialog(button: string, opts: { expectText?: RegExp | string } = {}): Promise<void> {
    const d = this.dialog();
    await d.waitFor({ state: 'visible' });
    if (opts.expectText)
      await eventually(
        () => d.innerText(),
        (t) => matches(t, opts.expectText!),
        `dialog saying ${opts.expectText}`,
      );
    const before = await d.innerText();
    await d.locator('.dialog-buttons a.monaco-button', { hasText: new RegExp(`^${escape(button)}$`) }).click();
    // Gone, or replaced at once by the next dialog (a new key's, then "delete the old one?").
    await eventually(
      async () => ((await d.isVisible()) ? await d.innerText().catch(() => '') : ''),
      (t) => t !== before,
      `the dialog answered with ${button}`,
    );
  }

  /**
   * Every notification's message, read from the notification center: a headless page never has
   * window focus, and the workbench holds toasts back until it does.
   */
  async notificationTexts(): Promise<string[]> {
    const center = this.page.locator('.notifications-center.visible');
    if (!(await center.count())) await this.runCommand('Notifications: Show Notifications');
    await center.waitFor();
    const texts = await center.locator('.notification-list-item-message').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return texts;
  }

  /** The content frame of a webview panel with this title (webviews are two nested iframes). */
  webview(title: string): FrameLocator {
    const quoted = `"${title.replace(/[\\"]/g, '\\$&')}"`;
    return this.page.locator(`iframe.webview[title=${quoted}], iframe.webview.ready`).first().contentFrame().frameLocator('iframe#active-frame');
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}

/** The order the Projects view shows: active projects, the default one first, then by name. */
export function treeOrder(projects: { name: string; status: string; is_default: boolean }[]): string[] {
  return projects
    .filter((p) => p.status === 'active')
    .sort((a, b) => Number(b.is_default) - Number(a.is_default) || a.name.localeCompare(b.name))
    .map((p) => p.name);
}

const matches = (text: string, want: RegExp | string) => (typeof want === 'string' ? text.includes(want) : want.test(text));

/** Polls `read` until `check` holds; fails naming what it waited for and what it last saw. */
export async function eventually<T>(read: () => T | Promise<T>, check: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < end) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (e) {
      error = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `Waited ${ms / 1000} s for ${what}; last saw ${JSON.stringify(last)}${error instanceof Error ? ` (${error.message})` : error === undefined ? '' : ` (${JSON.stringify(error)})`}`,
  );
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
