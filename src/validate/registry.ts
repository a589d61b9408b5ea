import type { Diagnostic } from '../model/diagnostic.js';
import type { FileKind } from '../model/project.js';
import { FILE_KINDS } from './kinds.js';
import type { SourceFile } from './source.js';

/** Settings that change what validators check. Each capability documents its own. */
export interface ValidateOptions {
  /** Devfile checks: `codecatalyst` adds the CodeCatalyst profile to the specification's rules. @default 'codecatalyst' */
  readonly devfileProfile?: 'codecatalyst' | 'generic';
  /** Buildspec checks: the CodeBuild image, to check runtime versions against. @default - any current standard image */
  readonly buildImage?: string;
}

/** A validator for one kind of structured file. Pure: parsed source in, diagnostics out. */
export type ValidateFile = (source: SourceFile, options: ValidateOptions) => Diagnostic[];

/** A kind's loaded validator. */
export interface FileValidator {
  readonly kind: FileKind;
  readonly validate: ValidateFile;
}

/** Where the validation entry points find a kind's validator: the lazily loaded ones (`validatorFor`) or every one (`validators.ts`). */
export type ValidatorLookup = (kind: FileKind) => FileValidator | undefined;

const loaded = new Map<FileKind, FileValidator>();

/**
 * The loaded validator of a kind. Undefined for a kind the table (`kinds.ts`) does not have; an error for a kind
 * whose validator is not loaded yet (`await loadValidators([...])` first).
 */
export function validatorFor(kind: FileKind): FileValidator | undefined {
  if (!FILE_KINDS.some((k) => k.kind === kind)) return undefined;
  const v = loaded.get(kind);
  if (!v) throw new Error(`The ${kind} validator is not loaded: await loadValidators(["${kind}"]) before validating.`);
  return v;
}

/** Load the validators of these kinds (default: every kind) that are not loaded yet. */
export async function loadValidators(kinds?: Iterable<FileKind>): Promise<void> {
  const wanted = kinds === undefined ? undefined : new Set(kinds);
  for (const k of FILE_KINDS) {
    if (loaded.has(k.kind) || (wanted && !wanted.has(k.kind))) continue;
    loaded.set(k.kind, { kind: k.kind, validate: await k.load() });
  }
}

/** The kind a path says a file is (see `FileKindEntry.matches`), or undefined when no kind claims it. */
export function detectKind(path: string): FileKind | undefined {
  const normalized = path.split('\\').join('/');
  return FILE_KINDS.find((v) => v.matches(normalized))?.kind;
}

/** The kind a parsed document's shape says it is, or undefined when no kind recognizes it. */
export function detectKindFromContent(value: unknown): FileKind | undefined {
  return FILE_KINDS.find((v) => v.looksLike?.(value) === true)?.kind;
}

export function registeredKinds(): FileKind[] {
  return FILE_KINDS.map((v) => v.kind);
}
