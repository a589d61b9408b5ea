import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { devfileSchemaFindings } from '../../src/validate/devfile/schema-layer.js';
import { VERSION_GATES } from '../../src/validate/devfile/versions.js';
import { validateDevfile } from '../../src/validate/devfile/validate-devfile.js';
import { OFFICIAL_DEVFILE_VERSIONS, officialDevfileSchema } from './official-schemas.js';
import { SHARED } from '../helpers/files.js';

// One schema covers the 2.1.0-2.3.x line; versions.ts narrows it to each file's own schemaVersion. Every gate
// is checked here against the official schema of each version, before and from the version it names.
const LINE = OFFICIAL_DEVFILE_VERSIONS.filter((v) => v !== '2.0.0');
const ours = (v: unknown) => !devfileSchemaFindings(v).some((f) => f.severity === 'error');

const container = (extra: object = {}, endpoint: object = {}) => ({ name: 'tools', container: { image: 'x:1', endpoints: [{ name: 'http', targetPort: 8080, ...endpoint }], ...extra } });
const exec = (kind: string) => ({ id: 'run', exec: { component: 'tools', commandLine: 'make', group: { kind } } });

/** A devfile that uses what one gate names (a key, a value, a name at the new limit + 1). */
const PROBES: Record<string, (v: string) => object> = {
  'image components': (v) => ({ schemaVersion: v, components: [{ name: 'img', image: { imageName: 'app', dockerfile: { uri: 'Dockerfile' } } }] }),
  'container annotations': (v) => ({ schemaVersion: v, components: [container({ annotation: { service: { a: 'b' } } })] }),
  'endpoint annotations': (v) => ({ schemaVersion: v, components: [container({}, { annotation: { a: 'b' } })] }),
  deployByDefault: (v) => ({ schemaVersion: v, components: [{ name: 'k', kubernetes: { uri: 'k.yaml', deployByDefault: true } }] }),
  'a parent version': (v) => ({ schemaVersion: v, parent: { id: 'nodejs', version: '2.1.1' } }),
  'the deploy command group': (v) => ({ schemaVersion: v, components: [container()], commands: [exec('deploy')] }),
  dependentProjects: (v) => ({ schemaVersion: v, dependentProjects: [{ name: 'lib', git: { remotes: { origin: 'https://x/lib.git' } } }] }),
  'endpoint names': (v) => ({ schemaVersion: v, components: [container({}, { name: 'a'.repeat(19) })] }),
};

/** The same, in the parent's overrides (where a parent version is not an override but the parent's own key). */
const inParent = (what: string) => (v: string) => {
  const { schemaVersion, ...rest } = PROBES[what]!(v) as Record<string, unknown>;
  return { schemaVersion, parent: { id: 'nodejs', ...rest } };
};
/** Every probe, in the devfile and in its parent's overrides, with the version the official schemas say it arrived in. */
const ALL_PROBES = Object.keys(PROBES).flatMap((what) => [
  [what, PROBES[what]!] as const,
  ...(what === 'a parent version' ? [] : [[`the parent's ${what}`, inParent(what)] as const]),
]);

describe('devfile limits and keys by schemaVersion', () => {
  it('every gate has a probe', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...new Set(VERSION_GATES.map((g) => g.what))].sort());
  });

  for (const [what, probe] of ALL_PROBES) {
    it.each(LINE)(`${what}: our verdict at %s is the official schema's`, (version) => {
      const value = probe(version);
      const official = officialDevfileSchema(version)(value);
      expect(ours(value), JSON.stringify(devfileSchemaFindings(value))).toBe(official);
    });
  }

  it('each probe is one the official verdict changes on within the line (so it tests a gate)', () => {
    for (const [what, probe] of ALL_PROBES) {
      const verdicts = new Set(LINE.map((v) => officialDevfileSchema(v)(probe(v))));
      expect(verdicts.size, what).toBe(2);
    }
  });

  it('an endpoint name of 19 characters: accepted in 2.1.0 (63 then), refused from 2.2.0 with both limits named', () => {
    const text = (v: string) => ['schemaVersion: ' + v, 'components:', '  - name: tools', '    container:', '      image: x:1', '      endpoints:', '        - name: nineteen-characters', '          targetPort: 8080', ''].join('\n');
    expect(validateDevfile(text('2.1.0'), 'devfile.yaml', { devfileProfile: 'generic' })).toEqual([]);
    const d = validateDevfile(text('2.2.0'), 'devfile.yaml', { devfileProfile: 'generic' });
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['7:17 error DEVFILE-SCHEMA-MAXLENGTH']);
    expect(d[0]!.message).toMatch(/at most 15 characters since devfile 2\.2\.0 \(63 before\)/);
  });

  it('a key from a later version names the version that brought it', () => {
    const d = validateDevfile(['schemaVersion: 2.2.0', 'dependentProjects:', '  - name: lib', '    git: { remotes: { origin: "https://x/lib.git" } }', ''].join('\n'), 'devfile.yaml', { devfileProfile: 'generic' });
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['2:1 error DEVFILE-SCHEMA-ADDITIONALPROPERTIES']);
    expect(d[0]!.fix).toMatch(/Raise schemaVersion to 2\.2\.2/);
  });
});

// The specification's own cases, each tried at every version of the line.
const DIR = resolve(SHARED, 'conformance', 'devfile', 'cases');
const present = existsSync(DIR);
const files = present ? readdirSync(DIR).sort() : [];
const load = (f: string) => parse(readFileSync(resolve(DIR, f), 'utf8'), { version: '1.1', uniqueKeys: false }) as Record<string, unknown>;

describe.skipIf(!present)('the schema suite at every version of the 2.1-2.3 line agrees with the official schemas (../shared; skipped when absent)', () => {
  it.each(LINE.filter((v) => v !== '2.2.2'))('%s', (version) => {
    const disagree = files.filter((f) => {
      const value = { ...load(f), schemaVersion: version };
      return ours(value) !== officialDevfileSchema(version)(value);
    });
    expect(disagree).toEqual([]);
  });
});
