import type { RuleDoc } from '../../rule.js';
import { artifactNotUpstream, artifactUnknown } from './artifacts.js';
import { cacheLambda, computeBoth, sharedInstanceLambda } from './compute.js';
import type { WorkflowRule } from './context.js';
import { dependsCycle, dependsMissing } from './depends.js';
import { WORKFLOW_DOCUMENTED } from './documented.js';
import {
  connectionBlank,
  connectionName,
  connectionNumeric,
  connectionPlaceholder,
  envConnections,
  envMissing,
  envNameBlank,
  envPlaceholder,
  roleArn,
  roleBlank,
  roleName,
  rolePlaceholder,
} from './environment.js';
import { gateInGroup, gateParallel } from './gates.js';
import { identifierPrerelease, identifierUnknown, identifierVersion } from './identifiers.js';
import { nameDuplicate, nameInvalid } from './names.js';
import { secretsLimit, varGroup, varNotExported, varNotUpstream, varUnknownAction } from './variables.js';

/** The workflow rules that run on the dependency graph and the actions' values (after the lenient pass). */
export const WORKFLOW_RULES: readonly WorkflowRule[] = [
  nameInvalid,
  nameDuplicate,
  dependsMissing,
  gateInGroup,
  dependsCycle,
  gateParallel,
  identifierUnknown,
  identifierVersion,
  identifierPrerelease,
  envMissing,
  envNameBlank,
  envPlaceholder,
  envConnections,
  connectionBlank,
  connectionPlaceholder,
  connectionName,
  connectionNumeric,
  roleBlank,
  rolePlaceholder,
  roleArn,
  roleName,
  computeBoth,
  cacheLambda,
  artifactUnknown,
  artifactNotUpstream,
  varUnknownAction,
  varGroup,
  varNotExported,
  varNotUpstream,
  secretsLimit,
  sharedInstanceLambda,
];

/** Every workflow code, for the catalogue. */
export const WORKFLOW_RULE_DOCS: readonly RuleDoc[] = [...WORKFLOW_DOCUMENTED, ...WORKFLOW_RULES];
