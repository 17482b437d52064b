// The pre-launch task of "Run Extension (emulator)" (.vscode/launch.json): the emulator on 127.0.0.1:4010
// with the demo organization (kept in .vscode-test/f5/org.json), and what the launched window needs to
// use it: a profile whose user settings point openaiProjects.baseUrl at it, and an env file with its key
// (the extension's OPENAI_ADMIN_KEY fallback). Runs until the task is stopped.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../tools/emulator/server';
import { ROOT } from '../tools/host/build';

async function main() {
  const dir = join(ROOT, '.vscode-test', 'f5');
  mkdirSync(join(dir, 'user', 'User'), { recursive: true });
  const emu = await startEmulator({ port: 4010, seed: 'demo', dataFile: join(dir, 'org.json') });
  writeFileSync(join(dir, 'user', 'User', 'settings.json'), JSON.stringify({ 'openaiProjects.baseUrl': emu.baseUrl }, null, 2));
  writeFileSync(join(dir, 'emulator.env'), `OPENAI_ADMIN_KEY=${emu.adminKey}\n`);
  // The task's problem matcher waits for this line before launching.
  console.log(`emulator ready: ${emu.baseUrl}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
