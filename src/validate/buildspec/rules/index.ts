import type { RuleDoc } from '../../rule.js';
import { batchDependOn, batchDuplicate, batchForm, batchNoPhases } from './batch.js';
import type { BuildspecRule } from './context.js';
import { BUILDSPEC_DOCUMENTED } from './documented.js';
import { envImageVariable, exportedSecret, exportedVariable, reservedVariable, secretInVariables } from './env.js';
import { emptyCommand, emptyCommands, noPhases } from './phases.js';

/** The buildspec rules a JSON schema cannot say, on the canonical form (runtime versions and AWS CLI v1 apart). */
export const BUILDSPEC_RULES: readonly BuildspecRule[] = [
  noPhases,
  emptyCommands,
  emptyCommand,
  reservedVariable,
  secretInVariables,
  exportedVariable,
  exportedSecret,
  envImageVariable,
  batchNoPhases,
  batchForm,
  batchDuplicate,
  batchDependOn,
];

/** Every buildspec code, for the catalogue. */
export const BUILDSPEC_RULE_DOCS: readonly RuleDoc[] = [...BUILDSPEC_DOCUMENTED, ...BUILDSPEC_RULES];
