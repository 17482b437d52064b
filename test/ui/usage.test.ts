// Usage & Cost and Activity in the browser: the charts drawn, read by keyboard, another range picked,
// the organization overview opening a project; the audit log paged on scroll, filtered, and an
// organization without audit logging; names with markup rendered as text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProjectElsewhere, postElsewhere, useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';
import { monthToDateCents } from '../../tools/emulator/policy';
import type { Project as EmuProject } from '../../tools/emulator/model';

const VIEW = 'OpenAI Projects';

describe('UI: usage, cost and activity', () => {
  const s = useSession({ keyFromEnv: true }, (s) => s.wb.openView());

  it('Usage & Cost from a project: the month against its limit set through the API, three charts, a keyboard readout, the numbers as a table, 90 days on a click', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.find((x) => x.name === 'Customer Support Bot')!;
      // Another admin sets a $5,000 limit and an alert at $1,000 moments before.
      await postElsewhere(s.emu, `/organization/projects/${p.id}/spend_limit`, { threshold_amount: 500_000, currency: 'USD', interval: 'month' });
      await postElsewhere(s.emu, `/organization/projects/${p.id}/spend_alerts`, {
        threshold_amount: 100_000,
        currency: 'USD',
        interval: 'month',
        notification_channel: { type: 'email', recipients: ['ops@example.com'] },
      });
      await s.wb.contextMenu(s.wb.row(VIEW, p.name), 'Show Usage & Cost');
      const view = s.wb.webview(`Usage & Cost: ${p.name}`);
      await eventually(
        () => view.locator('.chart canvas').count(),
        (n) => n >= 4,
        'the month’s chart and three daily charts drawn',
      );
      const month = view.locator('figure.month');
      assert.match(await month.innerText(), /Forecast for the month: \$[\d,.]+, at this month’s rate so far of \$[\d,.]+ a day\./);
      assert.match(await month.innerText(), /(Hard spend limit: \$5,000\.00 \(\$[\d,.]+ left\)|hard spend limit of \$5,000\.00 is reached about)/);
      assert.match(await month.innerText(), /Spend alerts at \$1,000\.00\./);
      assert.deepEqual(await month.locator('.legend span').allInnerTexts(), ['Spent', 'Forecast', 'Hard limit', 'Alerts']);
      assert.match(await view.locator('.totals').innerText(), /Month forecast\s*\$[\d,.]+/);
      await month.locator('.chart').focus();
      await s.wb.page.keyboard.press('End');
      await eventually(
        () => month.locator('.readout').innerText(),
        (r) => /^[A-Z][a-z]{2} \d{1,2}: \$[\d,.]+ (forecast|spent by the end of the day)$/.test(r),
        'the month’s last day read out',
      );
      assert.match(await view.locator('.totals').innerText(), /Last 30 days\s*\$[\d,.]+/);
      assert.ok((await view.locator('section', { hasText: 'Top API keys' }).locator('tbody tr').count()) > 0);

      const chart = view.locator('.chart:not(.month)').first();
      await chart.focus();
      await s.wb.page.keyboard.press('ArrowLeft');
      const readout = view.locator('figure:not(.month) .readout').first();
      await eventually(
        () => readout.innerText(),
        (r) => /^[A-Z][a-z]{2} \d{1,2}: \$[\d,.]+/.test(r),
        'the day read out',
      );

      await view.locator('vscode-button', { hasText: '90 days' }).click();
      await eventually(
        () => view.locator('.totals').innerText(),
        (x) => x.includes('Last 90 days'),
        'the 90-day report',
      );
      await view.locator('details summary').first().click();
      await eventually(
        () => view.locator('details').first().locator('tbody tr').count(),
        (n) => n === 90,
        'a row a day for 90 days',
      );
      assert.equal(await view.locator('vscode-button[aria-pressed="true"]').innerText(), '90 days');
    }));

  it('stacked charts draw each series in exactly its legend’s colour, opaque, in light, dark and high-contrast themes', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.contextMenu(s.wb.row(VIEW, 'Customer Support Bot'), 'Show Usage & Cost');
      const view = s.wb.webview('Usage & Cost: Customer Support Bot');
      await eventually(
        () => view.locator('.chart canvas').count(),
        (n) => n >= 3,
        'the charts drawn',
      );
      // Each theme by its file, as the workbench names it in its class; the session's own (Light 2026) last.
      const themes: [string, string][] = [
        ['Dark Modern', 'dark_modern'],
        ['Light Modern', 'light_modern'],
        ['Dark High Contrast', 'hc_black'],
        ['Light High Contrast', 'hc_light'],
        ['Dark 2026', '2026-dark'],
        ['Light 2026', '2026-light'],
      ];
      for (const [theme, themeFile] of themes) {
        // The theme picker by its keys (the palette's "Color Theme" also matches the Marketplace's).
        await s.wb.page.locator('#workbench\\.parts\\.statusbar').click({ position: { x: 600, y: 10 } });
        await s.wb.page.keyboard.press('Control+K');
        await s.wb.page.keyboard.press('Control+T');
        await s.wb.quickInput().locator('input[placeholder^="Select Color Theme"]').waitFor();
        await s.wb.typeQuickInput(theme);
        await s.wb.pickQuickItem(new RegExp(`^${theme}`));
        await eventually(
          () => s.wb.page.locator('.monaco-workbench').getAttribute('class'),
          (c) => !!c?.includes(`themes-${themeFile}-json`),
          `the ${theme} theme`,
        );
        // The charts redraw on the theme change; give the frame a moment to repaint.
        await s.wb.page.waitForTimeout(500);
        // The stacked bar charts (the month's lines are antialiased: no bar colours to count).
        const charts = await view.locator('.chart:not(.month)').evaluateAll(readChartPixels);
        const stacked = charts.filter((c) => c.series.filter((n) => n > 0).length >= 2);
        assert.ok(stacked.length >= 1, `${theme}: a chart with two series or more drawn (${JSON.stringify(charts)})`);
        for (const c of charts) {
          assert.deepEqual(c.translucentSwatches, [], `${theme}: every legend swatch is opaque`);
          const bar = c.series.reduce((a, b) => a + b, 0);
          assert.ok(bar > 0, `${theme}: bars drawn`);
          assert.ok(c.foreign / (bar + c.foreign) < 0.01, `${theme}: ${c.foreign} of ${bar + c.foreign} bar pixels in no legend colour (${c.sample})`);
        }
      }
    }));

  it('the organization overview lists projects by cost; a click opens that project’s view', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('OpenAI Projects: Show Organization Usage & Cost');
      const view = s.wb.webview('Usage & Cost: Organization');
      const rows = view.locator('section', { hasText: 'Projects by cost' }).locator('tbody tr');
      await eventually(
        () => rows.count(),
        (n) => n >= 5,
        'a line per project',
      );
      const first = await rows.first().locator('button.link').innerText();
      await rows.first().locator('button.link').click();
      await eventually(
        () => s.wb.webview(`Usage & Cost: ${first}`).locator('.chart canvas').count(),
        (n) => n >= 1,
        `${first}’s own view`,
      );
    }));

  it('a project named with markup: its view and its activity show the name as text', (t) =>
    withScreenshot(t, s.wb, async () => {
      const evil = '<img src=x onerror="document.title=`pwned`"><b>Bold</b>';
      await createProjectElsewhere(s.emu, evil);
      await s.wb.runCommand('OpenAI Projects: Refresh');
      await s.wb.contextMenu(s.wb.row(VIEW, evil), 'Show Usage & Cost');
      const view = s.wb.webview(`Usage & Cost: ${evil}`);
      await view.locator('h1').waitFor();
      assert.equal(await view.locator('h1').innerText(), `Usage & Cost: ${evil}`);
      await view.locator('text=No usage and no cost in the last 30 days.').waitFor();
      await view.locator('vscode-button', { hasText: 'Activity' }).click();
      const activity = s.wb.webview(`Activity: ${evil}`);
      await eventually(
        () => activity.locator('tbody tr').count(),
        (n) => n >= 1,
        'its creation listed',
      );
      for (const frame of [view, activity]) {
        const injected = await frame.locator('body').evaluate((b) => b.querySelectorAll('img, b').length);
        assert.equal(injected, 0, 'no element came from API text');
      }
      assert.notEqual(await s.wb.page.title(), 'pwned');
    }));

  it('a name with VS Code’s syntax, emoji and right-to-left text reads as typed: no icon, no link, in the tree, a quick pick and the status bar', (t) =>
    withScreenshot(t, s.wb, async () => {
      const name = '$(alert) [open](command:openaiProjects.clearAdminKey) 🚀 שלום עולם';
      await createProjectElsewhere(s.emu, name);
      await s.wb.runCommand('OpenAI Projects: Refresh');
      const row = s.wb.row(VIEW, name);
      await row.waitFor();
      assert.equal(await row.locator('.codicon-alert').count(), 0, 'no icon drawn from the name in the tree');

      await s.wb.runCommand('OpenAI Projects: Rename Project…');
      const item = s.wb.quickInput().locator('.monaco-list-row', { hasText: 'שלום עולם' }).first();
      await item.waitFor();
      assert.equal(await item.locator('.codicon-alert').count(), 0, 'no icon drawn from the name in the quick pick');
      assert.equal((await item.locator('.label-name').first().innerText()).replace(/\u2060/g, ''), name);
      await s.wb.pickQuickItem('שלום עולם');
      await s.wb.answerQuickInput(`${name} 2`, { expectTitle: `Rename "${name}"` });
      // The last test's webview can take the focus as it finishes loading and close the input box
      // before Enter lands: then the rename is asked for once more, as a person would.
      const renamed = () => s.emu.org.projects.some((p) => p.name === `${name} 2`);
      await new Promise((r) => setTimeout(r, 2000));
      if (!renamed()) {
        await s.wb.runCommand('OpenAI Projects: Rename Project…');
        await s.wb.pickQuickItem('שלום עולם');
        await s.wb.answerQuickInput(`${name} 2`, { expectTitle: `Rename "${name}"` });
      }
      // A routine success: said in the status bar (one check icon, ours), not in a notification.
      const said = s.wb.page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'Project renamed to' });
      const told = await eventually(
        () =>
          said
            .first()
            .innerText()
            .catch(() => ''),
        (x) => x.includes('Project renamed to'),
        'the rename reported in the status bar',
      );
      assert.equal(told.replace(/\u2060/g, '').trim(), `Project renamed to "${name} 2".`);
      assert.equal(await said.locator('.codicon-alert').count(), 0, 'no icon drawn from the name in the status bar');
      assert.equal(await said.locator('.codicon-check').count(), 1, 'our own check icon');
      // The item's own label is an anchor; the name's link markup stays text (the equality above), no command link.
      assert.equal(await said.locator('a[href*="command:"]').count(), 0, 'no link drawn from the name');
      assert.ok(!(await s.wb.notificationTexts()).some((x) => x.includes('Project renamed to')), 'no notification for a rename');
      await s.wb.row(VIEW, `${name} 2`).waitFor();

      // Its lists loaded (and so indexed), Find shows its models, each described as "in <its name>":
      // the name's icon syntax is text in a pick's description too.
      await s.wb.expand(s.wb.row(VIEW, `${name} 2`));
      await s.wb.row(VIEW, 'Rate limits').first().waitFor();
      await s.wb.runCommand('OpenAI Projects: Find in Organization…');
      await s.wb.typeQuickInput('שלום');
      const found = s.wb.quickInput().locator('.monaco-list-row', { hasText: 'rate limits in' }).first();
      await found.waitFor();
      assert.match((await found.innerText()).replace(/\u2060/g, ''), /rate limits in \$\(alert\)/);
      assert.equal(await s.wb.quickInput().locator('.monaco-list-row .codicon-alert').count(), 0, 'no icon drawn from the name in a description');
      await s.wb.page.keyboard.press('Escape');
    }));

  it('Activity: pages on scroll, filters by event type; without audit logging, the API’s message and a way to turn it on', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.find((x) => x.name === 'Mobile App')!;
      // Sixty renames with the admin key: more than one page of events about the project.
      for (let i = 0; i < 60; i++) {
        const r = await fetch(`${s.emu.baseUrl}/organization/projects/${p.id}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.emu.adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: i === 59 ? 'Mobile App' : `Mobile App ${i}` }),
        });
        assert.equal(r.status, 200);
      }
      await s.wb.runCommand('OpenAI Projects: Refresh');
      await s.wb.contextMenu(s.wb.row(VIEW, 'Mobile App'), 'Show Activity');
      const view = s.wb.webview('Activity: Mobile App');
      const rows = view.locator('tbody tr');
      await eventually(
        () => rows.count(),
        (n) => n === 50,
        'the first page',
      );
      await view.locator('#more').scrollIntoViewIfNeeded();
      await eventually(
        () => rows.count(),
        (n) => n > 60,
        'the next page, on scroll',
      );
      assert.ok(
        s.emu.requests.some((r) => r.path === '/organization/audit_logs' && /after=/.test(r.query)),
        'asked for the page after',
      );

      await view.locator('select').selectOption('user.added');
      await eventually(
        async () => (await rows.locator('td:nth-child(2)').allInnerTexts()).join(','),
        (x) => x.length > 0 && x.split(',').every((t) => t === 'user.added'),
        'only user.added',
      );

      s.emu.setAuditLogging(false);
      await view.locator('vscode-button', { hasText: 'Refresh' }).click();
      await view.locator('.error', { hasText: 'Audit logging is not enabled' }).waitFor();
      assert.ok(await view.locator('vscode-button', { hasText: 'Turn On Audit Logging…' }).isVisible());
      s.emu.setAuditLogging(true);
    }));
});

describe('UI: money in the tree', () => {
  // Two projects' limits set before the view opens: one past 80 % of its month so far, one already
  // reached (the emulator enforces it from its own costs), one project left without.
  const picked = (s: { emu: { org: { projects: EmuProject[] } } }) =>
    s.emu.org.projects.filter((p) => p.status === 'active' && !p.is_default && monthToDateCents(s.emu.org as never, p.id) > 200).slice(0, 3);
  const s = useSession({ keyFromEnv: true, userSettings: { 'openaiProjects.showCost': true } }, async (s) => {
    const [warn, over] = picked(s);
    (warn!.policy ??= {}).spend_limit = Math.ceil(monthToDateCents(s.emu.org, warn!.id) / 0.9);
    (over!.policy ??= {}).spend_limit = Math.floor(monthToDateCents(s.emu.org, over!.id) / 2);
    await s.wb.openView();
  });

  it('a row says its month against its limit, warns from 80 % and shows an error while enforcing, in the theme’s colours', (t) =>
    withScreenshot(t, s.wb, async () => {
      const [warn, over, none] = picked(s);
      const colourOf = (name: string) =>
        s.wb
          .row(VIEW, name)
          .locator('.label-name')
          .evaluate((el) => getComputedStyle(el).color);
      const themed = (variable: string) =>
        s.wb.page.evaluate((v) => {
          const probe = document.createElement('span');
          probe.style.color = `var(${v})`;
          document.querySelector('.monaco-workbench')!.appendChild(probe);
          const c = getComputedStyle(probe).color;
          probe.remove();
          return c;
        }, variable);
      for (const p of [warn!, over!])
        await eventually(
          () => s.wb.description(s.wb.row(VIEW, p.name)),
          (d) => /\$[\d,.]+ of \$[\d,.]+/.test(d),
          `${p.name}: its month of its limit`,
        );
      const warning = await themed('--vscode-list-warningForeground');
      const error = await themed('--vscode-list-errorForeground');
      assert.notEqual(warning, error);
      await eventually(
        () => colourOf(warn!.name),
        (c) => c === warning,
        `${warn!.name} in the warning colour`,
      );
      await eventually(
        () => colourOf(over!.name),
        (c) => c === error,
        `${over!.name} in the error colour`,
      );
      const plain = await colourOf(none!.name);
      assert.ok(plain !== warning && plain !== error, `${none!.name} without a limit stays plain (${plain})`);
      assert.doesNotMatch(await s.wb.description(s.wb.row(VIEW, none!.name)), / of \$/);
    }));
});

/**
 * Runs in the webview: each chart's plot area as a person sees it (the canvas over the editor's
 * background), each pixel put to the background, a grid line, one legend swatch's colour, or none.
 */
function readChartPixels(charts: Element[]) {
  // tsx keeps function names with a helper that exists only in Node: the page needs its own.
  (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
  const solid = (ctx: CanvasRenderingContext2D, under: string, color: string) => {
    ctx.fillStyle = under;
    ctx.fillRect(0, 0, 1, 1);
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  };
  const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  const bg = css('--vscode-editor-background') || getComputedStyle(document.body).backgroundColor;
  const base = solid(probe, '#000', bg);
  const baseCss = `rgb(${base.join(',')})`;
  return charts.map((chart) => {
    const canvas = chart.parentElement!.querySelector('canvas')!;
    const over = chart.parentElement!.querySelector('.u-over')!;
    const swatchColors = [...chart.parentElement!.querySelectorAll('.legend span')].map((s) => getComputedStyle(s, '::before').backgroundColor);
    const translucentSwatches = swatchColors.filter((c) => /rgba\(.*,\s*0?\.\d+\)$/.test(c) || c === 'transparent');
    const swatches = swatchColors.map((c) => solid(probe, baseCss, c));
    const grid = solid(probe, baseCss, css('--vscode-editorWidget-border') || 'rgba(128,128,128,0.25)');
    const seen = document.createElement('canvas');
    seen.width = canvas.width;
    seen.height = canvas.height;
    const ctx = seen.getContext('2d', { willReadFrequently: true })!;
    ctx.fillStyle = baseCss;
    ctx.fillRect(0, 0, seen.width, seen.height);
    ctx.drawImage(canvas, 0, 0);
    const cr = canvas.getBoundingClientRect();
    const or = over.getBoundingClientRect();
    const scale = canvas.width / cr.width;
    const x = Math.round((or.left - cr.left) * scale);
    const y = Math.round((or.top - cr.top) * scale);
    const data = ctx.getImageData(x, y, Math.round(or.width * scale), Math.round(or.height * scale)).data;
    const near = (i: number, c: number[]) => Math.abs(data[i]! - c[0]!) <= 3 && Math.abs(data[i + 1]! - c[1]!) <= 3 && Math.abs(data[i + 2]! - c[2]!) <= 3;
    const series = swatches.map(() => 0);
    let foreign = 0;
    const odd = new Map<string, number>();
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, base) || near(i, grid)) continue;
      const k = swatches.findIndex((c) => near(i, c));
      if (k >= 0) series[k]!++;
      else {
        foreign++;
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        odd.set(key, (odd.get(key) ?? 0) + 1);
      }
    }
    const sample = [...odd]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([c, n]) => `rgb(${c}) ×${n}`)
      .join(', ');
    return { series, foreign, translucentSwatches, sample: `${sample}; swatches ${swatchColors.join(' | ')}` };
  });
}
