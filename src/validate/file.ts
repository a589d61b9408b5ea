// The validation entry points with every validator at hand, so they can be called at once. Code that validates
// only some kinds imports `file-core.ts` and loads the validators it needs (`loadValidators`).
import type { FileMap } from '../model/file-map.js';
import type { FileKind } from '../model/project.js';
import type { Diagnostic } from '../model/diagnostic.js';
import * as core from './file-core.js';
import type { ValidateOptions } from './registry.js';
import type { ParseResult } from './source.js';
import { anyValidatorFor } from './validators.js';

export type { FileCheck, FileCheckOptions } from './file-core.js';

/** Parse a file of a known kind and run its validator. Text files have nothing to check. */
export function validateText(text: string, file: string, kind: FileKind, options: ValidateOptions = {}): Diagnostic[] {
  return core.validateText(text, file, kind, options, anyValidatorFor);
}

/** `validateText` for a file already parsed with `parseYamlSource`. */
export function validateParsed(parsed: ParseResult, kind: FileKind, options: ValidateOptions = {}): Diagnostic[] {
  return core.validateParsed(parsed, kind, options, anyValidatorFor);
}

/** Validate every structured file a blueprint rendered. Any error here is a bug in the blueprint. */
export function validateFileMap(files: FileMap, options: ValidateOptions = {}): Diagnostic[] {
  return core.validateFileMap(files, options, anyValidatorFor);
}

/** Validate a file from its bytes, its kind forced, else from its path, else from its content (see `file-core.ts`). */
export function validateFileBytes(bytes: Uint8Array, file: string, options: core.FileCheckOptions): core.FileCheck {
  return core.validateFileBytes(bytes, file, options, anyValidatorFor);
}
