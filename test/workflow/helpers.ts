import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { serializeYaml } from '../../src/render/serialize.js';
import { validateText } from '../../src/validate/file.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { SHARED } from '../helpers/files.js';

/** Conformance data lives beside the repository, not in it; a user's clone does not have it. */
export { SHARED };
export const HAS_SHARED = existsSync(resolve(SHARED, 'conformance', 'workflows', 'EXPECTED.tsv'));

const requireCjs = createRequire(import.meta.url);

/** The official validator of `@aws/codecatalyst-workflows-sdk` (a devDependency, used by tests only). */
export function officialErrors(value: unknown): string[] {
  const { WorkflowDefinition } = requireCjs('@aws/codecatalyst-workflows-sdk') as {
    WorkflowDefinition: { validate(v: unknown): { errors: { stack: string }[] } };
  };
  return WorkflowDefinition.validate(value).errors.map((e) => e.stack);
}

/** Validate YAML text as a workflow file with this project's validator. */
export function check(text: string, file = '.codecatalyst/workflows/test.yaml'): Diagnostic[] {
  return validateText(text, file, 'workflow');
}

export const errorsOf = (d: readonly Diagnostic[]) => d.filter((x) => x.severity === 'error');
export const codes = (d: readonly Diagnostic[]) => d.map((x) => x.code);

/** Serialize a wire value the way the project writes files, and parse it back. */
export function roundTripYaml(value: unknown): { text: string; parsed: unknown } {
  const text = serializeYaml(value);
  return { text, parsed: YAML.parse(text) };
}

/** A workflow with one mistake (a DependsOn typo), for CLI tests. */
export const BROKEN = [
  'Name: broken',
  'SchemaVersion: "1.0"',
  'Actions:',
  '  Build:',
  '    Identifier: aws/build@v1',
  '    Configuration: {Steps: [{Run: make}]}',
  '  Deploy:',
  '    Identifier: aws/build@v1',
  '    DependsOn: [Biuld]',
  '    Configuration: {Steps: [{Run: make}]}',
  '',
].join('\n');
