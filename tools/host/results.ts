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
  const ok = code === 0 && !!results && results.failures === 0 && results.passes > 0;
  if (code === 0 && !ok) console.error('The host exited 0, but the suite did not report a passing run.');
  // The line npm test adds up; a run that failed without naming a failing test counts as one.
  console.log(`host: ${results?.passes ?? 0} passed, ${ok ? 0 : Math.max(1, results?.failures ?? 0)} failed`);
  return ok ? 0 : code || 1;
}
