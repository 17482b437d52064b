// The index on disk: one folder per admin key fingerprint (a hash, never the key) in the extension's
// global storage, with the project list and the folder lists in two files, so a warm start reads only
// the small one. Writes go to a temporary file first, then replace the old one: a crash mid-write
// leaves the last good index, not half of one.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Project } from '../client';
import type { FolderEntry, Stamped } from './orgIndex';

/** Bump when the stored shape changes: an older file is then ignored, not misread. */
const VERSION = 1;

/** A key's fingerprint: enough to tell organizations apart, nothing to recover the key from. */
export const fingerprint = (key: string) => createHash('sha256').update(`openai-projects-index:${key}`).digest('hex').slice(0, 24);

export class IndexFiles {
  constructor(readonly dir: string) {}

  folderOf(fp: string): string {
    return join(this.dir, fp);
  }

  readProjects(fp: string): Promise<Stamped<Project[]> | undefined> {
    return this.read(fp, 'projects.json');
  }

  readFolders(fp: string): Promise<Record<string, FolderEntry> | undefined> {
    return this.read(fp, 'folders.json');
  }

  writeProjects(fp: string, list: Stamped<Project[]>): Promise<void> {
    return this.write(fp, 'projects.json', list);
  }

  writeFolders(fp: string, folders: Record<string, FolderEntry>): Promise<void> {
    return this.write(fp, 'folders.json', folders);
  }

  remove(fp: string): Promise<void> {
    return rm(this.folderOf(fp), { recursive: true, force: true });
  }

  private async read<T>(fp: string, name: string): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.folderOf(fp), name), 'utf8');
    } catch {
      return undefined; // none yet
    }
    try {
      const parsed = JSON.parse(text) as { version?: number; data?: T };
      return parsed.version === VERSION ? parsed.data : undefined;
    } catch {
      return undefined; // damaged: started afresh, and overwritten by the next save
    }
  }

  private async write(fp: string, name: string, data: unknown): Promise<void> {
    const dir = this.folderOf(fp);
    await mkdir(dir, { recursive: true });
    const file = join(dir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: VERSION, data }));
    await rename(tmp, file);
  }
}
