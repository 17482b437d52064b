// npm run screenshots — the README's pictures, taken by the UI-test driver from the real workbench
// against the emulator's demo organization: docs/welcome.png, docs/tree.png, docs/context-menu.png,
// docs/rate-limits.png, docs/settings.png, docs/find.png, docs/leaked-key.png, docs/plan.png, docs/compare.png,
// docs/usage-light.png, docs/usage-dark.png, docs/overview.png, docs/activity.png, docs/organization.png,
// docs/offboard.png, docs/settings.png, docs/money.png, docs/usage-month.png, docs/find-policy.png. `-- organization` takes only
// the organization's two, `-- settings` only the settings form, `-- money` only the money in the rows,
// the month's chart and a policy question in Find, `-- access` only the access view (docs/access.png).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../tools/host/build';
import { postElsewhere, startSession, type Session } from '../test/ui/session';
import { eventually } from '../tools/workbench';

// The view's name, as its pane header says.
const VIEW = 'OpenAI Projects';
const DOCS = join(ROOT, 'docs');
const SIDEBAR = { x: 0, y: 0, width: 640, height: 470 };
const FULL = { x: 0, y: 0, width: 1280, height: 560 };

async function main() {
  mkdirSync(DOCS, { recursive: true });
  const money = process.argv.includes('money');
  // Money in the rows is a setting (off by default), on for those pictures.
  const s = await startSession(money ? { userSettings: { 'openaiProjects.showCost': true } } : {});
  try {
    const { wb } = s;
    const shot = async (name: string, clip = SIDEBAR, quiet = true) => {
      if (quiet) await wb.page.mouse.move(1200, 700); // no hover tooltip in the picture
      await wb.page.waitForTimeout(600);
      await wb.page.screenshot({ path: join(DOCS, name), clip });
      console.log(`docs/${name}`);
    };
    await wb.openView();
    await wb.welcomeButton(VIEW, 'Set Admin Key…').waitFor();
    await shot('welcome.png', { ...SIDEBAR, height: 300 });

    if (money) await setLimits(s);
    await wb.welcomeButton(VIEW, 'Set Admin Key…').click();
    await wb.answerQuickInput(s.emu.adminKey);
    if (money) {
      await moneyShots(s, shot);
      return;
    }
    if (process.argv.includes('organization')) {
      await organizationShots(s, shot);
      return;
    }
    if (process.argv.includes('access')) {
      await accessShot(s, shot);
      return;
    }
    const p = s.emu.org.projects.find((x) => x.status === 'active' && !x.is_default && x.api_keys.length > 1)!;
    if (process.argv.includes('settings')) {
      await settingsShot(s, p.name, shot);
      return;
    }
    const row = wb.row(VIEW, p.name);
    await row.waitFor();
    await wb.expand(row);
    for (const folder of ['Users', 'API keys']) {
      const f = wb.row(VIEW, folder);
      await eventually(
        () => wb.description(f),
        (d) => d !== '',
        `${folder} count`,
      );
      await wb.expand(f);
    }
    await shot('tree.png');

    const key = p.api_keys.find((k) => k.owner.type === 'user')!;
    await wb.row(VIEW, key.name).click({ button: 'right' });
    await wb.page.locator('.monaco-menu').waitFor();
    await shot('context-menu.png', SIDEBAR, false);
    await wb.page.keyboard.press('Escape');

    await wb.contextMenu(row, 'Edit Rate Limits…');
    const form = wb.webview(`Rate limits: ${p.name}`);
    await form.locator('tr[data-model] vscode-textfield').first().waitFor();
    const model = p.rate_limits[1]!.model;
    await form.locator(`vscode-textfield[data-model="${model}"][data-field="max_requests_per_1_minute"] input`).fill('-1');
    await form.locator(`vscode-textfield[data-model="${p.rate_limits[0]!.model}"][data-field="max_requests_per_1_minute"] input`).fill('3000');
    await shot('rate-limits.png', FULL);
    await wb.runCommand('View: Close All Editors');
    await settingsShot(s, p.name, shot);

    await wb.runCommand('OpenAI Projects: Index Whole Organization');
    await eventually(
      () => s.emu.requests.filter((r) => r.path.endsWith('/rate_limits')).length,
      (n) => n >= 6,
      'the organization indexed',
    );
    await wb.runCommand('OpenAI Projects: Find in Organization…');
    await wb.typeQuickInput('grace');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'Data Platform' }).first().waitFor();
    await shot('find.png', FULL);
    await wb.page.keyboard.press('Escape');

    const leaked = s.emu.org.projects.find((x) => x.name === 'Mobile App')!.api_keys.find((k) => k.owner.type === 'user')!;
    await wb.runCommand('OpenAI Projects: Find Leaked Key…');
    await wb.answerQuickInput(leaked.secret!.slice(-12));
    await wb.quickInput().locator('.monaco-list-row', { hasText: leaked.name }).first().waitFor();
    await shot('leaked-key.png', FULL);
    await wb.page.keyboard.press('Escape');

    await wb.runCommand('OpenAI Projects: Remove User from All Projects…');
    await wb.pickQuickItem('Ada Lovelace');
    const plan = wb.webview('Plan — remove Ada Lovelace from all projects');
    await plan.locator('vscode-button#apply').click();
    await eventually(
      () => plan.locator('#summary').innerText(),
      (t) => /Applied: \d+ done/.test(t),
      'the plan with its outcome',
    );
    await shot('plan.png', FULL);
    await wb.runCommand('View: Close All Editors');

    // A project as a file: exported, edited (a limit, a member), compared; wider, for the diff and the plan side by side.
    await wb.page.setViewportSize({ width: 1600, height: 800 });
    const dp = s.emu.org.projects.find((x) => x.name === 'Data Platform')!;
    await wb.contextMenu(wb.row(VIEW, dp.name), 'Export Project as File…');
    await wb.pickQuickItem('Only limits that differ');
    const saveAs = wb.quickInput().locator('.quick-input-box input');
    await eventually(
      () => saveAs.inputValue(),
      (v) => v.endsWith('data-platform.openai-project.json'),
      'the proposed file name',
    );
    await wb.page.keyboard.press('Enter');
    const path = join(s.folder, 'data-platform.openai-project.json');
    await eventually(
      () => existsSync(path),
      (x) => x,
      'the exported file',
    );
    const file = JSON.parse(readFileSync(path, 'utf8')) as { members: Record<string, string>; rateLimits: Record<string, Record<string, number>> };
    file.members['ken@example.com'] = 'member';
    const changed = Object.keys(file.rateLimits)[0]!;
    file.rateLimits[changed]!.max_requests_per_1_minute = 4000;
    await wb.page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(file, null, 2));
    await wb.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Control+V');
    await wb.page.keyboard.press('Control+S');
    await wb.runCommand('OpenAI Projects: Compare with Organization');
    await wb.page.locator('.monaco-diff-editor').first().waitFor();
    await wb.webview('Plan — data-platform.openai-project.json').locator('tbody tr').first().waitFor();
    await shot('compare.png', { x: 0, y: 0, width: 1600, height: 700 });
    await wb.runCommand('View: Close All Editors');

    // Usage & Cost and Activity, in the theme the workbench starts with, then in the other one.
    const theme = async () => ((await wb.page.locator('.monaco-workbench.vs-dark').count()) ? 'dark' : 'light');
    const first = await theme();
    await wb.page.setViewportSize({ width: 1280, height: 900 });
    const rs = s.emu.org.projects.find((x) => x.name === 'Research Sandbox')!;
    await wb.contextMenu(wb.row(VIEW, rs.name), 'Show Usage & Cost');
    const usage = wb.webview(`Usage & Cost: ${rs.name}`);
    await eventually(
      () => usage.locator('.chart canvas').count(),
      (n) => n >= 3,
      'the charts',
    );
    const TALL = { x: 0, y: 0, width: 1280, height: 900 };
    await shot(`usage-${first}.png`, TALL);
    await wb.runCommand('OpenAI Projects: Show Organization Usage & Cost');
    await eventually(
      () => wb.webview('Usage & Cost: Organization').locator('.chart canvas').count(),
      (n) => n >= 3,
      'the overview',
    );
    await shot('overview.png', TALL);
    await wb.row(VIEW, 'Mobile App').click();
    await wb.contextMenu(wb.row(VIEW, 'Mobile App'), 'Show Activity');
    await eventually(
      () => wb.webview('Activity: Mobile App').locator('tbody tr').count(),
      (n) => n > 3,
      'the activity',
    );
    await shot('activity.png', FULL);
    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await eventually(theme, (t) => t !== first, 'the other theme');
    await wb.page.locator('.tabs-container .tab', { hasText: `Usage & Cost: ${rs.name}` }).click();
    await eventually(
      () => usage.locator('.chart canvas').count(),
      (n) => n >= 3,
      'the charts, light',
    );
    await shot(`usage-${await theme()}.png`, TALL);
    await wb.page.locator('.tabs-container .tab').first().click();
    await wb.runCommand('View: Close All Editors');
    await organizationShots(s, shot);
  } finally {
    await s.close();
  }
}

