// npm run test:electron — the same extension-host suite in desktop VS Code through @vscode/test-electron,
// for machines with internet (it downloads VS Code). On Linux without a display: xvfb-run -a npm run test:electron.
// CI here has no internet and uses the offline host instead (npm run test:host).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEmulator } from '../../tools/emulator/server';
import { buildIntegrationTests, ROOT } from '../../tools/host/build';
import { verdict } from '../../tools/host/results';

async function main(): Promise<number> {
  const outDir = await buildIntegrationTests();
  const work = mkdtempSync(join(tmpdir(), 'oaipx-electron-'));
  const userData = join(work, 'user-data');
  // Desktop VS Code reads machine-scoped settings from the user settings file.
  mkdirSync(join(userData, 'User'), { recursive: true });
  const folder = join(work, 'workspace');
  mkdirSync(folder);
  const emu = await startEmulator({ seed: 'demo' });
  try {
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'openaiProjects.baseUrl': emu.baseUrl }));
    const resultsFile = join(work, 'results.json');
    let code: number;
    try {
      code = await runTests({
        version: process.env.VSCODE_VERSION ?? 'stable',
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: join(outDir, 'index.js'),
        extensionTestsEnv: { OAIPX_EMULATOR_URL: emu.baseUrl, OAIPX_EMULATOR_KEY: emu.adminKey, OAIPX_TEST_RESULTS: resultsFile, OPENAI_ADMIN_KEY: '' },
        launchArgs: [folder, '--user-data-dir', userData, '--disable-extensions', '--disable-workspace-trust'],
      });
    } catch (e) {
      console.error(e);
      code = 1;
    }
    return verdict(code, resultsFile);
  } finally {
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
