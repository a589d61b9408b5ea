import type { FileKind, OwnershipMode } from './project.js';

/** A file ready to be written: final bytes plus what the writer and the validators need to know. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  readonly mode: OwnershipMode;
  readonly kind: FileKind;
  readonly executable: boolean;
}

/** Rendered files by normalized relative path, in code-point order. */
export type FileMap = ReadonlyMap<string, RenderedFile>;
