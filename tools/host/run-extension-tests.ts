// npm run test:host — the integration suite inside the real extension host of the offline VS Code
// server, driven by headless Chromium. Starts emulator + server + browser, forwards the workbench's
// log, and exits with the suite's result; every process and port is released on the way out.
import { join, resolve } from 'node:path';
import { buildIntegrationTests } from './build';
import { runInExtensionHost } from './extensionHost';

// Another tests module instead of the suite: the harness's own tests use it to prove a broken,
// crashing, hanging or missing suite fails the run.
const ENTRY = process.argv[2];

async function main(): Promise<number> {
  const entry = ENTRY ? resolve(ENTRY) : join(await buildIntegrationTests(), 'index.js');
  return runInExtensionHost(entry);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
