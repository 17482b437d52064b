// Two bundles: the extension (Node, CommonJS, `vscode` external) and the webview scripts (browser, ESM).
// Production builds are minified; source maps are written beside them and kept out of the .vsix.
import { rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = !watch;

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    // extension.js is what activation evaluates; core.js is required on first use (see src/extension.ts).
    entryPoints: ['src/extension.ts', 'src/core.ts'],
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // ofetch's "node" build drags in node-fetch-native (~128 KB); its fetch-based build (~11 KB) is enough
    // because the extension host has a proxy-aware global fetch. Its exports list "worker" before "node".
    conditions: ['worker'],
    // uPlot's stylesheet goes into the usage view's page as text (its CSP takes no stylesheet links).
    loader: { '.css': 'text' },
  },
  {
    // The demo organization: the emulator, required only when Try a Demo Organization runs (src/commands/demo.ts).
    entryPoints: { demo: 'tools/emulator/server.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: [
      'src/webview/main.ts',
      'src/webview/usage.ts',
      'src/webview/activity.ts',
      'src/webview/plan.ts',
      'src/webview/settings.ts',
      'src/webview/access.ts',
    ],
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // What the three views share (the elements, lit, zod) is one chunk, fetched once per view instead of
    // bundled into each: about a third of the package. Its file name changes with its content.
    splitting: true,
    chunkNames: 'chunk-[hash]',
  },
];

// Chunks are named by content: an old one must not linger beside the new (and be packaged).
if (production) rmSync('dist', { recursive: true, force: true });

for (const b of builds) {
  const options = { bundle: true, minify: production, sourcemap: true, logLevel: 'info', metafile: true, ...b };
  if (watch) {
    await (await esbuild.context(options)).watch();
  } else {
    await esbuild.build(options);
  }
}