/** Limits as an admin would set them: one project past its limit, one near it, one well under, the organization's. */
async function setLimits(s: Session) {
  const from = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) / 1000;
  const get = await fetch(`${s.emu.baseUrl}/organization/costs?start_time=${from}&limit=31&group_by=project_id`, {
    headers: { authorization: `Bearer ${s.emu.adminKey}` },
  });
  const page = (await get.json()) as { data: { results: { amount: { value: number }; project_id: string | null }[] }[] };
  const spent = new Map<string, number>();
  for (const b of page.data) for (const r of b.results) if (r.project_id) spent.set(r.project_id, (spent.get(r.project_id) ?? 0) + r.amount.value);
  const rs = s.emu.org.projects.find((x) => x.name === 'Research Sandbox')!;
  const ranked = [...spent].filter(([id]) => id !== rs.id).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((n, [, v]) => n + v, 0);
  const limit = { currency: 'USD', interval: 'month' };
  await postElsewhere(s.emu, '/organization/spend_limit', { threshold_amount: Math.ceil(total * 4 + 100) * 100, ...limit });
  // Spent as a share of each limit: near it (a warning), past it (enforcing), well under.
  const shares = [0.9, 1.15, 0.3];
  for (const [i, [id, v]] of ranked.slice(0, 3).entries())
    await postElsewhere(s.emu, `/organization/projects/${id}/spend_limit`, { threshold_amount: Math.round((v / shares[i]!) * 100), ...limit });
  const cap = Math.ceil(((spent.get(rs.id) ?? 1) * 2.2) / 100) * 10_000;
  await postElsewhere(s.emu, `/organization/projects/${rs.id}/spend_limit`, { threshold_amount: cap, ...limit });
  for (const share of [0.5, 0.8])
    await postElsewhere(s.emu, `/organization/projects/${rs.id}/spend_alerts`, {
      threshold_amount: Math.round(cap * share),
      ...limit,
      notification_channel: { type: 'email', recipients: ['finance@example.com'] },
    });
}

