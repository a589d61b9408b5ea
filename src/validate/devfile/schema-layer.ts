import type { Finding } from '../diagnostic.js';
import { schemaFindings } from '../schema-findings.js';
import { compileSchema } from '../schemas.js';
import { isRecord } from '../../model/values.js';

/** `schemas/devfile.schema.json` covers 2.0.0; `schemas/devfile-2.2.schema.json` covers 2.1.0 to 2.3.x. */
export function devfileSchemaName(schemaVersion: unknown): 'devfile' | 'devfile-2.2' | undefined {
  if (typeof schemaVersion !== 'string') return 'devfile';
  if (schemaVersion === '2.0.0') return 'devfile';
  if (/^2\.[1-3]\.\d+([-+].*)?$/.test(schemaVersion)) return 'devfile-2.2';
  return undefined;
}

/**
 * Layer 1: the devfile JSON schema of the document's `schemaVersion`. Codes `DEVFILE-SCHEMA-<KEYWORD>`; a
 * version this project has no schema for is `DEVFILE-SCHEMA-VERSION`.
 */
export function devfileSchemaFindings(value: unknown): Finding[] {
  if (!isRecord(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'empty (null)' : `a ${typeof value}`;
    return [
      {
        code: 'DEVFILE-SCHEMA-TYPE',
        severity: 'error',
        pointer: '',
        message: `A devfile is a mapping (schemaVersion, metadata, components, ...); this document is ${what}.`,
        fix: 'Start the file with "schemaVersion: 2.0.0" and write the components as a mapping key.',
      },
    ];
  }
  const version = value['schemaVersion'];
  const name = devfileSchemaName(version);
  if (!name) {
    return [
      {
        code: 'DEVFILE-SCHEMA-VERSION',
        severity: 'error',
        pointer: '/schemaVersion',
        message: `schemaVersion is ${JSON.stringify(version)}; the devfile versions are 2.0.0 and 2.1.0 to 2.3.x.`,
        fix: 'Use "schemaVersion: 2.0.0" (the version CodeCatalyst runs).',
      },
    ];
  }
  const validate = compileSchema(name);
  validate(value);
  return schemaFindings(validate.errors, { codePrefix: 'DEVFILE-SCHEMA' });
}
