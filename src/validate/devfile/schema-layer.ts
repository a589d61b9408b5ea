import type { Finding } from '../../model/diagnostic.js';
import { schemaFindings } from '../schema-findings.js';
import { compileSchema } from '../schemas.js';
import { isRecord } from '../../model/values.js';
import { parseDevfileVersion, versionGateFindings } from './versions.js';

/** `schemas/devfile.schema.json` covers 2.0.0; `schemas/devfile-2.2.schema.json` covers 2.1.0 to 2.3.x. */
export function devfileSchemaName(schemaVersion: unknown): 'devfile' | 'devfile-2.2' | undefined {
  if (typeof schemaVersion !== 'string') return 'devfile';
  if (schemaVersion === '2.0.0') return 'devfile';
  if (/^2\.[1-3]\.\d+([-+].*)?$/.test(schemaVersion)) return 'devfile-2.2';
  return undefined;
}

/**
 * Devfile v1 (Che 6/7: `apiVersion: 1.0.0`, `alias`, `type: dockerimage`) shares almost nothing with 2.x, so
 * checking it against the 2.x schema gives dozens of errors that all mean one thing.
 */
export function isDevfileV1(value: unknown): boolean {
  return isRecord(value) && value['schemaVersion'] === undefined && typeof value['apiVersion'] === 'string' && /^[01]\.\d+\.\d+/.test(value['apiVersion']);
}

/**
 * Layer 1: the devfile JSON schema of the document's `schemaVersion`, narrowed to that exact version
 * (`versions.ts`). Codes `DEVFILE-SCHEMA-<KEYWORD>`; a version this project has no schema for is
 * `DEVFILE-SCHEMA-VERSION`; a devfile v1 is one `DEVFILE-V1`.
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
  if (isDevfileV1(value)) {
    return [
      {
        code: 'DEVFILE-V1',
        severity: 'error',
        pointer: '/apiVersion',
        message: `devfile v1 is not supported; convert it to 2.x: this file says apiVersion ${String(value['apiVersion'])} (the Eclipse Che 6/7 format), and devfile 2.x tools, CodeCatalyst among them, read only schemaVersion 2.x.`,
        fix: 'Replace "apiVersion: 1.0.0" with "schemaVersion: 2.0.0", turn dockerimage components into container components (alias becomes name, volumes become volume components with volumeMounts) and each command\'s actions into one exec command; the devfile guide\'s "Migrating to devfile v2" lists every change, and @eclipse-che/devfile-converter converts a file.',
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
  const findings = schemaFindings(validate.errors, { codePrefix: 'DEVFILE-SCHEMA' });
  const exact = name === 'devfile-2.2' ? parseDevfileVersion(version) : undefined;
  return exact ? [...findings, ...versionGateFindings(value, exact, String(version))] : findings;
}
