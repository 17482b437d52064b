// Checks a JSON value against a schema of an OpenAPI fixture: required fields, types, enums, and no
// field the reference does not define. Enough of JSON Schema for OpenAI's spec (refs, anyOf, oneOf).
import { readFileSync } from 'node:fs';

export type Schema = Record<string, unknown>;
export interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json'?: { schema: Schema } } }> }>>;
  components: { schemas: Record<string, Schema> };
}

export function loadSpec(name: string): Spec {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Spec;
}

/** `check(v, schema)`: the problems with `v`, as `path: what` lines; empty when it conforms. */
export function checker(spec: Spec) {
  const resolve = (s: Schema): Schema => {
    const ref = s.$ref as string | undefined;
    return ref ? resolve(spec.components.schemas[ref.split('/').pop()!]!) : s;
  };
  /** `allOf` of objects as one object: every part's properties, every part's required fields. */
  const merged = (parts: Schema[]): Schema => {
    const all = parts.map((x) => {
      const r = resolve(x);
      return r.allOf ? merged(r.allOf as Schema[]) : r;
    });
    return {
      type: 'object',
      properties: Object.assign({}, ...all.map((x) => x.properties ?? {})) as Schema,
      required: all.flatMap((x) => (x.required as string[] | undefined) ?? []),
    };
  };
  const check = (v: unknown, s0: Schema, path = '$'): string[] => {
    const r0 = resolve(s0);
    const s = r0.allOf ? merged(r0.allOf as Schema[]) : r0;
    const options = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
    if (options) {
      const results = options.map((o) => check(v, o, path));
      const matches = results.filter((o) => o.length === 0).length;
      if (s.oneOf && matches > 1) return [`${path}: matches ${matches} of oneOf`];
      return matches ? [] : results.flat();
    }
    const t = s.type as string | undefined;
    const actual = v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
    if (t && !(t === actual || (t === 'number' && actual === 'integer'))) return [`${path}: expected ${t}, got ${actual}`];
    if (s.enum && !(s.enum as unknown[]).includes(v)) return [`${path}: ${JSON.stringify(v)} not in ${JSON.stringify(s.enum)}`];
    if (t === 'array') return (v as unknown[]).flatMap((x, i) => check(x, s.items as Schema, `${path}[${i}]`));
    if (t === 'object' && s.properties) {
      const props = s.properties as Record<string, Schema>;
      const o = v as Record<string, unknown>;
      return [
        ...((s.required as string[] | undefined) ?? []).filter((k) => !(k in o)).map((k) => `${path}.${k}: missing`),
        ...Object.keys(o)
          .filter((k) => !(k in props))
          .map((k) => `${path}.${k}: not in the reference`),
        ...Object.entries(o).flatMap(([k, x]) => (props[k] ? check(x, props[k], `${path}.${k}`) : [])),
      ];
    }
    return [];
  };
  return check;
}
