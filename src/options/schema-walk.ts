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
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description?: string;
  readonly allowed?: readonly unknown[];
  readonly pattern?: string;
  readonly defaultValue?: unknown;
}

/** Flatten a schema into one entry per leaf option, for `show` and for prompts. */
export function describeOptions(schema: OptionsSchema, defaults: unknown): OptionDoc[] {
  const out: OptionDoc[] = [];
  const walk = (s: Schema, path: string[], required: boolean, dflt: unknown) => {
    const props = s['properties'] as Record<string, Schema> | undefined;
    if (props && schemaTypes(s).includes('object')) {
      const req = new Set((s['required'] as string[] | undefined) ?? []);
      for (const [k, sub] of Object.entries(props)) {
        const d = dflt && typeof dflt === 'object' ? (dflt as Record<string, unknown>)[k] : undefined;
        walk(sub, [...path, k], required && req.has(k), d);
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
      ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
      ...(Array.isArray(s['enum']) ? { allowed: s['enum'] as unknown[] } : items && Array.isArray(items['enum']) ? { allowed: items['enum'] as unknown[] } : {}),
      ...(typeof s['pattern'] === 'string' ? { pattern: s['pattern'] } : {}),
      ...(dflt !== undefined ? { defaultValue: dflt } : {}),
    });
  };
  walk(schema, [], true, defaults);
  return out;
}
