import type { Diagnostic, Finding } from '../diagnostic.js';
import { sortDiagnostics } from '../diagnostic.js';
import type { ValidateOptions } from '../registry.js';
import { attachFindings, parseYamlSource, type SourceFile } from '../source.js';
import { codeCatalystFindings, homeWipeFindings } from './codecatalyst-rules.js';
import { devfileSchemaFindings } from './schema-layer.js';
import { devfileSpecFindings } from './spec-rules.js';
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
 * All three layers on a parsed devfile: the JSON schema (`DEVFILE-SCHEMA-*`), then, when the schema holds,
 * the specification's rules (`DEVFILE-*`) and the CodeCatalyst profile (`DEVFILE-CC-*`). The later layers
 * wait for the schema because their messages would be guesses about a malformed document.
 */
export function validateDevfileValue(value: unknown, options: DevfileValidateOptions = {}): Finding[] {
  const schema = devfileSchemaFindings(value);
  if (schema.some((f) => f.severity === 'error')) return schema;
  const profile = options.devfileProfile ?? 'codecatalyst';
  return [
    ...schema,
    ...devfileSpecFindings(value),
    ...(profile === 'codecatalyst' ? codeCatalystFindings(value) : []),
    ...(profile === 'codecatalyst' && options.previous !== undefined ? homeWipeFindings(options.previous, value) : []),
  ];
}

/** The devfile validator on parsed source: findings tied to `file:line:col`. */
export function validateDevfileSource(source: SourceFile, options: DevfileValidateOptions = {}): Diagnostic[] {
  // How a value is written (plain or quoted) is in the text, not the value: this check needs the source.
  return sortDiagnostics([...attachFindings(validateDevfileValue(source.value, options), source), ...yaml11BooleanDiagnostics(source)]);
}

/** Parse and validate devfile text. Syntax errors, duplicate keys and several documents are reported with their line. */
export function validateDevfile(text: string, file = 'devfile.yaml', options: DevfileValidateOptions = {}): Diagnostic[] {
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) return [...parsed.diagnostics];
  return sortDiagnostics([...parsed.diagnostics, ...validateDevfileSource(parsed.source, options)]);
}