/** The rows with their month against their limits, and a project's month chart. */
async function moneyShots(s: Session, shot: (name: string, clip?: typeof SIDEBAR, quiet?: boolean) => Promise<void>) {
  const { wb } = s;
  await eventually(
    () => wb.description(wb.row(VIEW, 'Research Sandbox')),
    (d) => / of \$/.test(d),
    'the limits in the rows',
  );
  // The side bar's edge dragged right: room for the rows' money.
  const bar = (await wb.page.locator('#workbench\\.parts\\.sidebar').boundingBox())!;
  await wb.page.mouse.move(bar.x + bar.width + 1, 300);
  await wb.page.mouse.down();
  await wb.page.mouse.move(760, 300, { steps: 8 });
  await wb.page.mouse.up();
  await shot('money.png', { ...SIDEBAR, width: 800, height: 260 });
  await wb.page.setViewportSize({ width: 1280, height: 900 });
  await wb.contextMenu(wb.row(VIEW, 'Research Sandbox'), 'Show Usage & Cost');
  const usage = wb.webview('Usage & Cost: Research Sandbox');
  await eventually(
    () => usage.locator('.chart canvas').count(),
    (n) => n >= 4,
    'the charts',
  );
  await shot('usage-month.png', { x: 0, y: 0, width: 1280, height: 640 });
  await wb.runCommand('View: Close All Editors');
  // A policy question: the limits the rows read are known; the rest is read when asked (a confirm first).
  await wb.runCommand('OpenAI Projects: Index Organization Policy…');
  await wb.answerDialog('Read Policy', { expectText: /requests/ });
  await eventually(
    () => s.emu.requests.filter((r) => r.path.endsWith('/hosted_tool_permissions')).length,
    (n) => n >= 6,
    'the policy indexed',
  );
  await wb.runCommand('OpenAI Projects: Find in Organization…');
  await wb.typeQuickInput('no spend limit');
  await wb.quickInput().locator('.monaco-list-row', { hasText: 'projects without a hard spend limit' }).first().waitFor();
  await shot('find-policy.png', { x: 0, y: 0, width: 1280, height: 420 });
  await wb.page.keyboard.press('Escape');
}

