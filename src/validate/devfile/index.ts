import type { Diagnostic } from '../../model/diagnostic.js';
import type { ValidateOptions } from '../registry.js';
import type { SourceFile } from '../source.js';
import { validateDevfileSource } from './validate-devfile.js';

/** The devfile validator of the table in `../kinds.ts`: the CodeCatalyst profile unless the options say generic. */
export function validateDevfileFile(source: SourceFile, options: ValidateOptions): Diagnostic[] {
  return validateDevfileSource(source, { devfileProfile: options.devfileProfile ?? 'codecatalyst' });
}
