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
  // The line npm test adds up; a run that reported nothing counts as one failure.
  console.log(`host: ${results?.passes ?? 0} passed, ${results ? results.failures : 1} failed`);
  return ok ? 0 : code || 1;
}
