// A project as a file (`*.openai-project.json`, comments allowed): its name, its members by email with
// their role, its service accounts by name with their role, rate limits per model, and its policy. What the file
// does not mention it has no opinion on; keys are never in it. The same text form renders the live
// project, so a diff between the two is a diff of meaning, line for line.
// The ESM build: the package's main (UMD) loads its parts with requires a bundler cannot follow.
import * as l10n from '@vscode/l10n';
import { createScanner, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { ORGANIZATION_ID, RATE_LIMIT_FIELDS, type Project, type ProjectRateLimit, type RateLimitField } from '../client';
import { nameProblem } from '../shared/rules';
import type { FileKind, FolderItems } from '../store/kinds';
import { projectName } from '../shared/projectInfo';
import { SECTIONS, type Loaded, type Section, type Wanted } from '../webview/settingsProtocol';
import { parsePolicy, policyJson, POLICY_KEYS, wantedOf, type FilePolicy } from './policyFile';
import { ACCESS_KEYS, accessOfLive, parseAccess, type FileAccess, type LiveAccess } from './accessFile';

export { PROJECT_FILE_GLOB as FILE_GLOB } from '../kit/ids';
export const isProjectFile = (path: string) => /\.openai-project\.jsonc?$/.test(path);

export type { Limits } from '../store/writer';
import type { Limits } from '../store/writer';

/**
 * A file's content. Its maps are `Map`s: a name is any text a person chose (`constructor`,
 * `__proto__`, `toString` included), never an object key that could mean something else.
 */
export interface ProjectFile {
  /** The organization it is of (as the API names it): applied only there. */
  organization?: string;
  /** The project's name; the project is found by `id` if given, else by this name. */
  project: string;
  id?: string;
  /** Email (or, for a member without one, user id) → role in the project. */
  members?: Map<string, string>;
  /** Service-account name (or, where two share a name, id) → role. */
  serviceAccounts?: Map<string, string>;
  /** Model → the limits the file sets (only those fields). */
  rateLimits?: Map<string, Limits>;
  /** The policy sections the file sets (src/files/policyFile.ts): spend limit and alerts, models, tools, retention, tiers. */
  policy?: FilePolicy;
  /** Groups with access and members' assigned roles (src/files/accessFile.ts). */
  access?: FileAccess;
}

/** The roles a person can be given in a project; the API may show others, which a file may keep. */
export const MEMBER_ROLES = ['owner', 'member'];
export const isUserId = (k: string) => /^user[-_][A-Za-z0-9_-]+$/.test(k);
/** Deeper than this is no project file: said as a problem, before a parser could run out of stack. */
export const MAX_DEPTH = 32;
/** Past this many problems a file is said to have "N more": listing thousands helps nobody. */
export const MAX_PROBLEMS = 50;

/** Line and column of every offset, from one pass over the text (a position is a binary search). */
function positions(text: string): (offset: number) => string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return l10n.t('line {0}, column {1}', lo + 1, offset - starts[lo]! + 1);
  };
}

