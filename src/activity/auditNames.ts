// Which project an audit event is about, and names for the ids it carries. OpenAI files a change made
// with an admin key (this extension's) under the default project, whichever project it changed; the
// event's object id says which, when that id belongs to one project (the project itself, a service
// account, an API key). A user's or a rate limit's id does not (the same person is in many projects,
// and `rl-gpt-4o` is every project's gpt-4o limit): such an event is attributed only where something
// else settles it (a membership added at that very second), and otherwise said to be uncertain.
import * as l10n from '@vscode/l10n';
import type { AuditLog, Project } from '../client';
import type { FolderItems, FolderKind } from '../store/store';
import { isDefaultProject, projectName } from '../shared/projectInfo';

/** What is known of one project: its lists, as far as the tree or the index has them. */
export type KnownLists = (p: Project, kind: FolderKind) => FolderItems[FolderKind] | undefined;

interface Known {
  label: string;
  /** The one project the id belongs to; undefined when the id is not one project's. */
  project?: Project;
}

/** A membership's `added_at` and an event's `effective_at` are the same moment, give or take this. */
const SAME_MOMENT_S = 10;

export class AuditNames {
  private readonly ids = new Map<string, Known>();
  private readonly projects = new Map<string, Project>();

  constructor(
    projects: readonly Project[],
    private readonly lists: KnownLists,
  ) {
    for (const p of projects) {
      this.projects.set(p.id, p);
      this.ids.set(p.id, { label: l10n.t('project {0}', projectName(p)), project: p });
      for (const u of (lists(p, 'users') ?? []) as FolderItems['users']) this.ids.set(u.id, { label: l10n.t('user {0}', u.name || u.email || u.id) });
      for (const s of (lists(p, 'serviceAccounts') ?? []) as FolderItems['serviceAccounts'])
        this.ids.set(s.id, { label: l10n.t('service account {0}', s.name || s.id), project: p });
      for (const k of (lists(p, 'apiKeys') ?? []) as FolderItems['apiKeys']) this.ids.set(k.id, { label: l10n.t('API key {0}', k.name || k.id), project: p });
      for (const r of (lists(p, 'rateLimits') ?? []) as FolderItems['rateLimits']) this.ids.set(r.id, { label: l10n.t('rate limit {0}', r.model) });
    }
  }

  /** The ids an event about `p`'s objects can carry: its own, its accounts', keys', members' and limits'. */
  idsOf(p: Project): string[] {
    const items = (['serviceAccounts', 'apiKeys', 'users', 'rateLimits'] as const).flatMap((k) => (this.lists(p, k) ?? []) as { id: string }[]);
    return [p.id, ...items.map((i) => i.id)];
  }

  label(id: string): string | undefined {
    return this.ids.get(id)?.label;
  }

  /**
   * The project `e` is about, seen from the Activity of `subject` (a project, or undefined for
   * an object's own Activity): `sure` when the event says so; undefined when it is not about it.
   */
  about(e: AuditLog, subject?: Project): { project?: Project; sure: boolean } | undefined {
    const filed = e.project?.id ? this.projects.get(e.project.id) : undefined;
    const byAdminKey = !!filed && isDefaultProject(filed);
    const id = objectId(e);
    let owner = id ? this.ids.get(id)?.project : undefined;
    if (!owner && id && byAdminKey && e.type === 'user.added') owner = this.addedAt(id, e.effective_at);
    if (owner) return subject && owner.id !== subject.id && filed?.id !== subject.id ? undefined : { project: owner, sure: true };
    if (!subject || e.project?.id === subject.id) return { project: filed, sure: true };
    // An id of many projects' objects, filed elsewhere: only an admin key's change (filed under the
    // default project) can be the subject's; an addition is settled by its moment, above.
    if (!byAdminKey || isDefaultProject(subject) || e.type === 'user.added') return undefined;
    return { project: subject, sure: false };
  }

  /** The one project that `userId` joined at `at` (its membership's `added_at`), if exactly one did. */
  private addedAt(userId: string, at: number): Project | undefined {
    const found = [...this.projects.values()].filter(
      (p) =>
        !isDefaultProject(p) &&
        ((this.lists(p, 'users') ?? []) as FolderItems['users']).some((u) => u.id === userId && Math.abs(u.added_at - at) <= SAME_MOMENT_S),
    );
    return found.length === 1 ? found[0] : undefined;
  }

  /** The Project column: where it is about, and where the API filed it when that differs. */
  projectText(e: AuditLog, about: { project?: Project; sure: boolean } | undefined): string | undefined {
    const filed = e.project ? (this.projects.get(e.project.id ?? '') ?? undefined) : undefined;
    const filedName = filed ? projectName(filed) : (e.project?.name ?? e.project?.id ?? undefined);
    const target = about?.project;
    if (!target || target.id === e.project?.id) return filedName;
    if (!about.sure)
      return l10n.t('{0} or another project (filed under {1}; the event does not say which)', projectName(target), filedName ?? l10n.t('no project'));
    return filedName ? l10n.t('{0} (filed under {1})', projectName(target), filedName) : projectName(target);
  }
}

/** The id of what the event is about (its type's details name it). */
export function objectId(e: AuditLog): string | undefined {
  const d = (e as Record<string, unknown>)[e.type] as { id?: unknown } | undefined;
  return typeof d?.id === 'string' ? d.id : undefined;
}
