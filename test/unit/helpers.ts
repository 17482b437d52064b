import { after, before } from 'node:test';
import { createProjectsClient, type ProjectsClientOptions } from '../../src/client';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../tools/emulator/server';

/** One emulator for the calling test file, started before its tests and closed after them. */
export function useEmulator(opts: EmulatorOptions = {}) {
  const ctx = {} as { emu: Emulator };
  before(async () => {
    ctx.emu = await startEmulator(opts);
  });
  after(async () => {
    // Not there if before() failed.
    await (ctx as Partial<typeof ctx>).emu?.close();
  });
  return ctx;
}

/** A client on the emulator with short backoff, so retry tests take milliseconds, not seconds. */
export function clientFor(emu: Emulator, extra: Partial<ProjectsClientOptions> = {}) {
  return createProjectsClient({
    baseUrl: emu.baseUrl,
    apiKey: emu.adminKey,
    timeoutMs: 5_000,
    maxRetries: 2,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
    ...extra,
  });
}

/** Resolves with the error a promise rejects with; fails if it resolves. */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const activeProjects = (emu: Emulator) => emu.org.projects.filter((p) => p.status === 'active' && !p.is_default);
export const defaultProject = (emu: Emulator) => emu.org.projects.find((p) => p.is_default)!;
export const archivedProject = (emu: Emulator) => emu.org.projects.find((p) => p.status === 'archived')!;
