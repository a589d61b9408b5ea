import { describe, expect, it } from 'vitest';
import { defineBlueprint } from '../../src/model/blueprint.js';
import { applyAssignments, mergeOptions, parseSetArgument } from '../../src/options/resolve.js';
import { describeOptions } from '../../src/options/schema-walk.js';
import { missingRequired, validateOptions } from '../../src/options/validate.js';

const bp = defineBlueprint<Record<string, unknown>>({
  id: 'opts-test',
  displayName: 'Options test',
  description: 'd',
  version: '1.0.0',
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'stages'],
    properties: {
      name: { type: 'string', description: 'The name.' },
      replicas: { type: 'integer', minimum: 1 },
      enabled: { type: 'boolean' },
      tools: { type: 'array', items: { type: 'string', enum: ['npm', 'pip'] } },
      ports: { type: 'array', items: { type: 'integer' } },
      stages: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['account'],
          properties: { account: { type: 'string', pattern: '^\\d{12}$' }, region: { type: 'string' } },
        },
      },
    },
  },
  defaults: { stages: [{ account: '111111111111', region: 'us-east-1' }] },
  render: () => ({ files: [] }),
});

const set = (arg: string) => {
  const r = parseSetArgument(arg, bp.options);
  if (!r.ok) throw new Error(r.finding.message);
  return r.assignment;
};

describe('--set', () => {
  it('types values by the schema', () => {
    expect(set('replicas=3').value).toBe(3);
    expect(set('enabled=false').value).toBe(false);
    expect(set('tools=npm,pip').value).toEqual(['npm', 'pip']);
    expect(set('ports=80, 443').value).toEqual([80, 443]);
    expect(set('ports=[1,2]').value).toEqual([1, 2]);
    expect(set('name=007').value).toBe('007');
    expect(set('stages.0.account=123456789012')).toMatchObject({ path: ['stages', '0', 'account'], value: '123456789012' });
  });

  it('refuses a malformed assignment and prototype keys', () => {
    expect(parseSetArgument('novalue', bp.options).ok).toBe(false);
    expect(parseSetArgument('__proto__.x=1', bp.options).ok).toBe(false);
  });

  it('indexes into lists and creates what is missing', () => {
    const base = mergeOptions(bp.defaults);
    const { values: out, findings } = applyAssignments(base, [set('stages.1.account=222222222222'), set('stages.0.region=eu-west-1')]);
    expect(findings).toEqual([]);
    expect(out['stages']).toEqual([{ account: '111111111111', region: 'eu-west-1' }, { account: '222222222222' }]);
    expect(base['stages']).toEqual([{ account: '111111111111', region: 'us-east-1' }]);
  });
});

describe('--set on lists', () => {
  it('refuses an index past the end of the list, naming the option and its length (no huge list is built)', () => {
    const base = mergeOptions(bp.defaults);
    const { values, findings } = applyAssignments(base, [set('tools.99999999=npm'), set('stages.5.account=222222222222')]);
    expect(findings).toEqual([
      expect.objectContaining({ code: 'OPTION-SET-INDEX', message: '--set "tools.99999999=npm": "tools" is a list of 0 item(s), so index 99999999 is out of range.' }),
      expect.objectContaining({ code: 'OPTION-SET-INDEX', message: '--set "stages.5.account=222222222222": "stages" is a list of 1 item(s), so index 5 is out of range.' }),
    ]);
    expect(values).toEqual(base);
  });

  it('appends at the index equal to the length, one after another', () => {
    const { values, findings } = applyAssignments({}, [set('tools.0=npm'), set('tools.1=pip'), set('tools.3=npm')]);
    expect(values['tools']).toEqual(['npm', 'pip']);
    expect(findings.map((f) => f.code)).toEqual(['OPTION-SET-INDEX']);
    expect(findings[0]?.message).toContain('"tools" is a list of 2 item(s)');
  });

  it('refuses a name where a list is: by the schema when parsing, by the value when applying', () => {
    const r = parseSetArgument('stages.name=x', bp.options);
    expect(r).toMatchObject({ ok: false, finding: { code: 'OPTION-SET-LIST', message: '--set "stages.name=x": stages is a list; use stages.<index>.name.' } });
    expect(parseSetArgument('tools.foo=x', bp.options)).toMatchObject({ ok: false, finding: { message: '--set "tools.foo=x": tools is a list; use tools.<index>.' } });
    // An option the schema does not describe: the value decides.
    const { values, findings } = applyAssignments({ extra: ['a'] }, [{ path: ['extra', 'foo'], value: 'x', raw: 'extra.foo=x' }]);
    expect(values).toEqual({ extra: ['a'] });
    expect(findings).toMatchObject([{ code: 'OPTION-SET-LIST', message: '--set "extra.foo=x": extra is a list; use extra.<index>.' }]);
  });
});

describe('mergeOptions', () => {
  it('merges mappings deeply and replaces lists', () => {
    expect(mergeOptions({ a: { b: 1, c: [1, 2] } }, { a: { c: [3] } }, { a: { d: 2 } })).toEqual({ a: { b: 1, c: [3], d: 2 } });
  });
});

describe('validateOptions', () => {
  it('reports every problem at once, naming option, value and what is allowed', () => {
    const findings = validateOptions(bp, { name: 'x', replicas: 0, tools: ['npm', 'maven'], stages: [{ account: '12' }], colour: 'red' });
    const messages = findings.map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Unknown option "colour"'),
        expect.stringMatching(/Option "replicas" is 0; it must be >= 1/),
        expect.stringMatching(/Option "tools\.1" is "maven".*"npm", "pip"/),
        expect.stringMatching(/Option "stages\.0\.account" is "12"/),
      ]),
    );
    expect(findings).toHaveLength(4);
  });

  it('lists the missing required options by dotted name', () => {
    expect(missingRequired(validateOptions(bp, { stages: [{}] })).sort()).toEqual(['name', 'stages.0.account'].sort());
  });
});

describe('describeOptions', () => {
  it('flattens the schema with types, defaults and allowed values', () => {
    const docs = describeOptions(bp.options, bp.defaults);
    expect(docs.find((d) => d.path === 'name')).toMatchObject({ type: 'string', required: true, description: 'The name.' });
    expect(docs.find((d) => d.path === 'tools')).toMatchObject({ type: 'string[]', allowed: ['npm', 'pip'] });
    expect(docs.find((d) => d.path === 'stages')).toMatchObject({ defaultValue: [{ account: '111111111111', region: 'us-east-1' }] });
  });
});

describe('defineBlueprint', () => {
  it('rejects an id that is not lowercase words', () => {
    expect(() => defineBlueprint({ ...bp, id: 'Bad Id' })).toThrow(/lowercase/);
  });
});
