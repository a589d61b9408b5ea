import { describe, expect, it } from 'vitest';
import { validateDevfile } from '../../src/validate/devfile/validate-devfile.js';
import { substituteDevfileVariables } from '../../src/validate/devfile/variables.js';

// Devfile variables are replaced before the specification's rules run, as the devfile library does; an
// undefined one is reported wherever it appears, the parent's reference included.
const lines = (...l: string[]) => l.join('\n') + '\n';
const found = (text: string) => validateDevfile(text, 'devfile.yaml', { devfileProfile: 'generic' }).map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`);
const withMemory = (...variables: string[]) =>
  lines('schemaVersion: 2.1.0', ...(variables.length ? ['variables:', ...variables] : []), 'components:', '  - name: tools', '    container:', '      image: x:1', '      memoryLimit: "{{memoryLimit}}"');

describe('devfile variables', () => {
  it('a defined variable is checked as its value: {{memoryLimit}} defined as 1Gi is a quantity', () => {
    expect(found(withMemory('  memoryLimit: 1Gi'))).toEqual([]);
    expect(found(withMemory('  memoryLimit: 2GB'))).toEqual(['8:20 error DEVFILE-QUANTITY']);
  });

  it('an undefined one is left as written: a warning naming it, and the value checked as it stays', () => {
    expect(found(withMemory())).toEqual(['6:20 error DEVFILE-QUANTITY', '6:20 warning DEVFILE-VARIABLE']);
  });

  it('an undefined variable in parent.uri is flagged, with the parent as a possible source', () => {
    const d = validateDevfile(lines('schemaVersion: 2.2.0', 'parent:', '  uri: "https://registry.example/{{stack}}/devfile.yaml"'), 'devfile.yaml', { devfileProfile: 'generic' });
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['3:8 warning DEVFILE-VARIABLE']);
    expect(d[0]!.message).toMatch(/"\{\{stack\}\}".*unless the parent devfile defines it/);
  });

  it('a defined variable where the library does not replace it (parent.uri, metadata) is a warning that it stays as written', () => {
    expect(found(lines('schemaVersion: 2.2.0', 'variables:', '  stack: go', 'metadata:', '  name: "{{stack}}-app"', 'parent:', '  uri: "https://registry.example/{{stack}}/devfile.yaml"'))).toEqual([
      '5:9 warning DEVFILE-VARIABLE-NOT-REPLACED',
      '7:8 warning DEVFILE-VARIABLE-NOT-REPLACED',
    ]);
  });

  it('attributes are free-form and 2.0.0 has no variables: neither is replaced nor reported', () => {
    expect(found(lines('schemaVersion: 2.1.0', 'components:', '  - name: tools', '    attributes: { template: "{{x}}" }', '    container: { image: "x:1" }'))).toEqual([]);
    const v200 = { schemaVersion: '2.0.0', components: [{ name: 'tools', container: { image: '{{img}}' } }] };
    expect(substituteDevfileVariables(v200)).toEqual({ value: v200, findings: [] });
  });

  it('substitution copies what it changes and leaves the parsed devfile as it was', () => {
    const devfile = { schemaVersion: '2.2.0', variables: { tag: '1.2' }, components: [{ name: 'tools', container: { image: 'app:{{tag}}' } }, { name: 'vol', volume: {} }] };
    const before = structuredClone(devfile);
    const { value } = substituteDevfileVariables(devfile) as { value: typeof devfile };
    expect(value.components[0]!.container).toEqual({ image: 'app:1.2' });
    expect(value.components[1]).toBe(devfile.components[1]);
    expect(devfile).toEqual(before);
  });
});
