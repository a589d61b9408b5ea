/**
 * Every kind's validator, imported eagerly, for the synchronous entry points of `file.ts`. The table of kinds
 * (`kinds.ts`) loads the same functions lazily; a test checks that the two agree.
 */
import type { FileKind } from '../model/project.js';
import { validateBuildspecFile, validateCloudFormationFile, validateIamPolicyFile } from './buildspec/index.js';
import { validateDevfileFile } from './devfile/index.js';
import { parseOnly } from './kinds.js';
import type { FileValidator } from './registry.js';
import { validateWorkflow } from './workflow/index.js';

const ALL: ReadonlyMap<FileKind, FileValidator> = new Map(
  (
    [
      ['yaml', parseOnly],
      ['json', parseOnly],
      ['buildspec', validateBuildspecFile],
      ['iam-policy', validateIamPolicyFile],
      ['cloudformation', validateCloudFormationFile],
      ['devfile', validateDevfileFile],
      ['workflow', validateWorkflow],
    ] as const
  ).map(([kind, validate]) => [kind, { kind, validate }]),
);

/** The validator of a kind, every one loaded. */
export function anyValidatorFor(kind: FileKind): FileValidator | undefined {
  return ALL.get(kind);
}
