// Copies the operations under test out of OpenAI's public OpenAPI document (openai/openai-openapi,
// openapi.json), with every schema and response they reference, into a fixture the tests read offline:
//   node scripts/extract-spec.mjs <openapi.json> <out.json> <path regex>
import { readFileSync, writeFileSync } from 'node:fs';

const [source, out, pattern] = process.argv.slice(2);
if (!source || !out || !pattern) throw new Error('usage: node scripts/extract-spec.mjs <openapi.json> <out.json> <path regex>');
const spec = JSON.parse(readFileSync(source, 'utf8'));
const re = new RegExp(pattern);
const paths = Object.fromEntries(Object.entries(spec.paths).filter(([p]) => re.test(p)));
const components = {};
const todo = [];
const refs = (o) => {
  if (Array.isArray(o)) o.forEach(refs);
  else if (o && typeof o === 'object')
    for (const [k, v] of Object.entries(o))
      if (k === '$ref') todo.push(v);
      else refs(v);
};
refs(paths);
while (todo.length) {
  const [, , kind, name] = todo.pop().split('/');
  components[kind] ??= {};
  if (components[kind][name]) continue;
  components[kind][name] = spec.components[kind][name];
  refs(spec.components[kind][name]);
}
const { openapi, info, servers, security } = spec;
writeFileSync(out, JSON.stringify({ openapi, info, servers, security, paths, components }, null, 1) + '\n');
console.log(`${Object.keys(paths).length} paths, ${Object.values(components).reduce((n, c) => n + Object.keys(c).length, 0)} components → ${out}`);