/** A project's settings form, mid-edit: a limit typed, an alert added, an allow list, a retention chosen. */
async function settingsShot(s: Session, project: string, shot: (name: string, clip?: typeof SIDEBAR, quiet?: boolean) => Promise<void>) {
  const { wb } = s;
  await wb.contextMenu(wb.row(VIEW, project), 'Edit Project Settings…');
  const form = wb.webview(`Settings: ${project}`);
  const input = (id: string) => form.locator(`vscode-textfield[data-field="${id}"] input`);
  await input('spendLimit.amount').waitFor();
  await form.locator('section[data-section="serviceTiers"] vscode-radio').first().waitFor();
  await input('spendLimit.amount').fill('2,500');
  await form.locator('vscode-button#addAlert').click();
  await input('spendAlerts.0.amount').fill('2000');
  await input('spendAlerts.0.recipients').fill('platform@example.com, finance@example');
  await form.locator('section[data-section="models"] vscode-radio[data-choice="allow_list"]').click();
  await form.locator('vscode-textarea[data-field="models.ids"] textarea').fill('gpt-5\ngpt-5-mini\no3');
  await form.locator('section[data-section="dataRetention"] vscode-radio[data-choice="zero_data_retention"]').click();
  await form.locator('body').evaluate(() => window.scrollTo(0, 0));
  await shot('settings.png', { x: 0, y: 0, width: 1280, height: 800 });
  await wb.runCommand('View: Close All Editors');
}

/** The Organization view (given most of the side bar) with its members, and an offboarding plan. */
async function organizationShots(s: Session, shot: (name: string, clip?: typeof SIDEBAR, quiet?: boolean) => Promise<void>) {
  const { wb } = s;
  const ORG = 'Organization';
  const header = wb.view(ORG).locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await wb.row(ORG, 'Members').waitFor();
  // The sash above the view, dragged up: room for its rows.
  const box = (await header.boundingBox())!;
  await wb.page.mouse.move(box.x + 100, box.y - 1);
  await wb.page.mouse.down();
  await wb.page.mouse.move(box.x + 100, 160, { steps: 8 });
  await wb.page.mouse.up();
  await wb.expand(wb.row(ORG, 'Members'));
  await wb.expand(wb.row(ORG, 'Admin keys'));
  await shot('organization.png', { x: 0, y: 0, width: 640, height: 760 });
  await wb.contextMenu(wb.row(ORG, 'Alan Turing'), 'Offboard Person…');
  const plan = wb.webview('Plan — offboard Alan Turing');
  await eventually(
    () => plan.locator('h2:has-text("What goes with it") + table tbody tr').count(),
    (n) => n > 2,
    'the offboarding plan',
  );
  await shot('offboard.png', FULL);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/** Who Has Access… on the project a group has access to, beside the project's Groups folder open in the tree. */
async function accessShot(s: Session, shot: (name: string, clip?: typeof SIDEBAR, quiet?: boolean) => Promise<void>) {
  const { wb } = s;
  const p = s.emu.org.projects.find((x) => (x.groups ?? []).some((g) => g.role_id === 'role_project_member'))!;
  const row = wb.row(VIEW, p.name);
  await row.waitFor();
  await wb.expand(row);
  await wb.expand(wb.row(VIEW, 'Groups'));
  await wb.row(VIEW, 'Data team').waitFor();
  await wb.runCommand('OpenAI Projects: Who Has Access…');
  await wb.pickQuickItem(p.name);
  const view = wb.webview(`Who has access to ${p.name}`);
  await view.locator('section h2', { hasText: 'Grace Hopper' }).waitFor();
  await shot('access.png', FULL);
}
