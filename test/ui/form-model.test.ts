import { describe, expect, it } from 'vitest';
import { catalogueEntries } from '../../blueprints/catalogue.js';
import { formModel, typeFormValues, type FormField } from '../../src/ui/form-model.js';
import { parseSetArgument, applyAssignments } from '../../src/options/resolve.js';

const load = async (id: string) => catalogueEntries.find((e) => e.id === id)!.load();
const find = (fields: readonly FormField[], key: string) => fields.find((f) => f.key === key)!;

describe('the form read from an option schema', () => {
  it('draws groups, lists of groups, choices, booleans and typed text, with labels and help from the schema', async () => {
    const bp = await load('three-tier-web');
    const fields = formModel(bp.options);
    expect(fields.map((f) => f.key)).toEqual(Object.keys(bp.options['properties'] as object));
    const stages = find(fields, 'stages');
    expect(stages).toMatchObject({ kind: 'list', label: 'Stages', minItems: 1, maxItems: 20, required: true });
    const item = (stages as Extract<FormField, { kind: 'list' }>).item;
    expect(item.kind).toBe('group');
    expect(find((item as Extract<FormField, { kind: 'group' }>).fields, 'approval')).toMatchObject({ kind: 'boolean', label: 'Approval', description: 'Wait for a manual approval before this stage.' });
    expect(find(fields, 'pythonRuntime')).toMatchObject({ kind: 'choice', choices: expect.arrayContaining(['python3.14']) });
    expect(find(fields, 'appName')).toMatchObject({ kind: 'text', type: 'string', label: 'App name', pattern: '^[a-z][a-z0-9-]{1,30}$' });
  });

  it('makes an optional object a group that can be switched off', async () => {
    const bp = await load('serverless-python');
    const ca = find(formModel(bp.options), 'codeArtifact');
    expect(ca).toMatchObject({ kind: 'group', optional: true, required: false });
  });

  it('types the texts it sends back exactly as --set types the same texts', async () => {
    const bp = await load('multi-account-control');
    const schema = bp.options;
    const props = schema['properties'] as Record<string, { type?: string }>;
    const numeric = Object.keys(props).find((k) => props[k]!.type === 'integer' || props[k]!.type === 'number')!;
    for (const text of ['2', 'two', '2.5', ' 3 ']) {
      const viaForm = typeFormValues(schema, { [numeric]: text }) as Record<string, unknown>;
      const set = parseSetArgument(`${numeric}=${text}`, schema);
      if (!set.ok) throw new Error('unexpected');
      expect(viaForm[numeric], text).toEqual(applyAssignments({}, [set.assignment]).values[numeric]);
    }
  });
});
