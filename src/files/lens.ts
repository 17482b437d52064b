// A line at the top of a project file: in sync, N differences, or why it cannot tell. Computed from
// what the tree's cache (or a fresh index) already holds: a lens never sends a request.
import * as vscode from 'vscode';
import { COMMANDS } from '../kit/ids';
import type { Ctx } from '../kit/context';
import { cachedLive, findProject, unread } from './commands';
import { countDifferences, diffFile } from './diff';
import { parseProjectFile } from './projectFile';
import { iconless } from '../kit/ui';

export class ProjectFileLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly ctx: Ctx) {}

  /** Recomputed soon (saves, refreshes and tree changes come in bursts). */
  refresh(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, 300);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lens = (title: string, command?: string) => new vscode.CodeLens(top, { title, command: command ?? '', arguments: command ? [doc.uri] : undefined });
    const parsed = parseProjectFile(doc.getText());
    if (!parsed.file)
      return [
        lens(
          vscode.l10n.t(
            '$(error) Not a valid project file: {0}{1}',
            iconless(parsed.problems[0] ?? ''),
            parsed.problems.length > 1 ? vscode.l10n.t(' (and {0} more)', parsed.problems.length - 1) : '',
          ),
        ),
      ];
    const status = this.status(parsed.file);
    return [lens(status, COMMANDS.compareWithOrganization), lens(vscode.l10n.t('Apply to Organization…'), COMMANDS.applyToOrganization)];
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }

  private status(file: NonNullable<ReturnType<typeof parseProjectFile>['file']>): string {
    const projects = this.ctx.store.loadedProjects ?? this.ctx.index.projects?.items;
    if (!projects) return vscode.l10n.t('$(question) Not compared yet: Compare with Organization');
    const { project, blocked } = findProject(projects, file);
    if (blocked) return vscode.l10n.t('$(warning) {0}', iconless(blocked));
    if (!project) return vscode.l10n.t('$(add) No such project in the organization: applying creates it');
    const live = cachedLive(this.ctx, project);
    if (!live || unread(file, live).length) return vscode.l10n.t('$(question) Not compared yet (its lists are not loaded): Compare with Organization');
    const n = countDifferences(diffFile(file, live));
    return n
      ? vscode.l10n.t('$(diff) {0} difference{1} from the organization: Compare', n, n === 1 ? '' : 's')
      : vscode.l10n.t('$(check) In sync with the organization');
  }
}
