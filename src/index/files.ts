// The index on disk: one folder per admin key fingerprint (a hash, never the key) in the extension's
// global storage, with the project list, the folder lists and the projects' policy facts in three
// files, so a warm start reads only the small one. Only this user can read it (folder 0700, files 0600). Writes are one at a time, each
// to a temporary file of its own that then replaces the old one: a crash or a second window mid-write
// leaves the last good index, not half of one. A file of the wrong shape is set aside and rebuilt.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { Project } from '../client/schemas';
import { FOLDER_KINDS, KINDS, type FolderKind } from '../store/kinds';
import type { FolderEntry, Stamped } from './entries';
import { PolicyFactsSchema, type PolicyFacts } from './policy';

/** Bump when the stored shape changes: an older file is then ignored, not misread. */
const VERSION = 1;
/** An organization whose key has not been used here for this long loses its index. */
export const UNUSED_MS = 30 * 24 * 60 * 60 * 1000;
const SEEN = 'seen';

/** A key's fingerprint: enough to tell organizations apart, nothing to recover the key from. */
export const fingerprint = (key: string) => createHash('sha256').update(`openai-projects-index:${key}`).digest('hex').slice(0, 24);

const at = z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0));
const stamped = <T extends z.core.SomeType>(items: T) => z.object({ at, items });
const ProjectsFile = z.object({ version: z.literal(VERSION), data: stamped(z.array(Project)) });
// One shape per kind of the table, told apart by `kind`.
const entryOf = (k: FolderKind) => z.extend(stamped(z.array(KINDS[k].schema)), { kind: z.literal(k) });
type EntrySchema = ReturnType<typeof entryOf>;
const Entry = z.discriminatedUnion('kind', FOLDER_KINDS.map(entryOf) as [EntrySchema, ...EntrySchema[]]) as unknown as z.ZodMiniType<FolderEntry>;
const PolicyFile = z.object({ version: z.literal(VERSION), data: z.record(z.string().check(z.regex(/^[^/]+$/)), PolicyFactsSchema) });
const FoldersFile = z.object({ version: z.literal(VERSION), data: z.record(z.string().check(z.regex(/^[^/]+\/[A-Za-z]+$/)), Entry) });

export class IndexFiles {
  /** One write or removal at a time, in the order asked. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Removed (Clear Admin Key): a save still on its way for it writes nothing, until the key is bound again. */
  private readonly removed = new Set<string>();

  constructor(
    readonly dir: string,
    /** A file set aside (damaged, another shape): said in the log, never a crash. */
    private readonly onDiscard: (file: string, why: string) => void = () => undefined,
  ) {}

  folderOf(fp: string): string {
    return join(this.dir, fp);
  }

  /** This key is in use: its index may be written again, and it counts as seen now. */
  async use(fp: string): Promise<void> {
    this.removed.delete(fp);
    await this.serial(async () => {
      const dir = await this.ensureDir(fp);
      const seen = join(dir, SEEN);
      const now = new Date();
      await writeFile(seen, '', { mode: 0o600 });
      await utimes(seen, now, now);
    });
  }

  /** Removes the index of every organization not seen for `UNUSED_MS` (the key `keep` is in use). */
  async sweep(keep: string, now = Date.now()): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const gone: string[] = [];
    for (const fp of names) {
      if (fp === keep || !/^[0-9a-f]{24}$/.test(fp)) continue;
      const seen = await stat(join(this.dir, fp, SEEN)).catch(() => stat(join(this.dir, fp)).catch(() => undefined));
      if (seen && now - seen.mtimeMs > UNUSED_MS) {
        await this.remove(fp);
        gone.push(fp);
      }
    }
    return gone;
  }

  async readProjects(fp: string): Promise<Stamped<Project[]> | undefined> {
    return (await this.read(fp, 'projects.json', ProjectsFile))?.data;
  }

  async readFolders(fp: string): Promise<Record<string, FolderEntry> | undefined> {
    return (await this.read(fp, 'folders.json', FoldersFile))?.data;
  }

  /** Each project's policy facts (a third file: read with the folders, only when something needs them). */
  async readPolicy(fp: string): Promise<Record<string, PolicyFacts> | undefined> {
    return (await this.read(fp, 'policy.json', PolicyFile))?.data;
  }

  writePolicy(fp: string, facts: Record<string, PolicyFacts>): Promise<void> {
    return this.write(fp, 'policy.json', facts);
  }

  writeProjects(fp: string, list: Stamped<Project[]>): Promise<void> {
    return this.write(fp, 'projects.json', list);
  }

  writeFolders(fp: string, folders: Record<string, FolderEntry>): Promise<void> {
    return this.write(fp, 'folders.json', folders);
  }

  /** Deletes a key's index; a write queued or running for it finishes first, and later ones are dropped. */
  remove(fp: string): Promise<void> {
    this.removed.add(fp);
    return this.serial(() => rm(this.folderOf(fp), { recursive: true, force: true }));
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async ensureDir(fp: string): Promise<string> {
    const dir = this.folderOf(fp);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // mkdir leaves an existing folder's mode as it was (an index from an older version).
    await chmod(dir, 0o700);
    return dir;
  }

  private async read<S extends z.ZodMiniType>(fp: string, name: string, schema: S): Promise<z.output<S> | undefined> {
    const file = join(this.folderOf(fp), name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined; // none yet
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.discard(file, 'not JSON (truncated, or written by two windows at once)');
    }
    // An older or newer version is not this one's to judge: ignored, and overwritten by the next save.
    if (typeof parsed !== 'object' || parsed === null || (parsed as { version?: unknown }).version !== VERSION) return undefined;
    const r = schema.safeParse(parsed);
    if (!r.success) return this.discard(file, `not an index of this shape (${r.error.issues[0]?.path.join('.') ?? 'root'})`);
    return r.data;
  }

  private async discard(file: string, why: string): Promise<undefined> {
    this.onDiscard(file, why);
    await this.serial(() => rm(file, { force: true }));
    return undefined;
  }

  private write(fp: string, name: string, data: unknown): Promise<void> {
    return this.serial(async () => {
      if (this.removed.has(fp)) return;
      const dir = await this.ensureDir(fp);
      const file = join(dir, name);
      const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, JSON.stringify({ version: VERSION, data }), { mode: 0o600 });
        await rename(tmp, file);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    });
  }
}
