// Commands on projects: create, rename, archive, copy id, details, dashboard.
import * as vscode from 'vscode';
import { isDefaultProject, projectName } from '../shared/projectInfo';
import type { ReadOnlyDocuments } from '../kit/documents';
import { Cancelled, confirmPassed, done, targetProject, withViewProgress, type Ctx } from '../kit/context';
import { nameProblem } from '../shared/rules';

export const validateProjectName = (value: string) => nameProblem(value, vscode.l10n.t('A project needs a name.'));

async function askName(ctx: Ctx, title: string, value = ''): Promise<string> {
  const name = await ctx.ui.input({
    title,
    prompt: vscode.l10n.t('The project name, as it appears in reporting.'),
    value,
    validateInput: validateProjectName,
    ignoreFocusOut: true,
  });
  if (name === undefined) throw new Cancelled();
  return name.trim();
}

export function projectCommands(ctx: Ctx, details: ReadOnlyDocuments) {
  return {
    async createProject(name?: unknown): Promise<string> {
      const n = typeof name === 'string' ? name.trim() : await askName(ctx, vscode.l10n.t('New OpenAI project'));
      const invalid = validateProjectName(n);
      if (invalid) throw new Error(invalid);
      if (typeof name === 'string') await confirmPassed(ctx, vscode.l10n.t('Create the project "{0}"?', n), vscode.l10n.t('Create'));
      // Keyed by name: the same create, asked for again while it runs, is not sent twice.
      const { value: p, lost } = await ctx.tree.withNodeProgress(`new project/${n}`, vscode.l10n.t('Creating project "{0}"…', n), () =>
        ctx.writer.createProject(n),
      );
      done(ctx, vscode.l10n.t('Project "{0}" created ({1}).', projectName(p), p.id), { lost });
      return p.id;
    },

    async renameProject(node?: unknown, name?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: true, title: vscode.l10n.t('Rename which project?') });
      if (isDefaultProject(p)) throw new Error(vscode.l10n.t('The default project cannot be renamed.'));
      const n = typeof name === 'string' ? name.trim() : await askName(ctx, vscode.l10n.t('Rename "{0}"', projectName(p)), p.name ?? '');
      const invalid = validateProjectName(n);
      if (invalid) throw new Error(invalid);
      if (n === p.name) return;
      if (typeof name === 'string') await confirmPassed(ctx, vscode.l10n.t('Rename "{0}" to "{1}"?', projectName(p), n), vscode.l10n.t('Rename'));
      const renamed = await ctx.tree.withNodeProgress(p.id, vscode.l10n.t('renaming…'), () =>
        ctx.writer.renameProject(p.id, n, vscode.l10n.t('renaming "{0}" to "{1}"', projectName(p), n)),
      );
      done(ctx, vscode.l10n.t('Project renamed to "{0}".', n), { lost: renamed.lost });
    },

    async archiveProject(node?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: true, title: vscode.l10n.t('Archive which project?') });
      if (isDefaultProject(p)) throw new Error(vscode.l10n.t('The default project cannot be archived.'));
      const ok = await ctx.ui.confirm(
        vscode.l10n.t('Archive the project "{0}"?', projectName(p)),
        vscode.l10n.t(
          'Archiving cannot be undone from here. Its API keys stop working, and it takes no new users, service accounts or changes. Its history stays readable.',
        ),
        vscode.l10n.t('Archive'),
      );
      if (!ok) return;
      const archived = await ctx.tree.withNodeProgress(p.id, vscode.l10n.t('archiving…'), () =>
        ctx.writer.archiveProject(p.id, vscode.l10n.t('archiving "{0}"', projectName(p))),
      );
      done(ctx, vscode.l10n.t('Project "{0}" archived.', projectName(p)), { lost: archived.lost });
    },

    async copyProjectId(node?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: false, title: vscode.l10n.t('Copy the ID of which project?') });
      await vscode.env.clipboard.writeText(p.id);
      ctx.ui.status(vscode.l10n.t('Copied {0}', p.id));
    },

    async showProjectDetails(node?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: false, title: vscode.l10n.t('Show which project?') });
      const c = await ctx.client();
      const fresh = await withViewProgress(vscode.l10n.t('Loading "{0}"…', projectName(p)), () => c.retrieveProject({ projectId: p.id }));
      await details.open(details.put(`${projectName(fresh)}.json`, fresh), 'json');
    },

    async openInDashboard(node?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: false, title: vscode.l10n.t('Open which project?') });
      await vscode.env.openExternal(vscode.Uri.parse(`https://platform.openai.com/settings/${encodeURIComponent(p.id)}/project/general`));
    },
  };
}
