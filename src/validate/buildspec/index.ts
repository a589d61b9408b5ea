import { isBuildspecPath, looksLikeBuildspec } from '../kinds.js';
import { registerValidator } from '../registry.js';
import { scalarText } from '../scalar-text.js';
import { attachFindings } from '../source.js';
import { cloudFormationRules, iamPolicyRules } from './infra.js';
import { validateBuildspec } from './validate.js';

export { isBuildspecPath, looksLikeBuildspec };

registerValidator({
  kind: 'buildspec',
  matches: isBuildspecPath,
  looksLike: looksLikeBuildspec,
  validate: (source, options) =>
    attachFindings(validateBuildspec(source.value, { ...(options.buildImage ? { image: options.buildImage } : {}), scalarText: (pointer) => scalarText(source, pointer) }), source),
});

// Minimal structure checks for the policy and template files the private-build renderers produce. They are
// found only as rendered parts (by kind), never by scanning: their names say nothing about their content.
registerValidator({ kind: 'iam-policy', matches: () => false, validate: (source) => attachFindings(iamPolicyRules(source.value), source) });
registerValidator({ kind: 'cloudformation', matches: () => false, validate: (source) => attachFindings(cloudFormationRules(source.value), source) });
