import type { Diagnostic } from '../../model/diagnostic.js';
import type { ValidateOptions } from '../registry.js';
import { scalarText } from '../scalar-text.js';
import { attachFindings, type SourceFile } from '../source.js';
import { cloudFormationRules, iamPolicyRules } from './infra.js';
import { validateBuildspec } from './validate.js';

/** The buildspec validator of the table in `../kinds.ts`: runtime versions checked against the options' image. */
export function validateBuildspecFile(source: SourceFile, options: ValidateOptions): Diagnostic[] {
  return attachFindings(validateBuildspec(source.value, { ...(options.buildImage ? { image: options.buildImage } : {}), scalarText: (pointer) => scalarText(source, pointer) }), source);
}

// Minimal structure checks for the policy and template files the private-build renderers produce. They are
// found only as rendered parts (by kind), never by scanning: their names say nothing about their content.
export function validateIamPolicyFile(source: SourceFile): Diagnostic[] {
  return attachFindings(iamPolicyRules(source.value), source);
}

export function validateCloudFormationFile(source: SourceFile): Diagnostic[] {
  return attachFindings(cloudFormationRules(source.value), source);
}
