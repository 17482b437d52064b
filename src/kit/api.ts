// Builds a client from the current settings and key, logging one line per request.
import type * as vscode from 'vscode';
import { createProjectsClient, redact, type ProjectsClient, type ProjectsClientOptions } from '../client';
import { readSettings } from './config';

export function clientFor(apiKey: string, log: vscode.LogOutputChannel, extra: Partial<ProjectsClientOptions> = {}): ProjectsClient {
  const { baseUrl, timeoutMs } = readSettings();
  return createProjectsClient({
    baseUrl,
    apiKey,
    timeoutMs,
    ...extra,
    onRequest: (r) => {
      const line = `${r.method} ${r.path} ${r.status ?? r.error ?? '-'} ${Math.round(r.durationMs)} ms${r.requestId ? ` ${r.requestId}` : ''}${r.attempt > 1 ? ` (attempt ${r.attempt})` : ''}`;
      (r.status && r.status < 400 ? log.info : log.warn).call(log, redact(line));
    },
  });
}
