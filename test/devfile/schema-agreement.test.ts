import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { devfileSchemaFindings } from '../../src/validate/devfile/schema-layer.js';
import { officialDevfileSchema } from './official-schemas.js';
import { SHARED } from '../helpers/files.js';

// Our hand-written schemas must give the official schemas' verdicts. The suite's cases are the probe set;
// each is also tried as a 2.2.2 devfile against the 2.2 line. (Parent and plugin overrides are checked for
// shape only, a known simplification; the suite's parent cases still agree.)
const DIR = resolve(SHARED, 'conformance', 'devfile', 'cases');
const present = existsSync(DIR);
const files = present ? readdirSync(DIR).sort() : [];

const load = (f: string) => parse(readFileSync(resolve(DIR, f), 'utf8'), { version: '1.1', uniqueKeys: false }) as Record<string, unknown>;
const ours = (v: unknown) => !devfileSchemaFindings(v).some((f) => f.severity === 'error');

describe.skipIf(!present)('our devfile schemas agree with the official ones (../shared/conformance/devfile; skipped when absent)', () => {
  it.each(files)('2.0.0: %s', (f) => {
    const value = load(f);
    expect(ours(value)).toBe(officialDevfileSchema('2.0.0')(value));
  });

  it.each(files)('2.2.2: %s', (f) => {
    const value = { ...load(f), schemaVersion: '2.2.2' };
    expect(ours(value)).toBe(officialDevfileSchema('2.2.2')(value));
  });
});

describe('our devfile schemas agree with the official ones on hand-made probes', () => {
  const base = { schemaVersion: '2.0.0', components: [{ name: 'main', container: { image: 'x:1' } }] };
  const probes: [string, unknown][] = [
    ['minimal', { schemaVersion: '2.0.0' }],
    ['base', base],
    ['unknown top-level key', { ...base, extra: 1 }],
    ['metadata is open', { ...base, metadata: { name: 'a', projectType: 'aws', anything: true } }],
    ['metadata version not semver', { ...base, metadata: { version: 'v1' } }],
    ['env value number', { schemaVersion: '2.0.0', components: [{ name: 'm', container: { image: 'x', env: [{ name: 'A', value: 1 }] } }] }],
    ['volume with size', { schemaVersion: '2.0.0', components: [{ name: 'v', volume: { size: '1Gi' } }] }],
    ['two component types', { schemaVersion: '2.0.0', components: [{ name: 'v', volume: {}, container: { image: 'x' } }] }],
    ['name too long', { schemaVersion: '2.0.0', components: [{ name: 'a'.repeat(64), volume: {} }] }],
    ['endpoint name of 20 chars', { schemaVersion: '2.0.0', components: [{ name: 'm', container: { image: 'x', endpoints: [{ name: 'a'.repeat(20), targetPort: 1 }] } }] }],
    ['endpoint port not integer', { schemaVersion: '2.0.0', components: [{ name: 'm', container: { image: 'x', endpoints: [{ name: 'a', targetPort: 1.5 }] } }] }],
    ['exec without component', { ...base, commands: [{ id: 'a', exec: { commandLine: 'x' } }] }],
    ['events postStart string', { ...base, events: { postStart: 'a' } }],
    ['group deploy', { ...base, commands: [{ id: 'a', exec: { commandLine: 'x', component: 'main', group: { kind: 'deploy' } } }] }],
    ['container cpuLimit', { schemaVersion: '2.0.0', components: [{ name: 'm', container: { image: 'x', cpuLimit: '1' } }] }],
    ['zip project', { ...base, projects: [{ name: 'p', zip: { location: 'https://x/y.zip' } }] }],
    ['github project', { ...base, projects: [{ name: 'p', github: { remotes: { origin: 'https://x' } } }] }],
    ['variables', { ...base, variables: { a: 'b' } }],
  ];
  it.each(probes)('%s', (_name, value) => {
    expect(ours(value)).toBe(officialDevfileSchema('2.0.0')(value));
    const v22 = { ...(value as object), schemaVersion: '2.2.2' };
    expect(ours(v22)).toBe(officialDevfileSchema('2.2.2')(v22));
  });
});
