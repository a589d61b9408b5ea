import type { FileKind } from '../model/project.js';
import type { Diagnostic } from './diagnostic.js';
import type { SourceFile } from './source.js';

/** Settings that change what validators check. Each capability documents its own. */
export interface ValidateOptions {
  /** Devfile checks: `codecatalyst` adds the CodeCatalyst profile to the specification's rules. @default 'codecatalyst' */
  readonly devfileProfile?: 'codecatalyst' | 'generic';
  /** Buildspec checks: the CodeBuild image, to check runtime versions against. @default - any current standard image */
  readonly buildImage?: string;
}

/** A validator for one kind of structured file. Pure: parsed source in, diagnostics out. */
export interface FileValidator {
  readonly kind: FileKind;
  /** Whether a path (relative, `/`-separated) found while scanning a folder is this kind of file. */
  matches(path: string): boolean;
  validate(source: SourceFile, options: ValidateOptions): Diagnostic[];
}

const validators: FileValidator[] = [];

/** Capabilities call this once, at module load, from `src/validate/validators.ts`. */
export function registerValidator(v: FileValidator): void {
  if (validators.some((x) => x.kind === v.kind)) throw new Error(`A validator for "${v.kind}" is already registered.`);
  validators.push(v);
}

export function validatorFor(kind: FileKind): FileValidator | undefined {
  return validators.find((v) => v.kind === kind);
}

/** The kind of a file found by scanning, or undefined when no validator claims it. */
export function detectKind(path: string): FileKind | undefined {
  return validators.find((v) => v.matches(path))?.kind;
}

export function registeredKinds(): FileKind[] {
  return validators.map((v) => v.kind);
}
