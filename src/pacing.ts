// When the admin API's rate limit is met, requests wait in the client's pacer. This makes the wait
// visible (the view's progress bar, with the learned rate) and logs the limit once when it is learned.
import type * as vscode from 'vscode';
import { Pacer } from './client';
import { withViewProgress } from './tree/projectsTree';

export function visiblePacer(log: vscode.LogOutputChannel): Pacer {
  const pacer = new Pacer();
  let limit: number | undefined;
  let release: (() => void) | undefined;
  pacer.onChange((s) => {
    if (s.limit !== limit) {
      limit = s.limit;
      if (limit !== undefined) log.warn(`The API's rate limit was reached (about ${limit} requests a minute): requests are now paced to it.`);
    }
    if (s.waiting > 0 && !release) {
      const rate = s.limit !== undefined ? `${s.limit} a minute` : 'paused';
      void withViewProgress(`Waiting for the API's rate limit (${rate})…`, () => new Promise<void>((r) => (release = r)));
    } else if (s.waiting === 0 && release) {
      release();
      release = undefined;
    }
  });
  return pacer;
}
