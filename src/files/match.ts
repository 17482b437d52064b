// Which live project a file means: by its id if it has one, else by its name among active projects.
// A file that cannot be matched safely (an id of another organization's while a project of its name
// exists; a name several projects share) creates nothing, and says why.
import * as l10n from '@vscode/l10n';
import type { Project } from '../client';
import { isArchived, projectName } from '../shared/projectInfo';
import type { ProjectFile } from './projectFile';

/**
 * The project a file names: by its id if it has one, else by its name among active projects. When
 * the file cannot be matched safely, `blocked` says why (and nothing may be created); `note` says
 * what applying would do that the file's author may not expect.
 */
export interface Match {
  project?: Project;
  blocked?: string;
  note?: string;
}

export function findProject(projects: Project[], file: ProjectFile): Match {
  const named = projects.filter((p) => !isArchived(p) && projectName(p) === file.project);
  if (file.id) {
    const project = projects.find((p) => p.id === file.id);
    if (project) return { project };
    if (named.length)
      return {
        blocked: l10n.t(
          'The file’s id {0} is not a project of this organization (another organization’s, or deleted), but a project named "{1}" exists ({2}): change the file’s id to it, or remove the id to find the project by name. Nothing is created.',
          file.id,
          file.project,
          named.map((p) => p.id).join(', '),
        ),
      };
    return {
      note: l10n.t(
        'The file’s id {0} is not a project of this organization (another organization’s, or deleted): applying creates a new project "{1}", with an id of its own.',
        file.id,
        file.project,
      ),
    };
  }
  if (named.length > 1) return { blocked: l10n.t('{0} projects are named "{1}": add the one you mean as "id" to the file.', named.length, file.project) };
  if (named.length) return { project: named[0] };
  const archived = projects.find((p) => isArchived(p) && projectName(p) === file.project);
  return archived ? { note: l10n.t('An archived project named "{0}" ({1}) exists; applying creates a new, active one.', file.project, archived.id) } : {};
}
