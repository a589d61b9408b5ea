import { describe, expect, it } from 'vitest';
import { starter } from '../../blueprints/starter/index.js';
import { defineBlueprint } from '../../src/model/blueprint.js';
import { assertValidBlueprint, renderInMemory } from '../../src/testing/index.js';

// The test kit blueprint authors use (catalyst-gen/testing): the same options, render and validators as `new`,
// in memory.

const workflow = (name: string) =>
  defineBlueprint<{ action: string }>({
    id: 'kit-demo',
    displayName: 'x',
    description: 'x',
    version: '1.0.0',
    options: { type: 'object', required: ['action'], properties: { action: { type: 'string', minLength: 1 } } },
    defaults: { action: name },
    render: (o) => ({
      files: [
        { type: 'yaml', path: '.codecatalyst/workflows/ci.yaml', fileKind: 'workflow', value: { Name: 'ci', SchemaVersion: '1.0', Actions: { [o.action]: { Identifier: 'aws/build@v1', Inputs: { Sources: ['WorkflowSource'] }, Configuration: { Steps: [{ Run: 'make' }] } } } } },
        { type: 'json', path: 'meta.json', value: { action: o.action } },
      ],
    }),
  });

describe('the test kit', () => {
  it('renders a blueprint with its defaults and the options given, as new does', () => {
    const r = renderInMemory(starter, { projectName: 'billing' });
    expect(r.diagnostics).toEqual([]);
    expect([...r.files.keys()]).toEqual(['.gitignore', 'README.md']);
    expect(r.options).toMatchObject({ projectName: 'billing', license: 'Apache-2.0' });
    expect(r.file('README.md')).toMatch(/^# billing\n/);
    expect(r.files.get('README.md')).toMatchObject({ mode: 'seed', kind: 'text', executable: false });
    expect(() => r.file('nope.txt')).toThrow('Blueprint "starter" rendered no file "nope.txt"; it rendered .gitignore, README.md');
  });

  it('gives rendered YAML and JSON parsed', () => {
    const r = assertValidBlueprint(workflow('Build'));
    expect((r.value('.codecatalyst/workflows/ci.yaml') as { Actions: object }).Actions).toHaveProperty('Build');
    expect(r.value('meta.json')).toEqual({ action: 'Build' });
  });

  it('reports options the schema refuses, and renders nothing then', () => {
    const r = renderInMemory(starter, { license: 'GPL' as never });
    expect(r.diagnostics.map((d) => [d.code, d.file, d.pointer])).toEqual([['OPTION-ENUM', 'options', '/license']]);
    expect(r.files.size).toBe(0);
  });

  it('assertValidBlueprint throws with every problem of a rendered file, where it is', () => {
    const bad = workflow('Build it!');
    expect(renderInMemory(bad).diagnostics.some((d) => d.severity === 'error' && d.file === '.codecatalyst/workflows/ci.yaml' && d.line !== undefined)).toBe(true);
    expect(() => assertValidBlueprint(bad)).toThrow(/Blueprint "kit-demo" is not valid with these options:\n\.codecatalyst\/workflows\/ci\.yaml:\d+:\d+: error /);
  });

  it('assertValidBlueprint throws for a blueprint that renders different bytes twice', () => {
    let n = 0;
    const clock = defineBlueprint<Record<string, never>>({
      id: 'clock',
      displayName: 'x',
      description: 'x',
      version: '1.0.0',
      options: { type: 'object' },
      defaults: {},
      render: () => ({ files: [{ type: 'text', path: 'stamp.txt', content: `run ${++n}` }] }),
    });
    expect(() => assertValidBlueprint(clock)).toThrow('Blueprint "clock" is not deterministic: stamp.txt differs between two renders with the same options');
  });
});
