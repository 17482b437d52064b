// Measures what the client costs in the extension bundle: `node scripts/size.mjs`.
// Bundles src/client/index.ts exactly as esbuild.mjs bundles the extension, and prints bytes and gzip bytes
// beside dist/extension.js and dist/webview/main.js (run `npm run build` first for those).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const row = (name, buf) => console.log(`${name.padEnd(44)} ${String(buf.length).padStart(8)} B  ${String(gzipSync(buf).length).padStart(7)} B gzip`);

async function bundle(conditions) {
  const r = await esbuild.build({
    entryPoints: ['src/client/index.ts'],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    conditions,
  });
  return { buf: Buffer.from(r.outputFiles[0].contents), meta: r.metafile };
}

const shipped = await bundle(['worker']);
row('client (as shipped: ofetch fetch build)', shipped.buf);
const byPackage = {};
for (const [file, { bytesInOutput }] of Object.entries(Object.values(shipped.meta.outputs)[0].inputs)) {
  const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? 'src (our code)';
  byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
}
for (const [name, bytes] of Object.entries(byPackage).sort((a, b) => b[1] - a[1])) console.log(`  ${name.padEnd(42)} ${String(bytes).padStart(8)} B`);
row('client (ofetch node build, for comparison)', (await bundle([])).buf);
for (const f of ['dist/extension.js', 'dist/core.js', 'dist/webview/main.js']) if (existsSync(f)) row(f, readFileSync(f));
