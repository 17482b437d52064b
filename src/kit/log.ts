// The output channel as the core writes to it: every line redacted on its way in, whoever wrote it
// (a request line, an error that quotes a proxy's page, a plan's outcome), so nothing key-shaped can
// reach the log file on disk.
import type * as vscode from 'vscode';
import { redact } from '../client/redact';

const WRITES = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

export function redactingLog(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      // The channel's own methods run on the channel itself, not on this proxy.
      if (typeof prop !== 'string' || !WRITES.has(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
      return (first: unknown, ...rest: unknown[]) =>
        (value as (...a: unknown[]) => unknown).call(
          target,
          typeof first === 'string' ? redact(first) : first instanceof Error ? redact(first.message) : first,
          ...rest.map((r) => (typeof r === 'string' ? redact(r) : r)),
        );
    },
  });
}
