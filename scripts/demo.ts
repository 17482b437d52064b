// npm start — the demo: builds and packages the extension, starts the emulator with the `demo`
// organization (kept in .vscode-test/demo/org.json, so changes survive a restart) and the offline
// VS Code server with the extension installed and pointed at the emulator, then prints the URL.
// The extension finds the emulator's key in OPENAI_ADMIN_KEY: nothing to type. Ctrl-C stops it all.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../tools/emulator/server';
import { ROOT } from '../tools/host/build';
import { freePort, startVsCodeServer } from '../tools/host/server';
import { provision } from './host/provision.mjs';

// OAIPX_DEMO_DIR: another place for the demo's state (the demo's own test uses a temporary one).
const DEMO = process.env.OAIPX_DEMO_DIR || join(ROOT, '.vscode-test', 'demo');
const VSIX = join(DEMO, 'openai-projects-explorer.vsix');

async function portOr(preferred: number): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => void freePort().then(resolve));
    s.listen(preferred, '127.0.0.1', () => s.close(() => resolve(preferred)));
  });
}

async function main() {
  mkdirSync(join(DEMO, 'workspace'), { recursive: true });
  provision();
  console.log('building and packaging the extension…');
  // As it would be published (scripts/package.mjs builds it, packages it and checks it).
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--out', VSIX], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

  const emu = await startEmulator({ seed: 'demo', dataFile: join(DEMO, 'org.json'), port: await portOr(4010) });
  console.log(`emulator: ${emu.baseUrl} (organization kept in ${join(DEMO, 'org.json')})`);
  const port = await portOr(Number(process.env.PORT ?? 8080));
  const server = await startVsCodeServer({
    dataDir: join(DEMO, 'vscode'),
    port,
    env: { OPENAI_ADMIN_KEY: emu.adminKey },
    userSettings: { 'openaiProjects.baseUrl': emu.baseUrl },
    args: ['--install-extension', VSIX, '--force', '--start-server', '--default-folder', join(DEMO, 'workspace')],
    onOutput: (l) => process.env.OAIPX_VERBOSE && console.log(`[vscode] ${l}`),
  });

  console.log(
    `\nOpenAI Projects Explorer demo is running.\n\n  Open ${server.origin}/ in a browser, then click the OpenAI Projects icon in the activity bar.\n\nCtrl-C stops it.`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await server.close();
    await emu.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
