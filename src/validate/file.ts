import type { FileKind } from '../model/project.js';
import type { FileMap } from '../render/file-map.js';
import type { Diagnostic } from './diagnostic.js';
import { sortDiagnostics } from './diagnostic.js';
import { validatorFor, type ValidateOptions } from './registry.js';
import { parseYamlSource } from './source.js';
import './validators.js';

/** Parse a file of a known kind and run its validator. Text files have nothing to check. */
export function validateText(text: string, file: string, kind: FileKind, options: ValidateOptions = {}): Diagnostic[] {
  if (kind === 'text') return [];
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) return [...parsed.diagnostics];
  const validator = validatorFor(kind);
  const found = validator ? validator.validate(parsed.source, options) : [];
  return sortDiagnostics([...parsed.diagnostics, ...found]);
}

/** Validate every structured file a blueprint rendered. Any error here is a bug in the blueprint. */
export function validateFileMap(files: FileMap, options: ValidateOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of files.values()) out.push(...validateText(f.content, f.path, f.kind, options));
  return sortDiagnostics(out);
}
