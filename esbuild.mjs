// Two bundles: the extension (Node, CommonJS, `vscode` external) and the webview scripts (browser, ESM).
// Production builds are minified; source maps are written beside them and kept out of the .vsix.
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
    entryPoints: ['src/webview/main.ts', 'src/webview/usage.ts', 'src/webview/activity.ts'],
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
];

for (const b of builds) {
  const options = { bundle: true, minify: production, sourcemap: true, logLevel: 'info', metafile: true, ...b };
  if (watch) {
    await (await esbuild.context(options)).watch();
  } else {
    await esbuild.build(options);
  }
}
