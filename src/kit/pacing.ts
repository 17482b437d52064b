// When the admin API's rate limit is met, requests wait in the client's pacer. This makes the wait
// visible: the view's progress bar and a log line, with the learned rate, each time requests start waiting.
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { Pacer } from '../client';
import { withViewProgress } from './node';

export function visiblePacer(log: vscode.LogOutputChannel, windowMs?: number): Pacer {
  const pacer = new Pacer(windowMs);
  let release: (() => void) | undefined;
  pacer.onChange((s) => {
    if (s.waiting > 0 && !release) {
      // Made here, not inside the progress callback, so the wait can end before VS Code calls it.
      const done = new Promise<void>((r) => (release = r));
      const rate = s.limit !== undefined ? l10n.t('{0} a minute', s.limit) : l10n.t('paused');
      log.warn(`Requests are waiting for the API's rate limit (${rate}).`);
      void withViewProgress(l10n.t("Waiting for the API's rate limit ({0})…", rate), () => done);
    } else if (s.waiting === 0 && release) {
      release();
      release = undefined;
    }
  });
  return pacer;
}
