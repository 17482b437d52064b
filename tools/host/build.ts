// Compiles the extension-host suite (test/integration/*.ts → out/test/integration/*.js, CommonJS,
// one bundle each so Mocha can add them; `vscode` and Mocha come from the host and node_modules) and the extension bundle it tests.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

export const ROOT = resolve(__dirname, '../..');
export const INTEGRATION_OUT = join(ROOT, 'out', 'test', 'integration');

export async function buildIntegrationTests(opts: { extension?: boolean } = {}): Promise<string> {
  if (opts.extension !== false) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  rmSync(INTEGRATION_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(ROOT, 'test/integration/*.ts')],
    outdir: INTEGRATION_OUT,
    bundle: true,
    external: ['vscode', 'mocha'],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return INTEGRATION_OUT;
}
