// The layers of src/, checked: every import points down (or within its own layer), and no file
// imports itself back through others (type imports count: a type cycle is still a cycle).
// Run by `npm run lint`; prints each offending import and exits 1.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bottom to top; a file may import its own layer or any below it. CONTRIBUTING shows the picture. */
export const LAYERS = [
  ['client', ['client/']],
  ['shared', ['shared/']],
  ['store', ['store/']],
  ['index', ['index/']],
  ['kit', ['kit/', 'webview/']],
  ['features', ['tree/', 'commands/', 'bulk/', 'files/', 'usage/', 'activity/', 'rateLimits/', 'settings/', 'access/']],
  ['composition', ['core.ts', 'l10n.ts']],
  ['activation', ['extension.ts']],
];

const layerOf = (src, file) => {
  const rel = relative(src, file).replace(/\\/g, '/');
  const i = LAYERS.findIndex(([, prefixes]) => prefixes.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p)));
  return i;
};

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function resolve(from, spec) {
  const base = normalize(join(dirname(from), spec));
  return [`${base}.ts`, join(base, 'index.ts'), base].find((c) => existsSync(c) && statSync(c).isFile());
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The problems of the tree at `root` (its src/), as lines to print; none when it keeps the layers. */
export function check(root = ROOT) {
  const src = join(root, 'src');
  const files = walk(src);
  const graph = new Map();
  const problems = [];
  for (const f of files) {
    const deps = [];
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const target = resolve(f, m[1]);
      if (!target) continue;
      deps.push(target);
      const [a, b] = [layerOf(src, f), layerOf(src, target)];
      if (a < 0) problems.push(`${relative(root, f)}: in no layer (add its folder to LAYERS in scripts/layers.mjs)`);
      else if (b > a) problems.push(`${relative(root, f)} (${LAYERS[a][0]}) imports ${relative(root, target)} (${LAYERS[b][0]}), a layer above it`);
    }
    graph.set(f, deps);
  }
  // Tarjan's strongly connected components: any with more than one file is a cycle.
  let n = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const visit = (v) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) problems.push(`a cycle: ${scc.map((x) => relative(root, x)).join(' → ')}`);
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return [...problems, ...oneWriter(src, files)];
}

/** The one module that may call the client's writes (CONTRIBUTING, "One writer"). */
export const WRITER = 'store/writer.ts';

/** Every call of a client method that writes (one whose body is `write(…)` in src/client/index.ts or organization.ts) outside the writer. */
function oneWriter(src, files) {
  const clientFiles = ['index.ts', 'organization.ts'].map((f) => join(src, 'client', f)).filter((f) => existsSync(f));
  const writes = clientFiles.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(\w+): async \([^)]*\)[^=]*=>\s*write\(/g)].map((m) => m[1]));
  if (!writes.length) return [];
  // `writer.createProject(…)` and a plan's `write.createProject(…)` are the writer's own methods, not the client's.
  const call = new RegExp(`(\\w+)\\s*\\.(${writes.join('|')})\\s*\\(`, 'g');
  const out = [];
  for (const f of files) {
    const rel = relative(src, f).replace(/\\/g, '/');
    if (rel.startsWith('client/') || rel === WRITER) continue;
    for (const m of readFileSync(f, 'utf8').matchAll(call))
      if (m[1] !== 'writer' && m[1] !== 'write')
        out.push(`${relative(join(src, '..'), f)}: calls the client's ${m[2]}() (a write): every write goes through src/${WRITER}`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = check();
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`layers: ${problems.length} problem(s); see CONTRIBUTING ("Layers").`);
    process.exit(1);
  }
  console.log('layers: every import points down, no cycles, every write through the writer.');
}
