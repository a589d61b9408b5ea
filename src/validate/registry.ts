import type { FileKind } from '../model/project.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceFile } from './source.js';
import { isRecord } from '../model/values.js';

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
  /**
   * Whether a path is this kind of file, judged by its name and folders. Callers pass the normalized absolute
   * path with `/` separators, so a folder such as `.codecatalyst/workflows/` counts wherever it is.
   */
  matches(path: string): boolean;
  /**
   * Whether a parsed value has this kind's shape (its distinctive top-level keys), for a file named explicitly
   * whose path says nothing. Omitted by kinds whose shape is not distinctive. @default - never
   */
  looksLike?(value: unknown): boolean;
  validate(source: SourceFile, options: ValidateOptions): Diagnostic[];
}

/**
 * A kind as the registry knows it before its validator is loaded: the cheap checks that say whether a file is
 * of this kind (by path, by shape), and how to load the module that registers its validator.
 */
export interface FileKindEntry {
  readonly kind: FileKind;
  matches(path: string): boolean;
  looksLike?(value: unknown): boolean;
  /** Import the module that calls `registerValidator` for this kind. @default - the validator is registered directly */
  load?(): Promise<unknown>;
}

interface Entry extends FileKindEntry {
  validator?: FileValidator;
}

const entries: Entry[] = [];

/**
 * Make a kind known without loading its validator (`src/validate/kinds.ts` does this for every kind): path and
 * shape detection work at once, and `loadValidators` imports the validator when a file of the kind is validated.
 */
export function registerKind(k: FileKindEntry): void {
  if (entries.some((x) => x.kind === k.kind)) throw new Error(`The kind "${k.kind}" is already registered.`);
  entries.push({ ...k });
}

/** Capabilities call this once, at module load (the modules `src/validate/kinds.ts` loads for their kinds). */
export function registerValidator(v: FileValidator): void {
  const entry = entries.find((x) => x.kind === v.kind);
  if (entry?.validator) throw new Error(`A validator for "${v.kind}" is already registered.`);
  if (entry) entry.validator = v;
  else entries.push({ kind: v.kind, matches: (p) => v.matches(p), ...(v.looksLike ? { looksLike: (x: unknown) => v.looksLike!(x) } : {}), validator: v });
}

/**
 * The validator of a kind. Undefined for a kind nobody registered; an error for a registered kind whose
 * validator is not loaded yet (a caller that imports only `kinds.ts` must `await loadValidators(...)` first).
 */
export function validatorFor(kind: FileKind): FileValidator | undefined {
  const entry = entries.find((v) => v.kind === kind);
  if (entry && !entry.validator) throw new Error(`The ${kind} validator is not loaded: await loadValidators(["${kind}"]) before validating.`);
  return entry?.validator;
}

/** Load the validators of these kinds (default: every registered kind) that are not loaded yet. */
export async function loadValidators(kinds?: Iterable<FileKind>): Promise<void> {
  const wanted = kinds === undefined ? undefined : new Set(kinds);
  for (const e of entries) {
    if (e.validator || (wanted && !wanted.has(e.kind))) continue;
    await e.load?.();
    if (!e.validator) throw new Error(`Loading the ${e.kind} validator did not register it.`);
  }
}

/** The kind a path says a file is (see `FileValidator.matches`), or undefined when no validator claims it. */
export function detectKind(path: string): FileKind | undefined {
  const normalized = path.split('\\').join('/');
  return entries.find((v) => v.matches(normalized))?.kind;
}

/** The kind a parsed document's shape says it is, or undefined when no validator recognizes it. */
export function detectKindFromContent(value: unknown): FileKind | undefined {
  return entries.find((v) => v.looksLike?.(value) === true)?.kind;
}

/** The top-level keys of a mapping, or an empty set for anything else. For `looksLike`. */
export function topLevelKeys(value: unknown): ReadonlySet<string> {
  return new Set(isRecord(value) ? Object.keys(value) : []);
}

export function registeredKinds(): FileKind[] {
  return entries.map((v) => v.kind);
}
