import type { OptionsSchema } from '../model/blueprint.js';
import { isRecord } from '../model/values.js';
import { typeOptionText } from '../options/resolve.js';
import { schemaTypes, subSchemaAt } from '../options/schema-walk.js';
import type { FieldBase, FormField } from './page-api.js';

type Schema = Readonly<Record<string, unknown>>;

export type { FormField } from './page-api.js';

export function formModel(schema: OptionsSchema): FormField[] {
  return fieldsOf(schema);
}

function fieldsOf(s: Schema): FormField[] {
  const props = isRecord(s['properties']) ? (s['properties'] as Record<string, Schema>) : {};
  const required = new Set(Array.isArray(s['required']) ? (s['required'] as string[]) : []);
  return Object.entries(props).map(([k, sub]) => field(k, sub, required.has(k)));
}

function field(key: string, s: Schema, required: boolean): FormField {
  const base: FieldBase = { key, label: labelOf(key, s), required, ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}) };
  const types = schemaTypes(s);
  if (Array.isArray(s['enum']) && s['enum'].every((v) => typeof v === 'string')) return { ...base, kind: 'choice', choices: s['enum'] as string[] };
  if (types.length === 1 && types[0] === 'object' && isRecord(s['properties'])) return { ...base, kind: 'group', optional: !required, fields: fieldsOf(s) };
  if (types.length === 1 && types[0] === 'array' && isRecord(s['items'])) {
    return {
      ...base,
      kind: 'list',
      item: field('', s['items'] as Schema, true),
      ...(typeof s['minItems'] === 'number' ? { minItems: s['minItems'] } : {}),
      ...(typeof s['maxItems'] === 'number' ? { maxItems: s['maxItems'] } : {}),
    };
  }
  if (types.length === 1 && types[0] === 'boolean') return { ...base, kind: 'boolean' };
  const type = types.length === 1 && ['string', 'number', 'integer'].includes(types[0]!) ? types[0]! : 'json';
  return { ...base, kind: 'text', type, ...(typeof s['pattern'] === 'string' ? { pattern: s['pattern'] } : {}) };
}

/** `title` when the schema has one, else the property name in words: `approverEmails` -> "Approver emails". */
function labelOf(key: string, s: Schema): string {
  if (typeof s['title'] === 'string') return s['title'];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The values a form holds, typed: every text the page sends for an option that is not a string (a number, a list
 * or mapping given as JSON) is read exactly as `--set` reads it (`typeOptionText`), so the schema check that
 * follows gives the page the messages the command line gives. Booleans (checkboxes) stay as they are.
 */
export function typeFormValues(schema: OptionsSchema, value: unknown, path: readonly string[] = []): unknown {
  if (typeof value === 'string') return typeOptionText(value, subSchemaAt(schema, path));
  if (Array.isArray(value)) return value.map((v, i) => typeFormValues(schema, v, [...path, String(i)]));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
      out[k] = typeFormValues(schema, v, [...path, k]);
    }
    return out;
  }
  return value;
}
