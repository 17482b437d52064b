// Usage and costs, drawn from the organization itself: every key that has been used makes requests to
// one or two of its project's models each day since it was created, so the figures change with the
// keys, projects and models the tree shows. Deterministic: a key's day is a hash of its id and the day.
import type { ApiKey, Org, Project } from './model';
import { rng } from './seeds';

export const DAY = 86_400;

/** Dollars per million tokens, input and output. Models not listed cost the default. */
const PRICES: Record<string, [number, number]> = {
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  o3: [2, 8],
  'o4-mini': [1.1, 4.4],
  'text-embedding-3-small': [0.02, 0],
  'text-embedding-3-large': [0.13, 0],
};
const EMBEDDING = /^text-embedding/;

export interface UsageRow {
  kind: 'completions' | 'embeddings';
  project_id: string;
  api_key_id: string;
  user_id: string | null;
  model: string;
  input_tokens: number;
  output_tokens: number;
  input_cached_tokens: number;
  num_model_requests: number;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The models a key talks to: one or two chat models its project has, and sometimes an embedding model. */
function modelsOf(p: Project, k: ApiKey): string[] {
  const chat = p.rate_limits.map((r) => r.model).filter((m) => PRICES[m] && !EMBEDDING.test(m));
  const emb = p.rate_limits.map((r) => r.model).filter((m) => EMBEDDING.test(m));
  if (!chat.length) return [];
  const h = hash(k.id);
  const out = [chat[h % chat.length]!];
  if (h % 3 === 0 && chat.length > 1) out.push(chat[(h >>> 4) % chat.length]!);
  if (h % 4 === 1 && emb.length) out.push(emb[0]!);
  return [...new Set(out)];
}

/** What one key did on the day starting at `day` (Unix seconds, UTC midnight). */
function keyDay(p: Project, k: ApiKey, day: number): UsageRow[] {
  if (k.last_used_at === null || k.created_at >= day + DAY) return [];
  if (p.archived_at !== null && p.archived_at <= day) return [];
  const base = hash(k.id) % 7;
  if (base === 0) return []; // some keys sit idle
  const user_id = k.owner.type === 'user' ? k.owner.user_id : null;
  const weekend = [0, 6].includes(new Date(day * 1000).getUTCDay());
  return modelsOf(p, k).map((model, i) => {
    const next = rng(hash(`${k.id}/${day}/${i}`));
    const requests = Math.floor(base * 40 * (weekend ? 0.4 : 1) * (0.5 + next()));
    const embedding = EMBEDDING.test(model);
    const input = requests * Math.floor(embedding ? 300 : 900 + next() * 1500);
    return {
      kind: embedding ? ('embeddings' as const) : ('completions' as const),
      project_id: p.id,
      api_key_id: k.id,
      user_id,
      model,
      input_tokens: input,
      output_tokens: embedding ? 0 : Math.floor(input * (0.15 + next() * 0.3)),
      input_cached_tokens: embedding ? 0 : Math.floor(input * next() * 0.4),
      num_model_requests: requests,
    };
  });
}

/** Every key's usage on one day, optionally only some projects'. */
export function usageOn(org: Org, day: number, projectIds?: Set<string>): UsageRow[] {
  return org.projects.filter((p) => !projectIds || projectIds.has(p.id)).flatMap((p) => p.api_keys.flatMap((k) => keyDay(p, k, day)));
}

export interface CostRow {
  project_id: string;
  api_key_id: string;
  line_item: string;
  value: number;
  quantity: number;
}

/** The line items a usage row is billed as: `gpt-4o, input`, `gpt-4o, output`. */
export function costsOf(u: UsageRow): CostRow[] {
  const [pin, pout] = PRICES[u.model] ?? [1, 4];
  const rows: CostRow[] = [
    { project_id: u.project_id, api_key_id: u.api_key_id, line_item: `${u.model}, input`, value: (u.input_tokens * pin) / 1e6, quantity: u.input_tokens },
  ];
  if (u.output_tokens)
    rows.push({
      project_id: u.project_id,
      api_key_id: u.api_key_id,
      line_item: `${u.model}, output`,
      value: (u.output_tokens * pout) / 1e6,
      quantity: u.output_tokens,
    });
  return rows;
}
