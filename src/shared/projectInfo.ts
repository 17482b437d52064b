// Facts about a project that the tree and the commands both need.
import type { Project } from '../client';

// The API's own name for it, not a text of ours: not translated.
export const DEFAULT_PROJECT_NAME = 'Default project';
/** The API does not flag the default project; its fixed name does (it cannot be renamed). */
export const isDefaultProject = (p: Project) => p.name === DEFAULT_PROJECT_NAME;
export const isArchived = (p: Project) => p.status === 'archived';
export const projectName = (p: Project) => p.name || p.id;

/** The default project first, then by name. */
export function sortProjects(projects: Project[]): Project[] {
  return [...projects].sort((a, b) => Number(isDefaultProject(b)) - Number(isDefaultProject(a)) || projectName(a).localeCompare(projectName(b)));
}

/** A suffix for context values: mutating menus are hidden on archived projects, some on the default one. */
export const projectSuffix = (p: Project) => (isArchived(p) ? '.archived' : isDefaultProject(p) ? '.default' : '');
