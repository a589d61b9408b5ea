import type { OptionsSchema } from '../model/blueprint.js';

type Schema = Readonly<Record<string, unknown>>;

/** The sub-schema for a dotted option path (`stages.0.account`), following properties and items. */
export function subSchemaAt(schema: OptionsSchema, path: readonly string[]): Schema | undefined {
  let s: Schema | undefined = schema;
  for (const seg of path) {
    if (!s) return undefined;
    const props = s['properties'] as Record<string, Schema> | undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, seg)) {
      s = props[seg];
      continue;
    }
    const items = s['items'] as Schema | undefined;
    if (items && /^\d+$/.test(seg)) {
      s = items;
      continue;
    }
    const extra = s['additionalProperties'];
    s = extra && typeof extra === 'object' ? (extra as Schema) : undefined;
  }
  return s;
}

/**
 * The position of the first segment of a dotted option path that names a key where the schema has a list
 * (`stages.name`: the list needs an index, `stages.0.name`), or undefined when every list is indexed.
 */
export function listNamedByKey(schema: OptionsSchema, path: readonly string[]): number | undefined {
  for (let i = 1; i < path.length; i++) {
    const types = schemaTypes(subSchemaAt(schema, path.slice(0, i)));
    if (types.includes('array') && !types.includes('object') && !/^\d+$/.test(path[i]!)) return i;
  }
  return undefined;
}

export function schemaTypes(s: Schema | undefined): string[] {
  const t = s?.['type'];
  if (Array.isArray(t)) return t.map(String);
  if (typeof t === 'string') return [t];
  if (s?.['enum']) return [...new Set((s['enum'] as unknown[]).map((v) => (typeof v === 'number' ? 'number' : typeof v)))];
  return [];
}

export interface OptionDoc {
  /** Dotted path; `[]` stands for every item of a list (`stages[].account`). */
  readonly path: string;
  readonly type: string;
  /**
   * Must be given: at the top level, or in every item of a list (`stages[].account`), or inside an object that is
   * itself required. An option inside an optional object that object requires is not `required`, it has
   * `requiredWhen`.
   */
  readonly required: boolean;
  /**
   * The optional object whose presence makes this option required, as a dotted path (`codeArtifact`): its
   * options are required together. @default - no such condition
   */
  readonly requiredWhen?: string;
  readonly description?: string;
  readonly allowed?: readonly unknown[];
  readonly pattern?: string;
  readonly defaultValue?: unknown;
}

/**
 * Flatten a schema into one entry per option, for `show` and for prompts: every leaf, every list, and for a list
 * of objects each property of its items under `<list>[]` (`stages[].account`, required in every item). An
 * optional object's required properties carry `requiredWhen: <object>` (given one, give them all).
 */
export function describeOptions(schema: OptionsSchema, defaults: unknown): OptionDoc[] {
  const out: OptionDoc[] = [];
  // `required`: the option must be present whenever its parent is; `when`: the optional object that makes it so.
  const walk = (s: Schema, path: string[], required: boolean, when: string | undefined, dflt: unknown) => {
    const props = s['properties'] as Record<string, Schema> | undefined;
    if (props && schemaTypes(s).includes('object')) {
      const req = new Set((s['required'] as string[] | undefined) ?? []);
      // Entering an optional object (not the root): its required options are required only when it is given.
      const here = path.join('.');
      const nextWhen = path.length > 0 && !required && when === undefined ? here : when;
      // The optional object itself, so its description (what giving it turns on) is shown once.
      if (nextWhen === here && req.size > 0) {
        out.push({ path: here, type: 'object', required: false, ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}) });
      }
      for (const [k, sub] of Object.entries(props)) {
        const d = dflt && typeof dflt === 'object' ? (dflt as Record<string, unknown>)[k] : undefined;
        const childRequired = req.has(k) && (required || nextWhen !== undefined);
        walk(sub, [...path, k], childRequired && nextWhen === undefined, childRequired ? nextWhen : undefined, d);
      }
      return;
    }
    const items = s['items'] as Schema | undefined;
    const types = schemaTypes(s);
    const type = types.includes('array') && items ? `${schemaTypes(items).join('|') || 'object'}[]` : types.join('|') || 'any';
    out.push({
      path: path.join('.'),
      type,
      required,
      ...(when !== undefined ? { requiredWhen: when } : {}),
      ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
      ...(Array.isArray(s['enum']) ? { allowed: s['enum'] as unknown[] } : items && Array.isArray(items['enum']) ? { allowed: items['enum'] as unknown[] } : {}),
      ...(typeof s['pattern'] === 'string' ? { pattern: s['pattern'] } : {}),
      ...(dflt !== undefined ? { defaultValue: dflt } : {}),
    });
    // A list of objects: document the fields of its items, each required in every item that the list holds.
    if (types.includes('array') && items && items['properties'] && schemaTypes(items).includes('object')) {
      const itemPath = [...path.slice(0, -1), `${path[path.length - 1] ?? ''}[]`];
      walk(items, itemPath, true, undefined, undefined);
    }
  };
  walk(schema, [], true, undefined, defaults);
  return out;
}
