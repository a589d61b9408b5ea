import { compileSchema } from '../../validate/schemas.js';

/**
 * The JSON schema of GitHub workflow files (SchemaStore's github-workflow.json, vendored as
 * schemas/github-workflow.schema.json; see schemas/github-workflow.NOTICE.md). A structural check: keys, types,
 * the shape of `on:`; actionlint checks the meaning.
 */
export function githubWorkflowSchemaErrors(value: unknown): string[] {
  const validate = compileSchema('github-workflow');
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
