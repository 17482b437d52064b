// The policy facts the index keeps of each project (its spend limit, model and hosted-tool
// permissions: what Find's questions ask), and the questions themselves: "no spend limit", "allows
// gpt-5", "web_search on". Each fact is the API's answer as read, with when: a question says how many
// projects it could not answer because nothing of theirs has been read.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import type { Project } from '../client';
import { HostedToolPermissions, ModelPermissions, SpendLimit, HOSTED_TOOLS } from '../client/policySchemas';
import type { Facet, FacetValues } from '../store/facets';
import type { Stamped } from './entries';
import { HeldRolesSchema, type HeldRoles } from './roles';

/** The facets the index keeps, and Index Organization Policy reads (each one request a project). */
export const POLICY_FACETS = ['spendLimit', 'models', 'hostedTools'] as const satisfies readonly Facet[];
export type PolicyFacet = (typeof POLICY_FACETS)[number];
export const isPolicyFacet = (f: Facet): f is PolicyFacet => (POLICY_FACETS as readonly Facet[]).includes(f);

/** A project's policy facts, and (read on request) who holds which role there (src/index/roles.ts). */
export type PolicyFacts = { [F in PolicyFacet]?: Stamped<FacetValues[F]> } & { roles?: Stamped<HeldRoles> };

const at = z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0));
/** One project's facts as the index file holds them (checked when read back). */
export const PolicyFactsSchema = z.object({
  spendLimit: z.optional(z.object({ at, items: z.nullable(SpendLimit) })),
  models: z.optional(z.object({ at, items: ModelPermissions })),
  hostedTools: z.optional(z.object({ at, items: HostedToolPermissions })),
  roles: z.optional(z.object({ at, items: HeldRolesSchema })),
});

export type Question = { kind: 'noLimit' } | { kind: 'allows'; model: string } | { kind: 'tool'; tool: string; on: boolean };

/** The facet a question is answered from. */
export const facetOf = (q: Question): PolicyFacet => (q.kind === 'noLimit' ? 'spendLimit' : q.kind === 'allows' ? 'models' : 'hostedTools');

const TOOL_WORDS = new Map(HOSTED_TOOLS.map((t) => [t.replace(/_/g, ' '), t]));

/** A query that is one of the questions (in English words, as the placeholder shows them), else undefined. */
export function parseQuestion(query: string): Question | undefined {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(no|without( a)?|projects without( a)?) (hard )?spend limit$/.test(q)) return { kind: 'noLimit' };
  const allows = /^(?:allows?|allowing) ([a-z0-9][a-z0-9._:/-]*)$/.exec(q);
  if (allows) return { kind: 'allows', model: allows[1]! };
  const tool = /^(?:tool )?([a-z_ ]+?) (on|enabled|off|disabled)$/.exec(q);
  if (tool) {
    const name = (HOSTED_TOOLS as readonly string[]).includes(tool[1]!) ? tool[1]! : TOOL_WORDS.get(tool[1]!);
    if (name) return { kind: 'tool', tool: name, on: tool[2] === 'on' || tool[2] === 'enabled' };
  }
  return undefined;
}

/** Whether a project's fact answers yes; undefined when the fact says neither (a mode newer than this extension). */
export function answers(q: Question, facts: PolicyFacts): boolean | undefined {
  switch (q.kind) {
    case 'noLimit':
      return facts.spendLimit!.items === null;
    case 'allows': {
      const m = facts.models!.items;
      const listed = m.model_ids.some((id) => id.toLowerCase() === q.model);
      return m.mode === 'allow_list' ? listed : m.mode === 'deny_list' ? !listed : undefined;
    }
    case 'tool': {
      const t = (facts.hostedTools!.items as Record<string, unknown>)[q.tool];
      // A tool the answer leaves out is off, as the settings form shows it.
      const on = !!t && typeof t === 'object' && (t as { enabled?: unknown }).enabled === true;
      return on === q.on;
    }
  }
}

/** The question in words, for the list's heading. */
export function questionText(q: Question): string {
  if (q.kind === 'noLimit') return l10n.t('projects without a hard spend limit');
  if (q.kind === 'allows') return l10n.t('projects that allow {0}', q.model);
  return q.on ? l10n.t('projects with {0} on', q.tool) : l10n.t('projects with {0} off', q.tool);
}

export interface Answer {
  yes: { project: Project; at: number }[];
  /** Active projects whose fact has not been read. */
  unknown: Project[];
  /** Read, but in a form the question cannot be answered from (said, not guessed). */
  unclear: Project[];
}

export function answer(q: Question, projects: Project[], factsOf: (projectId: string) => PolicyFacts | undefined): Answer {
  const out: Answer = { yes: [], unknown: [], unclear: [] };
  const facet = facetOf(q);
  for (const p of projects) {
    const facts = factsOf(p.id);
    const fact = facts?.[facet];
    if (!facts || !fact) {
      out.unknown.push(p);
      continue;
    }
    const a = answers(q, facts);
    if (a === undefined) out.unclear.push(p);
    else if (a) out.yes.push({ project: p, at: fact.at });
  }
  return out;
}
