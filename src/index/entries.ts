// What the index holds of one list: its items and when they were fetched (shared by the index, its
// files and its search records).
import type { FolderItems, FolderKind } from '../store/store';

export interface Stamped<T> {
  /** When the list was fetched (ms since the epoch). */
  at: number;
  items: T;
}

export type FolderEntry = { [K in FolderKind]: Stamped<FolderItems[K]> & { kind: K } }[FolderKind];
