import type { Diagnostic, Finding } from '../../model/diagnostic.js';
import { fromPointer, sortDiagnostics, toPointer } from '../../model/diagnostic.js';
import type { ValidateOptions } from '../registry.js';
import { attachFindings, parseYamlSource, type SourceFile } from '../source.js';
import { codeCatalystFindings, homeWipeFindings } from './codecatalyst-rules.js';
import { devfileSchemaFindings, isDevfileV1 } from './schema-layer.js';
import { devfileSpecFindings } from './spec-rules.js';
import { substituteDevfileVariables } from './variables.js';
import { yaml11BooleanDiagnostics } from './yaml11-booleans.js';

export type DevfileProfile = NonNullable<ValidateOptions['devfileProfile']>;

export interface DevfileValidateOptions {
  /** `codecatalyst` adds what CodeCatalyst supports to the specification's rules. @default 'codecatalyst' */
  readonly devfileProfile?: DevfileProfile;
  /**
   * The devfile before an edit, parsed. When given, renaming `metadata.name` or the main component (which
   * wipes `/home` in CodeCatalyst) is a warning.
   * @default - no comparison
   */
  readonly previous?: unknown;
}

/**
 * All three layers on a parsed devfile: the JSON schema of its exact version (`DEVFILE-SCHEMA-*`), then, with
 * its variables replaced as the devfile library replaces them (`variables.ts`), the specification's rules
 * (`DEVFILE-*`) and the CodeCatalyst profile (`DEVFILE-CC-*`). The later layers skip what the schema rejected
 * (a component, a command, the events...): their messages there would be guesses about a malformed part. They
 * still run on the rest, so a command naming a missing component is not hidden behind a schema error elsewhere.
 */
export function validateDevfileValue(value: unknown, options: DevfileValidateOptions = {}): Finding[] {
  const schema = devfileSchemaFindings(value);
  // A devfile v1 or a document that is not a mapping is one message; nothing else would mean anything.
  if (isDevfileV1(value) || schema.some((f) => f.severity === 'error' && f.pointer === '' && f.code === 'DEVFILE-SCHEMA-TYPE')) return schema;
  const rejected = rejectedParts(schema);
  const isRejected = (path: readonly (string | number)[]) => rejected.has(toPointer(path.slice(0, 2))) || rejected.has(toPointer(path.slice(0, 1)));
  const keep = (f: Finding) => !fromPointer(f.pointer).some((_, i, all) => rejected.has(toPointer(all.slice(0, i + 1))));
  const profile = options.devfileProfile ?? 'codecatalyst';
  const { value: substituted, findings: variables } = substituteDevfileVariables(value);
  return [
    ...schema,
    ...variables.filter(keep),
    ...devfileSpecFindings(substituted, { rejected: isRejected }).filter(keep),
    ...(profile === 'codecatalyst' ? codeCatalystFindings(substituted).filter(keep) : []),
    ...(profile === 'codecatalyst' && options.previous !== undefined ? homeWipeFindings(options.previous, value) : []),
  ];
}

/** The lists whose items are rejected one by one; elsewhere the whole top-level key is. */
const ITEM_LISTS = new Set(['components', 'commands', 'projects', 'starterProjects', 'dependentProjects']);

/**
 * The parts the schema layer rejected, as pointers: a list item (`/components/2`) for an error inside one, else
 * the top-level key (`/events`). An error about the whole document (a missing schemaVersion) rejects nothing.
 */
function rejectedParts(schema: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of schema) {
    if (f.severity !== 'error') continue;
    const path = fromPointer(f.pointer);
    if (path.length === 0) continue;
    out.add(toPointer(ITEM_LISTS.has(path[0]!) && path.length >= 2 ? path.slice(0, 2) : path.slice(0, 1)));
  }
  return out;
}

/** The devfile validator on parsed source: findings tied to `file:line:col`. */
export function validateDevfileSource(source: SourceFile, options: DevfileValidateOptions = {}): Diagnostic[] {
  // How a value is written (plain or quoted) is in the text, not the value: this check needs the source. A
  // devfile v1 is reported once, without notes about its details.
  const findings = attachFindings(validateDevfileValue(source.value, options), source);
  return sortDiagnostics(isDevfileV1(source.value) ? findings : [...findings, ...yaml11BooleanDiagnostics(source)]);
}

/** Parse and validate devfile text. Syntax errors, duplicate keys and several documents are reported with their line. */
export function validateDevfile(text: string, file = 'devfile.yaml', options: DevfileValidateOptions = {}): Diagnostic[] {
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) return [...parsed.diagnostics];
  return sortDiagnostics([...parsed.diagnostics, ...validateDevfileSource(parsed.source, options)]);
}