/** Where the nesting first goes past MAX_DEPTH, or undefined (one linear scan, strings and comments skipped). */
function tooDeep(text: string): number | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (;;) {
    // jsonc-parser's SyntaxKind is a const enum (not importable here): its numbers, as it declares them.
    const k = scanner.scan() as number;
    if (k === 17 /* EOF */) return undefined;
    if (k === 1 /* { */ || k === 3 /* [ */) {
      if (++depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (k === 2 /* } */ || k === 4 /* ] */) depth--;
  }
}

/** An object node's properties, in order, as [name, value node]. */
const props = (n: Node): [string, Node][] =>
  (n.children ?? []).flatMap((p) => (p.children?.[0] && p.children[1] ? [[String(p.children[0].value), p.children[1]] as [string, Node]] : []));

/** What a file is, or every reason it is not, each naming where (`members › ada@example.com`). Linear in the file's size. */
export function parseProjectFile(text: string): { file: ProjectFile; problems: [] } | { file?: undefined; problems: string[] } {
  const at = positions(text);
  const deep = tooDeep(text);
  if (deep !== undefined) return { problems: [l10n.t('nested more than {0} levels deep at {1}: not a project file', MAX_DEPTH, at(deep))] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: string[] = [];
  const problem = (p: string) => {
    if (problems.length <= MAX_PROBLEMS) problems.push(p);
  };
  for (const e of errors) problem(l10n.t('{0} at {1}', printParseErrorCode(e.error), at(e.offset)));
  if (errors.length || !root) return { problems: capped(problems, errors.length) };
  const object = (n: Node | undefined, where: string): Node | undefined => {
    if (n?.type === 'object') return n;
    problem(l10n.t('{0}: expected an object', where));
    return undefined;
  };
  const top = object(root, l10n.t('the file'));
  if (!top) return { problems };
  const fields = new Map(props(top));
  for (const k of fields.keys()) {
    if (!['$schema', 'organization', 'project', 'id', 'members', 'serviceAccounts', 'rateLimits', ...POLICY_KEYS, ...ACCESS_KEYS].includes(k))
      problem(l10n.t('"{0}": not a field of a project file', k));
  }
  const name = fields.get('project');
  if (name?.type !== 'string') problem(l10n.t('project: the project’s name is needed'));
  else {
    const invalid = nameProblem(String(name.value), l10n.t('the project’s name is needed'));
    if (invalid) problem(l10n.t('project: {0}', invalid));
  }
  const org = fields.get('organization');
  if (org !== undefined && (org.type !== 'string' || !ORGANIZATION_ID.test(String(org.value))))
    problem(l10n.t('organization: the organization id the file is of (e.g. "org-…")'));
  const id = fields.get('id');
  if (id !== undefined && (id.type !== 'string' || !String(id.value).startsWith('proj_'))) problem(l10n.t('id: a project id ("proj_…")'));
  const role = (field: string, key: string, v: Node) => {
    const r = v.type === 'string' ? String(v.value) : '';
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    if (!r.trim() || r.length > 64 || /[\u0000-\u001f]/.test(r)) problem(l10n.t('{0} › {1}: the role must be a word such as "owner" or "member"', field, key));
    return r;
  };
  const roles = (field: 'members' | 'serviceAccounts') => {
    const n = fields.get(field);
    if (n === undefined) return undefined;
    const m = object(n, field);
    if (!m) return undefined;
    const out = new Map<string, string>();
    for (const [k, v] of props(m)) {
      if (out.has(k)) problem(l10n.t('{0} › {1}: listed twice', field, k));
      if (field === 'members') {
        if (!/^[^\s@]+@[^\s@]+$/.test(k) && !isUserId(k)) problem(l10n.t('members › {0}: not an email address (or a user id)', k));
      } else {
        const invalid = nameProblem(k, l10n.t('an empty name'));
        if (invalid) problem(l10n.t('serviceAccounts › {0}: {1}', k, invalid));
      }
      out.set(k, role(field, k, v));
    }
    return out;
  };
  const members = roles('members');
  const serviceAccounts = roles('serviceAccounts');
  let rateLimits: Map<string, Limits> | undefined;
  const rl = fields.get('rateLimits');
  if (rl !== undefined) {
    const m = object(rl, 'rateLimits');
    if (m) {
      rateLimits = new Map();
      for (const [model, limitsNode] of props(m)) {
        const l = object(limitsNode, l10n.t('rateLimits › {0}', model));
        if (!l) continue;
        const limits: Limits = {};
        for (const [f, v] of props(l)) {
          if (!(RATE_LIMIT_FIELDS as readonly string[]).includes(f)) problem(l10n.t('rateLimits › {0} › {1}: not a rate-limit field', model, f));
          else if (v.type !== 'number' || !Number.isSafeInteger(v.value) || (v.value as number) < 0)
            problem(l10n.t('rateLimits › {0} › {1}: a whole number, 0 or more', model, f));
          else limits[f as RateLimitField] = v.value as number;
        }
        rateLimits.set(model, limits);
      }
    }
  }
  const policy = parsePolicy(new Map(POLICY_KEYS.filter((k) => fields.has(k)).map((k) => [k, getNodeValue(fields.get(k)!) as unknown])), problem);
  const access = parseAccess(
    new Map(ACCESS_KEYS.filter((k) => fields.has(k)).map((k) => [k, getNodeValue(fields.get(k)!) as unknown])),
    (k) => /^[^\s@]+@[^\s@]+$/.test(k) || isUserId(k),
    problem,
  );
  if (problems.length) return { problems: capped(problems, problems.length) };
  const file: ProjectFile = { project: String(name!.value).trim() };
  if (id !== undefined) file.id = String(id.value);
  if (org !== undefined) file.organization = String(org.value);
  if (members) file.members = members;
  if (serviceAccounts) file.serviceAccounts = serviceAccounts;
  if (rateLimits) file.rateLimits = rateLimits;
  if (Object.keys(policy).length) file.policy = policy;
  if (Object.keys(access).length) file.access = access;
  return { file, problems: [] };
}

/** At most MAX_PROBLEMS, then how many more there were. */
function capped(problems: string[], total: number): string[] {
  if (problems.length <= MAX_PROBLEMS && total <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), l10n.t('… and {0} more problems', Math.max(total, problems.length) - MAX_PROBLEMS)];
}

/** What is live in the organization, as read through the store. */
/** A project as the file compares it: its lists of every kind a file holds. */
export type LiveProject = { project: Project; policy?: { [S in Section]?: Loaded[S] }; access?: LiveAccess } & Pick<FolderItems, FileKind>;

export const limitsOf = (r: ProjectRateLimit): Limits =>
  Object.fromEntries(RATE_LIMIT_FIELDS.filter((f) => typeof r[f] === 'number').map((f) => [f, r[f] as number]));

const sorted = <T>(entries: Iterable<[string, T]>): Map<string, T> => new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The live project as a file. `limits`: every model's limits ('all'), only where they differ from
 * `defaults` (the default project's, i.e. what a project gets unless changed), or the models and
 * fields `like` lists (for a diff against a file, which says nothing about the rest). A member with
 * no email is listed by user id, and service accounts that share a name by id, so the file says
 * exactly who is meant and compares clean.
 */
export function toProjectFile(
  live: LiveProject,
  limits: { all: true } | { defaults: ProjectRateLimit[] } | { like: ProjectFile },
  organization?: string,
): ProjectFile {
  const file: ProjectFile = { project: projectName(live.project), id: live.project.id };
  if (organization) file.organization = organization;
  file.members = sorted(live.users.map((u) => [u.email || u.id, u.role]));
  const names = new Map<string, number>();
  for (const s of live.serviceAccounts) names.set(s.name, (names.get(s.name) ?? 0) + 1);
  file.serviceAccounts = sorted(live.serviceAccounts.map((s) => [names.get(s.name)! > 1 ? s.id : s.name, s.role]));
  const out: [string, Limits][] = [];
  const defaults = 'defaults' in limits ? new Map(limits.defaults.map((d) => [d.model, d])) : undefined;
  for (const r of live.rateLimits) {
    const all = limitsOf(r);
    if ('all' in limits) {
      out.push([r.model, all]);
    } else if (defaults) {
      const d = defaults.get(r.model);
      const changed = Object.fromEntries(Object.entries(all).filter(([f, v]) => !d || d[f as RateLimitField] !== v));
      if (Object.keys(changed).length) out.push([r.model, changed]);
    } else if ('like' in limits) {
      const wanted = limits.like.rateLimits?.get(r.model);
      if (wanted) out.push([r.model, Object.fromEntries(Object.entries(all).filter(([f]) => f in wanted))]);
    }
  }
  file.rateLimits = sorted(out);
  // The policy as read (an export reads every section; a diff those its file sets), in the file's terms.
  const policy: FilePolicy = {};
  for (const sec of SECTIONS) {
    const held = live.policy?.[sec];
    const want = held && wantedOf(sec, held);
    if (!want) continue;
    const asked = 'like' in limits ? limits.like.policy?.[sec] : undefined;
    if ('like' in limits && !asked) continue;
    // A diff shows only the tools its file names.
    if (sec === 'hostedTools' && asked) {
      const named = (asked as Wanted['hostedTools']).tools;
      const tools = (want as Wanted['hostedTools']).tools;
      policy.hostedTools = { tools: Object.fromEntries(Object.keys(named).map((k) => [k, tools[k] ?? false])) };
    } else (policy as Record<string, unknown>)[sec] = want;
  }
  if (Object.keys(policy).length) file.policy = policy;
  // Who can do what, as read (an export reads it; a diff only when its file sets it).
  if (live.access && (!('like' in limits) || limits.like.access))
    file.access = accessOfLive(live.access, live.users, 'like' in limits ? limits.like.access : undefined);
  return file;
}

/** A map as a JSON object, its keys own properties whatever they are (`__proto__` included). */
const record = <T>(m: Map<string, T>): Record<string, T> => Object.fromEntries(m);

/** The text of a file: two-space JSON, keys in a stable order, a final newline. */
export function renderProjectFile(file: ProjectFile, schemaUrl?: string): string {
  const ordered: Record<string, unknown> = {};
  if (schemaUrl) ordered.$schema = schemaUrl;
  if (file.organization) ordered.organization = file.organization;
  ordered.project = file.project;
  if (file.id) ordered.id = file.id;
  if (file.members) ordered.members = record(file.members);
  if (file.serviceAccounts) ordered.serviceAccounts = record(file.serviceAccounts);
  if (file.rateLimits) ordered.rateLimits = record(file.rateLimits);
  if (file.policy) Object.assign(ordered, policyJson(file.policy));
  if (file.access?.groups) ordered.groups = record(file.access.groups);
  if (file.access?.roleAssignments) ordered.roleAssignments = record(file.access.roleAssignments);
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
