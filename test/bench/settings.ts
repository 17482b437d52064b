// The settings form, measured in the browser on the workbench of the offline host against the
// emulator at 50 ms: how many round trips its six sections take to be read (they are read at once),
// and what one Save of all six costs: one fresh read each (the conflict check), then one write each.
import { screenshotOnFailure, startSession } from '../ui/session';
import { eventually } from '../../tools/workbench';

export interface SettingsResults {
  latencyMs: number;
  /** The section reads of the open: how many, and in how many round trips. */
  open: { reads: string[]; roundTrips: number };
  /** One Save with every section changed: its reads and writes, and in how many round trips. */
  save: { reads: string[]; writes: string[]; roundTrips: number; saved: number };
}

const FACET = /\/(spend_limit|spend_alerts|model_permissions|hosted_tool_permissions|data_retention|service_tier_settings)$/;
const SECTIONS = ['spendLimit', 'spendAlerts', 'models', 'hostedTools', 'dataRetention', 'serviceTiers'];

export async function measureSettings(): Promise<SettingsResults> {
  const latencyMs = 50;
  const s = await startSession({ seed: 'large:100', keyFromEnv: true, latencyMs });
  try {
    const { wb, emu } = s;
    await wb.openView();
    const p = emu.org.projects.find((x) => x.status === 'active' && !x.is_default)!;
    const mine = (r: { path: string }) => r.path.startsWith(`/organization/projects/${p.id}/`) && FACET.test(r.path);
    /**
     * Round trips, counted rather than timed (the emulator shares its process with the driver, so its
     * clock stalls under load): a request that arrives after an answer of the current wave went out
     * waited for it, and starts the next wave.
     */
    const trips = (rs: { at: number; ms?: number }[]) => {
      let waves = 0;
      let end = -Infinity;
      for (const r of [...rs].sort((a, b) => a.at - b.at)) {
        if (r.at >= end) {
          waves++;
          end = Infinity;
        }
        end = Math.min(end, r.at + (r.ms ?? 0));
      }
      return waves;
    };
    const row = wb.page.locator('.monaco-list-row', { hasText: p.name }).first();
    await row.waitFor();
    emu.requests.length = 0;
    await wb.contextMenu(row, 'Edit Project Settings…');
    const form = wb.webview(`Settings: ${p.name}`);
    const section = (id: string) => form.locator(`section[data-section="${id}"]`);
    const input = (id: string) => form.locator(`vscode-textfield[data-field="${id}"] input`);
    await screenshotOnFailure(wb, 'bench-settings-open', async () => {
      await input('spendLimit.amount').waitFor();
      await section('serviceTiers').locator('vscode-radio').first().waitFor();
      await section('hostedTools').locator('vscode-checkbox').first().waitFor();
    });
    const opened = emu.requests.filter(mine);
    const open = { reads: opened.map((r) => `${r.method} ${r.path.replace(/.*\//, '')}`), roundTrips: trips(opened) };

    // Every section changed, as a person does it.
    await input('spendLimit.amount').fill('250');
    await form.locator('vscode-button#addAlert').click();
    await input('spendAlerts.0.amount').fill('200');
    await input('spendAlerts.0.recipients').fill('ops@example.com');
    await section('models').locator('vscode-radio[data-choice="deny_list"]').click();
    await form.locator('vscode-textarea[data-field="models.ids"] textarea').fill('gpt-4o');
    await section('hostedTools').locator('vscode-checkbox[data-choice="mcp"]').click();
    await section('dataRetention').locator('vscode-radio[data-choice="none"]').click();
    await section('serviceTiers').locator('vscode-checkbox[data-choice="all"]').click();
    const save = form.locator('vscode-button#save');
    await eventually(
      () => save.getAttribute('disabled'),
      (d) => d === null,
      'Save enabled',
    );
    emu.requests.length = 0;
    await save.click();
    let saved = 0;
    await eventually(
      async () => (saved = (await Promise.all(SECTIONS.map((id) => section(id).locator('.status').innerText()))).filter((x) => x === 'Saved.').length),
      (n) => n === SECTIONS.length,
      'every section saved',
    );
    const sent = emu.requests.filter(mine);
    return {
      latencyMs,
      open,
      save: {
        reads: sent.filter((r) => r.method === 'GET').map((r) => r.path.replace(/.*\//, '')),
        writes: sent.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/.*\//, '')}`),
        roundTrips: trips(sent),
        saved,
      },
    };
  } finally {
    await s.close();
  }
}
