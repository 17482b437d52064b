// A project as a file (`*.openai-project.json`, comments allowed): its name, its members by email with
// their role, its service accounts by name with their role, and rate limits per model. What the file
// does not mention it has no opinion on; keys are never in it. The same text form renders the live
// project, so a diff between the two is a diff of meaning, line for line.
// The ESM build: the package's main (UMD) loads its parts with requires a bundler cannot follow.
import * as l10n from '@vscode/l10n';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { RATE_LIMIT_FIELDS, type Project, type ProjectRateLimit, type ProjectServiceAccount, type ProjectUser, type RateLimitField } from '../client';
import { projectName } from '../tree/projectInfo';

export { PROJECT_FILE_GLOB as FILE_GLOB } from '../commands/ids';
export const isProjectFile = (path: string) => /\.openai-project\.jsonc?$/.test(path);

export type Limits = Partial<Record<RateLimitField, number>>;

export interface ProjectFile {
  /** The project's name; the project is found by `id` if given, else by this name. */
  project: string;
  id?: string;
  /** Email → role in the project. */
  members?: Record<string, string>;
  /** Service-account name → role. */
  serviceAccounts?: Record<string, string>;
  /** Model → the limits the file sets (only those fields). */
  rateLimits?: Record<string, Limits>;
}

export const MEMBER_ROLES = ['owner', 'member'];

/** What a file is, or every reason it is not, each naming where (`members › ada@example.com`). */
export function parseProjectFile(text: string): { file: ProjectFile; problems: [] } | { file?: undefined; problems: string[] } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    return { problems: errors.map((e) => l10n.t('{0} at {1}', printParseErrorCode(e.error), position(text, e.offset))) };
  }
  const problems: string[] = [];
  const obj = (v: unknown, where: string): Record<string, unknown> | undefined => {
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    problems.push(l10n.t('{0}: expected an object', where));
    return undefined;
  };
  const root = obj(value, l10n.t('the file'));
  if (!root) return { problems };
  for (const k of Object.keys(root)) {
    if (!['$schema', 'project', 'id', 'members', 'serviceAccounts', 'rateLimits'].includes(k)) problems.push(l10n.t('"{0}": not a field of a project file', k));
  }
  if (typeof root.project !== 'string' || !root.project.trim()) problems.push(l10n.t('project: the project’s name is needed'));
  if (root.id !== undefined && (typeof root.id !== 'string' || !root.id.startsWith('proj_'))) problems.push(l10n.t('id: a project id ("proj_…")'));
  const roles = (field: 'members' | 'serviceAccounts', allowed?: string[]) => {
    if (root[field] === undefined) return undefined;
    const m = obj(root[field], field);
    if (!m) return undefined;
    for (const [k, role] of Object.entries(m)) {
      if (!k.trim()) problems.push(l10n.t('{0}: an empty name', field));
      if (field === 'members' && !/^[^\s@]+@[^\s@]+$/.test(k)) problems.push(l10n.t('members › {0}: not an email address', k));
      if (typeof role !== 'string' || (allowed && !allowed.includes(role)))
        problems.push(l10n.t('{0} › {1}: the role must be {2}', field, k, allowed ? allowed.map((r) => `"${r}"`).join(' or ') : l10n.t('a string')));
    }
    return m as Record<string, string>;
  };
  const members = roles('members', MEMBER_ROLES);
  const serviceAccounts = roles('serviceAccounts');
  let rateLimits: Record<string, Limits> | undefined;
  if (root.rateLimits !== undefined) {
    const m = obj(root.rateLimits, 'rateLimits');
    if (m) {
      rateLimits = {};
      for (const [model, limits] of Object.entries(m)) {
        const l = obj(limits, l10n.t('rateLimits › {0}', model));
        if (!l) continue;
        for (const [f, v] of Object.entries(l)) {
          if (!(RATE_LIMIT_FIELDS as readonly string[]).includes(f)) problems.push(l10n.t('rateLimits › {0} › {1}: not a rate-limit field', model, f));
          else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) problems.push(l10n.t('rateLimits › {0} › {1}: a whole number, 0 or more', model, f));
        }
        rateLimits[model] = l;
      }
    }
  }
  if (problems.length) return { problems };
  const file: ProjectFile = { project: (root.project as string).trim() };
  if (root.id !== undefined) file.id = root.id as string;
  if (members) file.members = members;
  if (serviceAccounts) file.serviceAccounts = serviceAccounts;
  if (rateLimits) file.rateLimits = rateLimits;
  return { file, problems: [] };
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return l10n.t('line {0}, column {1}', before.length, before.at(-1)!.length + 1);
}

/** What is live in the organization, as read through the store. */
export interface LiveProject {
  project: Project;
  users: ProjectUser[];
  serviceAccounts: ProjectServiceAccount[];
  rateLimits: ProjectRateLimit[];
}

export const limitsOf = (r: ProjectRateLimit): Limits =>
  Object.fromEntries(RATE_LIMIT_FIELDS.filter((f) => typeof r[f] === 'number').map((f) => [f, r[f] as number]));

const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The live project as a file. `limits`: every model's limits ('all'), only where they differ from
 * `defaults` (the default project's, i.e. what a project gets unless changed), or the models and
 * fields `like` lists (for a diff against a file, which says nothing about the rest).
 */
export function toProjectFile(live: LiveProject, limits: { all: true } | { defaults: ProjectRateLimit[] } | { like: ProjectFile }): ProjectFile {
  const file: ProjectFile = { project: projectName(live.project), id: live.project.id };
  file.members = sorted(Object.fromEntries(live.users.map((u) => [u.email ?? u.id, u.role])));
  file.serviceAccounts = sorted(Object.fromEntries(live.serviceAccounts.map((s) => [s.name, s.role])));
  const out: Record<string, Limits> = {};
  for (const r of live.rateLimits) {
    const all = limitsOf(r);
    if ('all' in limits) {
      out[r.model] = all;
    } else if ('defaults' in limits) {
      const d = limits.defaults.find((x) => x.model === r.model);
      const changed = Object.fromEntries(Object.entries(all).filter(([f, v]) => !d || d[f as RateLimitField] !== v));
      if (Object.keys(changed).length) out[r.model] = changed;
    } else {
      const wanted = limits.like.rateLimits?.[r.model];
      if (wanted) out[r.model] = Object.fromEntries(Object.entries(all).filter(([f]) => f in wanted));
    }
  }
  file.rateLimits = sorted(out);
  return file;
}

/** The text of a file: two-space JSON, keys in a stable order, a final newline. */
export function renderProjectFile(file: ProjectFile, schemaUrl?: string): string {
  const ordered: Record<string, unknown> = {};
  if (schemaUrl) ordered.$schema = schemaUrl;
  ordered.project = file.project;
  if (file.id) ordered.id = file.id;
  if (file.members) ordered.members = file.members;
  if (file.serviceAccounts) ordered.serviceAccounts = file.serviceAccounts;
  if (file.rateLimits) ordered.rateLimits = file.rateLimits;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
