import { isRecord } from '../model/values.js';

/**
 * What a JSON schema says about one place in a document: the subschemas that apply at a path, for hovers
 * (descriptions) and completion (enumerated values). Enough of draft-07 for the schemas this project owns:
 * `$ref` to `#/definitions/...`, `allOf`, `anyOf`/`oneOf` (every branch that could apply), `if`/`then`/`else`
 * decided on the document's value where the `if` only tests `required`, `const`, `enum` and `pattern` of
 * properties (how the workflow schema picks an action's Configuration by its Identifier), `properties`,
 * `patternProperties`, `additionalProperties` and `items`. Pure.
 */
type Schema = Record<string, unknown>;

export interface SchemaFacts {
  /** The first description found, most specific first. */
  readonly description?: string;
  /** The values the schemas enumerate (`enum`, `const`), in order, each once. */
  readonly values: readonly unknown[];
  /** `examples` of the schemas (the workflow schema lists every aws/ identifier there). */
  readonly examples: readonly unknown[];
}

export function schemaFactsAt(root: Schema, path: readonly (string | number)[], document: unknown): SchemaFacts {
  let nodes = expand(root, [root], document);
  let data: unknown = document;
  for (const seg of path) {
    data = isRecord(data) ? data[String(seg)] : Array.isArray(data) && typeof seg === 'number' ? data[seg] : undefined;
    const next: Schema[] = [];
    for (const n of nodes) for (const child of childSchemas(n, seg)) next.push(child);
    nodes = next.flatMap((n) => expand(root, [n], data));
    if (nodes.length === 0) break;
  }
  const values: unknown[] = [];
  const examples: unknown[] = [];
  let description: string | undefined;
  // Deepest (most specific) descriptions come from the nodes a $ref led to last; the property's own comes first.
  for (const n of nodes) {
    if (description === undefined && typeof n['description'] === 'string') description = n['description'];
    if (Array.isArray(n['enum'])) for (const v of n['enum']) if (!values.includes(v)) values.push(v);
    if ('const' in n && !values.includes(n['const'])) values.push(n['const']);
    if (Array.isArray(n['examples'])) for (const v of n['examples']) if (!examples.includes(v)) examples.push(v);
  }
  return { ...(description !== undefined ? { description } : {}), values, examples };
}

function childSchemas(n: Schema, seg: string | number): Schema[] {
  const out: Schema[] = [];
  const key = String(seg);
  const props = n['properties'];
  if (isRecord(props) && isRecord(props[key])) {
    out.push(props[key]);
    return out;
  }
  const patterns = n['patternProperties'];
  if (isRecord(patterns)) {
    for (const [p, s] of Object.entries(patterns)) if (isRecord(s) && safeTest(p, key)) out.push(s);
    if (out.length > 0) return out;
  }
  if (typeof seg === 'number' && isRecord(n['items'])) out.push(n['items']);
  else if (isRecord(n['additionalProperties'])) out.push(n['additionalProperties']);
  return out;
}

/** A node and every subschema that applies with it (references, combinators, conditionals), each once. */
function expand(root: Schema, start: Schema[], data: unknown): Schema[] {
  const out: Schema[] = [];
  const seen = new Set<Schema>();
  const visit = (n: Schema, depth: number) => {
    if (seen.has(n) || depth > 32) return;
    seen.add(n);
    out.push(n);
    const ref = n['$ref'];
    if (typeof ref === 'string') {
      const target = resolveRef(root, ref);
      if (target) visit(target, depth + 1);
    }
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      const list = n[k];
      if (Array.isArray(list)) for (const s of list) if (isRecord(s)) visit(s, depth + 1);
    }
    if (isRecord(n['if'])) {
      const branch = matches(n['if'], data) ? n['then'] : n['else'];
      if (isRecord(branch)) visit(branch, depth + 1);
    }
  };
  for (const n of start) visit(n, 0);
  return out;
}

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const seg of ref.slice(2).split('/')) node = isRecord(node) ? node[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isRecord(node) ? node : undefined;
}

/** Whether `data` passes an `if` that tests only required keys and const/enum/pattern of properties. */
function matches(cond: Schema, data: unknown): boolean {
  if (!isRecord(data)) return false;
  const required = cond['required'];
  if (Array.isArray(required) && !required.every((k) => typeof k === 'string' && k in data)) return false;
  const not = cond['not'];
  if (isRecord(not) && Array.isArray(not['required']) && not['required'].every((k) => typeof k === 'string' && k in data)) return false;
  const props = cond['properties'];
  if (isRecord(props)) {
    for (const [k, s] of Object.entries(props)) {
      if (!isRecord(s) || !(k in data)) continue;
      const v = data[k];
      if ('const' in s && v !== s['const']) return false;
      if (Array.isArray(s['enum']) && !s['enum'].includes(v)) return false;
      if (typeof s['pattern'] === 'string' && !(typeof v === 'string' && safeTest(s['pattern'], v))) return false;
    }
  }
  return true;
}

function safeTest(pattern: string, s: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(s);
  } catch {
    return false;
  }
}
