// How a runner decides: the host's exit code AND the suite's own results file must both say "passed".
import { readFileSync } from 'node:fs';

export interface Results {
  files: string[];
  passes: number;
  failures: number;
  tests: number;
}

export function verdict(code: number, resultsFile: string): number {
  let results: Results | undefined;
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Results;
  } catch {
    /* none written: checked below */
  }
  console.log(`extension host exit code ${code}; results: ${results ? JSON.stringify(results) : 'none written'}`);
  if (code !== 0) return code || 1;
  if (!results || results.failures !== 0 || results.passes === 0) {
    console.error('The host exited 0, but the suite did not report a passing run.');
    return 1;
  }
  console.log(`host: ${results.passes} passed, ${results.failures} failed`);
  return 0;
}
