// The extension-host side of the integration suite: the workbench (or @vscode/test-electron) loads
// this module inside the real extension host and awaits run(). Mocha runs every *.test.js beside it;
// the counts go to a results file the runner checks, so a crash, a hang or a missing file cannot pass.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const grep = process.env.OAIPX_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: LineReporter, ...(grep ? { grep } : {}) });
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (!files.length) throw new Error(`No test files (*.test.js) in ${__dirname}: build the suite first.`);
  for (const f of files) mocha.addFile(join(__dirname, f));
  await mocha.loadFilesAsync();
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
  });
  const results = process.env.OAIPX_TEST_RESULTS;
  if (results) writeFileSync(results, JSON.stringify({ files, passes: stats.passes, failures: stats.failures, pending: stats.pending, tests: stats.tests }));
  if (stats.failures > 0) throw new Error(`${stats.failures} of ${stats.tests} extension-host tests failed.`);
  if (stats.passes === 0) throw new Error('No extension-host test ran.');
}

/** One console line per test; the runner forwards the workbench's console, where these land. */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner) {
    super(runner);
    const out = (s: string) => console.log(`[mocha] ${s}`);
    runner.on('pass', (t) => out(`  ✔ ${t.fullTitle()} (${t.duration} ms)`));
    runner.on('fail', (t, err: Error) => out(`  ✘ ${t.fullTitle()}\n${err.stack ?? err.message}`));
    runner.on('pending', (t) => out(`  - ${t.fullTitle()} (skipped)`));
    runner.once('end', () => out(`${runner.stats?.passes ?? 0} passing, ${runner.stats?.failures ?? 0} failing`));
  }
}
